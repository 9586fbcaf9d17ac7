import type { EntityManager } from 'typeorm';
import type { SettingRepository } from '../../domain/shared/settings.ports.js';
import { SettingEntity } from '../entities/settings.entities.js';

export class TypeOrmSettingRepository implements SettingRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const row = await this.em.getRepository(SettingEntity).findOneBy({ setting_key: key });
    return row ? (JSON.parse(row.value_json) as T) : undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.em
      .getRepository(SettingEntity)
      .save({ setting_key: key, value_json: JSON.stringify(value), updated_at: this.now() });
  }
}

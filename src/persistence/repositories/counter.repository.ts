import type { EntityManager } from 'typeorm';
import type { CounterRepository } from '../../domain/forms/form.ports.js';
import { DailyCounterEntity } from '../entities/clients.entities.js';
import { isDuplicateKey } from '../json.js';

/**
 * Bumped with a conditional UPDATE inside the caller's transaction: the row lock serialises
 * concurrent registrations on MySQL, and a rolled-back form gives its number back.
 */
export class TypeOrmCounterRepository implements CounterRepository {
  constructor(private readonly em: EntityManager) {}

  async next(key: string): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await this.em
        .createQueryBuilder()
        .update(DailyCounterEntity)
        .set({ value: () => 'value + 1' })
        .where('counter_key = :key', { key })
        .execute();
      if (res.affected) {
        const row = await this.em.getRepository(DailyCounterEntity).findOneByOrFail({ counter_key: key });
        return Number(row.value);
      }
      try {
        await this.em.getRepository(DailyCounterEntity).insert({ counter_key: key, value: 1 });
        return 1;
      } catch (err) {
        // Another transaction created the row first: bump it instead.
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new Error(`daily counter ${key} could not be incremented`);
  }
}

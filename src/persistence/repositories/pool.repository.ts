import { type EntityManager, In } from 'typeorm';
import type { RecallLockRepository } from '../../domain/pool/recall.ports.js';
import { RecallLockEntity } from '../entities/pool.entities.js';
import { isDuplicateKey } from '../json.js';

const ID_CHUNK = 2000;

export class TypeOrmRecallLockRepository implements RecallLockRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(RecallLockEntity);
  }

  async lock(clientId: number, by: string, at: Date): Promise<boolean> {
    try {
      await this.repo.insert({ client_id: clientId, locked_by: by, locked_at: at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async unlock(clientId: number): Promise<boolean> {
    const res = await this.repo.delete({ client_id: clientId });
    return (res.affected ?? 0) > 0;
  }

  async lockedAmong(clientIds: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (let i = 0; i < clientIds.length; i += ID_CHUNK) {
      const rows = await this.repo.find({
        select: { client_id: true },
        where: { client_id: In(clientIds.slice(i, i + ID_CHUNK)) },
      });
      for (const r of rows) out.add(Number(r.client_id));
    }
    return out;
  }
}

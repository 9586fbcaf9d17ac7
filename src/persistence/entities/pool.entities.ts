import { EntitySchema } from 'typeorm';

/** R-POOL-1 locks (migrations/1763800001310-CreateRecallLock.ts). */
export interface RecallLockRow {
  id: number;
  client_id: number;
  locked_by: string;
  locked_at: Date;
}
export const RecallLockEntity = new EntitySchema<RecallLockRow>({
  name: 'client_recall_lock',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    client_id: { type: 'integer' },
    locked_by: { type: 'varchar', length: 64 },
    locked_at: { type: 'datetime', precision: 3 },
  },
});

export const poolEntities = [RecallLockEntity];

import { EntitySchema } from 'typeorm';
import { datetime, generatedId, integer, varchar } from './columns.js';

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
    id: generatedId(),
    client_id: integer(),
    locked_by: varchar(64),
    locked_at: datetime(),
  },
});

export const poolEntities = [RecallLockEntity];

import { EntitySchema } from 'typeorm';

/** The call log (R-DAY-3), migrations/1763800001200-CreateCallLog.ts. */
export interface CallLogRow {
  id: number;
  agent_open_id: string;
  client_id: number;
  call_date: string;
  called_at: Date;
  outcome: string;
  grade: string | null;
  note: string | null;
}

export const CallLogEntity = new EntitySchema<CallLogRow>({
  name: 'call_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    agent_open_id: { type: 'varchar', length: 64 },
    client_id: { type: 'integer' },
    call_date: { type: 'varchar', length: 10 },
    called_at: { type: 'datetime', precision: 3 },
    outcome: { type: 'varchar', length: 16 },
    grade: { type: 'varchar', length: 1, nullable: true },
    note: { type: 'varchar', length: 200, nullable: true },
  },
});

export const callEntities = [CallLogEntity];

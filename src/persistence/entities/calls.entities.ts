import { EntitySchema } from 'typeorm';
import { datetime, generatedId, integer, nullableVarchar, varchar } from './columns.js';

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
    id: generatedId(),
    agent_open_id: varchar(64),
    client_id: integer(),
    call_date: varchar(10),
    called_at: datetime(),
    outcome: varchar(16),
    grade: nullableVarchar(1),
    note: nullableVarchar(200),
  },
});

export const callEntities = [CallLogEntity];

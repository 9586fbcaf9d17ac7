import { EntitySchema } from 'typeorm';
import { datetime, generatedId, nullableText, nullableVarchar, varchar } from './columns.js';

/** The audit log (R-AUD-1): who changed what, when, under which rule. */

export interface AuditRow {
  id: number;
  at: Date;
  actor: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before_json: string | null;
  after_json: string | null;
  rule: string | null;
  note: string | null;
}
export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'audit_log',
  columns: {
    id: generatedId(),
    at: datetime(),
    actor: nullableVarchar(64),
    action: varchar(64),
    subject_type: varchar(32),
    subject_id: varchar(64),
    before_json: nullableText(),
    after_json: nullableText(),
    rule: nullableVarchar(32),
    note: nullableText(),
  },
});

export const auditEntities = [AuditEntity];

import { EntitySchema } from 'typeorm';
import { datetime, generatedId, nullableDatetime, nullableText, nullableVarchar, varchar } from './columns.js';

export interface ApprovalRow {
  id: number;
  kind: string;
  subject_id: string;
  requester_open_id: string;
  approver_role: string;
  summary: string;
  payload_json: string | null;
  status: string;
  decided_by: string | null;
  decided_at: Date | null;
  comment: string | null;
  notified_json: string | null;
  resent_at: Date | null;
  resent_to_json: string | null;
  escalated_at: Date | null;
  escalated_to_json: string | null;
  created_at: Date;
}

export const ApprovalEntity = new EntitySchema<ApprovalRow>({
  name: 'approval',
  columns: {
    id: generatedId(),
    kind: varchar(32),
    subject_id: varchar(64),
    requester_open_id: varchar(64),
    approver_role: varchar(16),
    summary: varchar(500),
    payload_json: nullableText(),
    status: varchar(16),
    decided_by: nullableVarchar(64),
    decided_at: nullableDatetime(),
    comment: nullableVarchar(500),
    notified_json: nullableText(),
    resent_at: nullableDatetime(),
    resent_to_json: nullableText(),
    escalated_at: nullableDatetime(),
    escalated_to_json: nullableText(),
    created_at: datetime(),
  },
});

export const approvalEntities = [ApprovalEntity];

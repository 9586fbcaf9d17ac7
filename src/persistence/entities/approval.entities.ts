import { EntitySchema } from 'typeorm';

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

const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });

export const ApprovalEntity = new EntitySchema<ApprovalRow>({
  name: 'approval',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    kind: s(32),
    subject_id: s(64),
    requester_open_id: s(64),
    approver_role: s(16),
    summary: s(500),
    payload_json: { type: 'text', nullable: true },
    status: s(16),
    decided_by: s(64, true),
    decided_at: time(true),
    comment: s(500, true),
    notified_json: { type: 'text', nullable: true },
    resent_at: time(true),
    resent_to_json: { type: 'text', nullable: true },
    escalated_at: time(true),
    escalated_to_json: { type: 'text', nullable: true },
    created_at: time(),
  },
});

export const approvalEntities = [ApprovalEntity];

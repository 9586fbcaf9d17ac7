import { EntitySchema } from 'typeorm';

/** Rows behind contract review, feedback and satisfaction (migrations/1763800001500-CreateReviewAndFeedback.ts). */
const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const money = () => ({ type: 'decimal' as const, precision: 14, scale: 2, nullable: true });
const text = (nullable = true) => ({ type: 'text' as const, nullable });
const int = (nullable = false) => ({ type: 'integer' as const, nullable });
const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };

export interface ContractReviewRow {
  id: number;
  contract_no: string;
  client_id: number;
  agent_open_id: string | null;
  signed_date: string;
  unit: string | null;
  area: string | number | null;
  monthly_rent: string | number | null;
  collection_id: number | null;
  entered_by: string;
  status: string;
  round: number;
  legal_status: string;
  finance_status: string;
  legal_comment: string | null;
  finance_comment: string | null;
  form_payload: string | null;
  submitted_at: Date;
  decided_at: Date | null;
}
export const ContractReviewEntity = new EntitySchema<ContractReviewRow>({
  name: 'contract_review',
  columns: {
    id,
    contract_no: s(50),
    client_id: int(),
    agent_open_id: s(64, true),
    signed_date: s(10),
    unit: s(50, true),
    area: money(),
    monthly_rent: money(),
    collection_id: int(true),
    entered_by: s(64),
    status: s(16),
    round: int(),
    legal_status: s(16),
    finance_status: s(16),
    legal_comment: text(),
    finance_comment: text(),
    form_payload: text(),
    submitted_at: time(),
    decided_at: time(true),
  },
});

export interface TenantFeedbackRow {
  id: number;
  client_id: number;
  kind: string;
  content: string;
  owner_open_id: string | null;
  logged_by: string;
  logged_at: Date;
  due_date: string;
  status: string;
  resolution: string | null;
  closed_by: string | null;
  closed_at: Date | null;
}
export const TenantFeedbackEntity = new EntitySchema<TenantFeedbackRow>({
  name: 'tenant_feedback',
  columns: {
    id,
    client_id: int(),
    kind: s(16),
    content: text(false),
    owner_open_id: s(64, true),
    logged_by: s(64),
    logged_at: time(),
    due_date: s(10),
    status: s(16),
    resolution: text(),
    closed_by: s(64, true),
    closed_at: time(true),
  },
});

export interface TenantSatisfactionRow {
  id: number;
  client_id: number;
  agent_open_id: string | null;
  period: string;
  score: number | null;
  note: string | null;
  prompted_at: Date;
  recorded_date: string | null;
  recorded_by: string | null;
}
export const TenantSatisfactionEntity = new EntitySchema<TenantSatisfactionRow>({
  name: 'tenant_satisfaction',
  columns: {
    id,
    client_id: int(),
    agent_open_id: s(64, true),
    period: s(32),
    score: int(true),
    note: text(),
    prompted_at: time(),
    recorded_date: s(10, true),
    recorded_by: s(64, true),
  },
});

export const reviewEntities = [ContractReviewEntity, TenantFeedbackEntity, TenantSatisfactionEntity];

import { EntitySchema } from 'typeorm';
import {
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableInteger,
  nullableText,
  nullableVarchar,
  text,
  varchar,
} from './columns.js';

/** Tenant feedback and satisfaction; created with contract review (migrations/1763800001500-CreateReviewAndFeedback.ts). */
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
    id: generatedId(),
    client_id: integer(),
    kind: varchar(16),
    content: text(),
    owner_open_id: nullableVarchar(64),
    logged_by: varchar(64),
    logged_at: datetime(),
    due_date: varchar(10),
    status: varchar(16),
    resolution: nullableText(),
    closed_by: nullableVarchar(64),
    closed_at: nullableDatetime(),
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
    id: generatedId(),
    client_id: integer(),
    agent_open_id: nullableVarchar(64),
    period: varchar(32),
    score: nullableInteger(),
    note: nullableText(),
    prompted_at: datetime(),
    recorded_date: nullableVarchar(10),
    recorded_by: nullableVarchar(64),
  },
});

export const feedbackEntities = [TenantFeedbackEntity, TenantSatisfactionEntity];

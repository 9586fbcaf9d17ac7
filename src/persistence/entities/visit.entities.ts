import { EntitySchema } from 'typeorm';

const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };

export interface FieldVisitPlanRow {
  id: number;
  agent_open_id: string;
  visit_date: string;
  purpose: string;
  status: string;
  approval_id: number | null;
  created_at: Date;
  updated_at: Date;
}
export const FieldVisitPlanEntity = new EntitySchema<FieldVisitPlanRow>({
  name: 'field_visit_plan',
  columns: {
    id,
    agent_open_id: s(64),
    visit_date: s(10),
    purpose: s(300),
    status: s(16),
    approval_id: { type: 'integer', nullable: true },
    created_at: time(),
    updated_at: time(),
  },
});

export interface FieldVisitTargetRow {
  id: number;
  plan_id: number;
  client_id: number | null;
  place: string | null;
  position: number;
}
export const FieldVisitTargetEntity = new EntitySchema<FieldVisitTargetRow>({
  name: 'field_visit_target',
  columns: {
    id,
    plan_id: { type: 'integer' },
    client_id: { type: 'integer', nullable: true },
    place: s(100, true),
    position: { type: 'integer' },
  },
});

export interface VisitLogRow {
  id: number;
  plan_id: number;
  agent_open_id: string;
  visit_date: string;
  summary: string | null;
  filed_at: Date;
  due_at: Date;
  late: boolean;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
}
export const VisitLogEntity = new EntitySchema<VisitLogRow>({
  name: 'visit_log',
  columns: {
    id,
    plan_id: { type: 'integer' },
    agent_open_id: s(64),
    visit_date: s(10),
    summary: { type: 'text', nullable: true },
    filed_at: time(),
    due_at: time(),
    late: { type: 'boolean' },
    reviewed_by: s(64, true),
    reviewed_at: time(true),
    review_comment: s(500, true),
  },
});

export interface VisitOutcomeRow {
  id: number;
  log_id: number;
  client_id: number;
  outcome: string;
  grade: string | null;
}
export const VisitOutcomeEntity = new EntitySchema<VisitOutcomeRow>({
  name: 'visit_outcome',
  columns: { id, log_id: { type: 'integer' }, client_id: { type: 'integer' }, outcome: s(500), grade: s(1, true) },
});

export const visitEntities = [FieldVisitPlanEntity, FieldVisitTargetEntity, VisitLogEntity, VisitOutcomeEntity];

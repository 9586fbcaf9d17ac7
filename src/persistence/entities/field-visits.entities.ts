import { EntitySchema } from 'typeorm';
import {
  boolean,
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableInteger,
  nullableText,
  nullableVarchar,
  varchar,
} from './columns.js';

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
    id: generatedId(),
    agent_open_id: varchar(64),
    visit_date: varchar(10),
    purpose: varchar(300),
    status: varchar(16),
    approval_id: nullableInteger(),
    created_at: datetime(),
    updated_at: datetime(),
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
    id: generatedId(),
    plan_id: integer(),
    client_id: nullableInteger(),
    place: nullableVarchar(100),
    position: integer(),
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
    id: generatedId(),
    plan_id: integer(),
    agent_open_id: varchar(64),
    visit_date: varchar(10),
    summary: nullableText(),
    filed_at: datetime(),
    due_at: datetime(),
    late: boolean(),
    reviewed_by: nullableVarchar(64),
    reviewed_at: nullableDatetime(),
    review_comment: nullableVarchar(500),
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
  columns: {
    id: generatedId(),
    log_id: integer(),
    client_id: integer(),
    outcome: varchar(500),
    grade: nullableVarchar(1),
  },
});

export const fieldVisitEntities = [FieldVisitPlanEntity, FieldVisitTargetEntity, VisitLogEntity, VisitOutcomeEntity];

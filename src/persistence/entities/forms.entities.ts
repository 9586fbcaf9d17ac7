import { EntitySchema } from 'typeorm';
import {
  boolean,
  datetime,
  generatedId,
  integer,
  money,
  nullableDatetime,
  nullableInteger,
  nullableMoney,
  nullableText,
  nullableVarchar,
  varchar,
} from './columns.js';

/** Rows behind the forms (migrations/1763800000300-CreateForms.ts). Decimals come back as strings on MySQL. */

export interface FormRecordRow {
  id: number;
  kind: string;
  client_id: number | null;
  agent_open_id: string | null;
  filed_by: string;
  filed_at: Date;
  due_at: Date | null;
  late: boolean;
  incomplete: boolean;
  missing_fields: string | null;
  flagged: boolean;
  flag_reason: string | null;
  flagged_by: string | null;
  flagged_at: Date | null;
  ref_id: number | null;
  dedupe_key: string | null;
  payload_json: string | null;
}
export const FormRecordEntity = new EntitySchema<FormRecordRow>({
  name: 'form_record',
  columns: {
    id: generatedId(),
    kind: varchar(24),
    client_id: nullableInteger(),
    agent_open_id: nullableVarchar(64),
    filed_by: varchar(64),
    filed_at: datetime(),
    due_at: nullableDatetime(),
    late: boolean(),
    incomplete: boolean(),
    missing_fields: nullableVarchar(191),
    flagged: boolean(),
    flag_reason: nullableVarchar(200),
    flagged_by: nullableVarchar(64),
    flagged_at: nullableDatetime(),
    ref_id: nullableInteger(),
    dedupe_key: nullableVarchar(100),
    payload_json: nullableText(),
  },
});

export interface RevisitRow {
  id: number;
  client_id: number;
  agent_open_id: string;
  due_date: string;
  purpose: string | null;
  status: string;
  outcome_note: string | null;
  rescheduled_from_id: number | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
}
export const RevisitEntity = new EntitySchema<RevisitRow>({
  name: 'revisit',
  columns: {
    id: generatedId(),
    client_id: integer(),
    agent_open_id: varchar(64),
    due_date: varchar(10),
    purpose: nullableVarchar(200),
    status: varchar(16),
    outcome_note: nullableVarchar(200),
    rescheduled_from_id: nullableInteger(),
    resolved_by: nullableVarchar(64),
    resolved_at: nullableDatetime(),
    created_at: datetime(),
  },
});

export interface SigningPlanRow {
  id: number;
  client_id: number;
  agent_open_id: string;
  deposit_amount: string | number;
  paid_date: string;
  signing_date: string;
  unit: string | null;
  status: string;
  created_at: Date;
}
export const SigningPlanEntity = new EntitySchema<SigningPlanRow>({
  name: 'signing_plan',
  columns: {
    id: generatedId(),
    client_id: integer(),
    agent_open_id: varchar(64),
    deposit_amount: money(),
    paid_date: varchar(10),
    signing_date: varchar(10),
    unit: nullableVarchar(50),
    status: varchar(16),
    created_at: datetime(),
  },
});

export interface CollectionRow {
  id: number;
  contract_no: string;
  client_id: number;
  agent_open_id: string;
  unit: string | null;
  area: string | number | null;
  monthly_rent: string | number | null;
  term_months: number | null;
  collected_date: string;
  created_at: Date;
}
export const CollectionEntity = new EntitySchema<CollectionRow>({
  name: 'contract_collection',
  columns: {
    id: generatedId(),
    contract_no: varchar(50),
    client_id: integer(),
    agent_open_id: varchar(64),
    unit: nullableVarchar(50),
    area: nullableMoney(),
    monthly_rent: nullableMoney(),
    term_months: nullableInteger(),
    collected_date: varchar(10),
    created_at: datetime(),
  },
});

export interface SignedContractRow {
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
  created_at: Date;
}
export const SignedContractEntity = new EntitySchema<SignedContractRow>({
  name: 'signed_contract',
  columns: {
    id: generatedId(),
    contract_no: varchar(50),
    client_id: integer(),
    agent_open_id: nullableVarchar(64),
    signed_date: varchar(10),
    unit: nullableVarchar(50),
    area: nullableMoney(),
    monthly_rent: nullableMoney(),
    collection_id: nullableInteger(),
    entered_by: varchar(64),
    created_at: datetime(),
  },
});

export const formsEntities = [
  FormRecordEntity,
  RevisitEntity,
  SigningPlanEntity,
  CollectionEntity,
  SignedContractEntity,
];

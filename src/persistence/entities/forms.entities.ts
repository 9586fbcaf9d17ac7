import { EntitySchema } from 'typeorm';

/** Rows behind the forms (migrations/1763800000300-CreateForms.ts). Decimals come back as strings on MySQL. */
const s = (length: number, nullable = true) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const money = (nullable = true) => ({ type: 'decimal' as const, precision: 14, scale: 2, nullable });
const int = (nullable = false) => ({ type: 'integer' as const, nullable });
const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };

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
    id,
    kind: s(24, false),
    client_id: int(true),
    agent_open_id: s(64),
    filed_by: s(64, false),
    filed_at: time(),
    due_at: time(true),
    late: { type: 'boolean' },
    incomplete: { type: 'boolean' },
    missing_fields: s(191),
    flagged: { type: 'boolean' },
    flag_reason: s(200),
    flagged_by: s(64),
    flagged_at: time(true),
    ref_id: int(true),
    dedupe_key: s(100),
    payload_json: { type: 'text', nullable: true },
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
    id,
    client_id: int(),
    agent_open_id: s(64, false),
    due_date: s(10, false),
    purpose: s(200),
    status: s(16, false),
    outcome_note: s(200),
    rescheduled_from_id: int(true),
    resolved_by: s(64),
    resolved_at: time(true),
    created_at: time(),
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
    id,
    client_id: int(),
    agent_open_id: s(64, false),
    deposit_amount: money(false),
    paid_date: s(10, false),
    signing_date: s(10, false),
    unit: s(50),
    status: s(16, false),
    created_at: time(),
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
    id,
    contract_no: s(50, false),
    client_id: int(),
    agent_open_id: s(64, false),
    unit: s(50),
    area: money(),
    monthly_rent: money(),
    term_months: int(true),
    collected_date: s(10, false),
    created_at: time(),
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
    id,
    contract_no: s(50, false),
    client_id: int(),
    agent_open_id: s(64),
    signed_date: s(10, false),
    unit: s(50),
    area: money(),
    monthly_rent: money(),
    collection_id: int(true),
    entered_by: s(64, false),
    created_at: time(),
  },
});

export const formsEntities = [
  FormRecordEntity,
  RevisitEntity,
  SigningPlanEntity,
  CollectionEntity,
  SignedContractEntity,
];

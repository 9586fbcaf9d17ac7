import { EntitySchema } from 'typeorm';
import {
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableInteger,
  nullableMoney,
  nullableText,
  nullableVarchar,
  varchar,
} from './columns.js';

/** Rows behind contract review (migrations/1763800001500-CreateReviewAndFeedback.ts, shared with feedback). */

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
    status: varchar(16),
    round: integer(),
    legal_status: varchar(16),
    finance_status: varchar(16),
    legal_comment: nullableText(),
    finance_comment: nullableText(),
    form_payload: nullableText(),
    submitted_at: datetime(),
    decided_at: nullableDatetime(),
  },
});

export const reviewEntities = [ContractReviewEntity];

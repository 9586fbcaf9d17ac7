import { EntitySchema } from 'typeorm';
import {
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableInteger,
  nullableMoney,
  nullableVarchar,
  varchar,
} from './columns.js';

/** Rows behind targets (migrations/1763800000600-CreateTargets.ts). Decimals come back as strings on MySQL. */

export interface TargetRow {
  id: number;
  period_key: string;
  period_kind: string;
  contracts: number;
  area_sqm: string | number | null;
  first_year_rent: string | number | null;
  status: string;
  proposed_by: string;
  proposed_at: Date;
  approval_id: number | null;
  decided_by: string | null;
  decided_at: Date | null;
}
export const TargetEntity = new EntitySchema<TargetRow>({
  name: 'target',
  columns: {
    id: generatedId(),
    period_key: varchar(7),
    period_kind: varchar(8),
    contracts: integer(),
    area_sqm: nullableMoney(),
    first_year_rent: nullableMoney(),
    status: varchar(16),
    proposed_by: varchar(64),
    proposed_at: datetime(),
    approval_id: nullableInteger(),
    decided_by: nullableVarchar(64),
    decided_at: nullableDatetime(),
  },
});

export interface TargetSplitRow {
  id: number;
  target_id: number;
  agent_open_id: string;
  contracts: number;
  area_sqm: string | number | null;
  first_year_rent: string | number | null;
}
export const TargetSplitEntity = new EntitySchema<TargetSplitRow>({
  name: 'target_split',
  columns: {
    id: generatedId(),
    target_id: integer(),
    agent_open_id: varchar(64),
    contracts: integer(),
    area_sqm: nullableMoney(),
    first_year_rent: nullableMoney(),
  },
});

export interface ContractOpeningRow {
  id: number;
  contract_no: string;
  opened_date: string;
  recorded_by: string;
  recorded_at: Date;
}
export const ContractOpeningEntity = new EntitySchema<ContractOpeningRow>({
  name: 'contract_opening',
  columns: {
    id: generatedId(),
    contract_no: varchar(50),
    opened_date: varchar(10),
    recorded_by: varchar(64),
    recorded_at: datetime(),
  },
});

export const targetEntities = [TargetEntity, TargetSplitEntity, ContractOpeningEntity];

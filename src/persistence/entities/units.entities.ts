import { EntitySchema } from 'typeorm';
import {
  datetime,
  generatedId,
  integer,
  money,
  nullableInteger,
  nullableMoney,
  nullableVarchar,
  varchar,
} from './columns.js';

/** Rows behind units (migrations/1763800001400-CreateUnits.ts). Decimals come back as strings on MySQL. */

export interface UnitRow {
  id: number;
  building: string;
  floor: string;
  number: string;
  code_key: string;
  area_sqm: string | number;
  standard_rent: string | number;
  status: string;
  client_id: number | null;
  agent_open_id: string | null;
  plan_id: number | null;
  contract_no: string | null;
  lease_start: string | null;
  lease_end: string | null;
  monthly_rent: string | number | null;
  created_at: Date;
  updated_at: Date;
}
export const UnitEntity = new EntitySchema<UnitRow>({
  name: 'unit',
  columns: {
    id: generatedId(),
    building: varchar(30),
    floor: varchar(20),
    number: varchar(30),
    code_key: varchar(100),
    area_sqm: money(),
    standard_rent: money(),
    status: varchar(16),
    client_id: nullableInteger(),
    agent_open_id: nullableVarchar(64),
    plan_id: nullableInteger(),
    contract_no: nullableVarchar(50),
    lease_start: nullableVarchar(10),
    lease_end: nullableVarchar(10),
    monthly_rent: nullableMoney(),
    created_at: datetime(),
    updated_at: datetime(),
  },
});

export interface UnitSnapshotRow {
  id: number;
  month: string;
  total: number;
  vacant: number;
  leased: number;
  total_area: string | number;
  leased_area: string | number;
  rent_income: string | number;
  taken_at: Date;
}
export const UnitSnapshotEntity = new EntitySchema<UnitSnapshotRow>({
  name: 'unit_month_snapshot',
  columns: {
    id: generatedId(),
    month: varchar(7),
    total: integer(),
    vacant: integer(),
    leased: integer(),
    total_area: money(),
    leased_area: money(),
    rent_income: money(),
    taken_at: datetime(),
  },
});

export const unitEntities = [UnitEntity, UnitSnapshotEntity];

import { EntitySchema } from 'typeorm';

/** Rows behind units (migrations/1763800001400-CreateUnits.ts). Decimals come back as strings on MySQL. */
const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const money = (nullable = true) => ({ type: 'decimal' as const, precision: 14, scale: 2, nullable });
const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };

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
    id,
    building: s(30),
    floor: s(20),
    number: s(30),
    code_key: s(100),
    area_sqm: money(false),
    standard_rent: money(false),
    status: s(16),
    client_id: { type: 'integer', nullable: true },
    agent_open_id: s(64, true),
    plan_id: { type: 'integer', nullable: true },
    contract_no: s(50, true),
    lease_start: s(10, true),
    lease_end: s(10, true),
    monthly_rent: money(),
    created_at: time(),
    updated_at: time(),
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
    id,
    month: s(7),
    total: { type: 'integer' },
    vacant: { type: 'integer' },
    leased: { type: 'integer' },
    total_area: money(false),
    leased_area: money(false),
    rent_income: money(false),
    taken_at: time(),
  },
});

export const unitEntities = [UnitEntity, UnitSnapshotEntity];

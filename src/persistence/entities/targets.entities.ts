import { EntitySchema } from 'typeorm';

/** Rows behind targets (migrations/1763800000600-CreateTargets.ts). Decimals come back as strings on MySQL. */
const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const money = () => ({ type: 'decimal' as const, precision: 14, scale: 2, nullable: true });
const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };

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
    id,
    period_key: s(7),
    period_kind: s(8),
    contracts: { type: 'integer' },
    area_sqm: money(),
    first_year_rent: money(),
    status: s(16),
    proposed_by: s(64),
    proposed_at: time(),
    approval_id: { type: 'integer', nullable: true },
    decided_by: s(64, true),
    decided_at: time(true),
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
    id,
    target_id: { type: 'integer' },
    agent_open_id: s(64),
    contracts: { type: 'integer' },
    area_sqm: money(),
    first_year_rent: money(),
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
  columns: { id, contract_no: s(50), opened_date: s(10), recorded_by: s(64), recorded_at: time() },
});

export const targetEntities = [TargetEntity, TargetSplitEntity, ContractOpeningEntity];

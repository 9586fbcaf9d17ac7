import { EntitySchema } from 'typeorm';

const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const int = (nullable = false) => ({ type: 'integer' as const, nullable });

export interface ClientTierRow {
  client_id: number;
  store_area_sqm: number | null;
  store_count: number | null;
  brand_level: string | null;
  warehouse_sqm: number | null;
  turnover_wan_yuan: number | null;
  manufacturer_strength: string | null;
  suggested_tier: string | null;
  tier: string | null;
  proposed_tier: string | null;
  status: string;
  approval_id: number | null;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  updated_at: Date;
}
export const ClientTierEntity = new EntitySchema<ClientTierRow>({
  name: 'client_tier',
  columns: {
    client_id: { type: 'integer', primary: true },
    store_area_sqm: int(true),
    store_count: int(true),
    brand_level: s(16, true),
    warehouse_sqm: int(true),
    turnover_wan_yuan: int(true),
    manufacturer_strength: s(16, true),
    suggested_tier: s(1, true),
    tier: s(1, true),
    proposed_tier: s(1, true),
    status: s(16),
    approval_id: int(true),
    confirmed_by: s(64, true),
    confirmed_at: time(true),
    updated_at: time(),
  },
});

export interface HandoverRow {
  id: number;
  client_id: number;
  from_open_id: string | null;
  to_open_id: string;
  reason: string | null;
  requested_by: string;
  approved_by: string;
  approval_id: number;
  at: Date;
}
export const HandoverEntity = new EntitySchema<HandoverRow>({
  name: 'client_handover',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    client_id: int(),
    from_open_id: s(64, true),
    to_open_id: s(64),
    reason: s(200, true),
    requested_by: s(64),
    approved_by: s(64),
    approval_id: int(),
    at: time(),
  },
});

export interface MaterialRow {
  id: number;
  title: string;
  kind: string;
  body: string;
  status: string;
  created_by: string;
  approved_by: string | null;
  approved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
export const MaterialEntity = new EntitySchema<MaterialRow>({
  name: 'material',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    title: s(100),
    kind: s(8),
    body: { type: 'text' },
    status: s(16),
    created_by: s(64),
    approved_by: s(64, true),
    approved_at: time(true),
    created_at: time(),
    updated_at: time(),
  },
});

export const tierEntities = [ClientTierEntity, HandoverEntity, MaterialEntity];

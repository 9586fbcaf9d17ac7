import { EntitySchema } from 'typeorm';
import {
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableInteger,
  nullableVarchar,
  varchar,
} from './columns.js';

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
    client_id: { ...integer(), primary: true },
    store_area_sqm: nullableInteger(),
    store_count: nullableInteger(),
    brand_level: nullableVarchar(16),
    warehouse_sqm: nullableInteger(),
    turnover_wan_yuan: nullableInteger(),
    manufacturer_strength: nullableVarchar(16),
    suggested_tier: nullableVarchar(1),
    tier: nullableVarchar(1),
    proposed_tier: nullableVarchar(1),
    status: varchar(16),
    approval_id: nullableInteger(),
    confirmed_by: nullableVarchar(64),
    confirmed_at: nullableDatetime(),
    updated_at: datetime(),
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
    id: generatedId(),
    client_id: integer(),
    from_open_id: nullableVarchar(64),
    to_open_id: varchar(64),
    reason: nullableVarchar(200),
    requested_by: varchar(64),
    approved_by: varchar(64),
    approval_id: integer(),
    at: datetime(),
  },
});

export const tierEntities = [ClientTierEntity, HandoverEntity];

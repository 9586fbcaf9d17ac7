import { EntitySchema } from 'typeorm';
import { datetime, generatedId, integer, nullableVarchar, varchar } from './columns.js';

export interface ClientRow {
  id: number;
  reg_no: string | null;
  name: string;
  shop_name: string | null;
  contact_person: string | null;
  phone: string | null;
  /** The phone reversed, so a tail search (`查 5678`) is an index prefix scan (migration 1763800000300). */
  phone_rev?: string | null;
  category: string | null;
  client_type: string | null;
  source: string | null;
  grade: string | null;
  state: string;
  lost_reason: string | null;
  owner_kind: 'agent' | 'pool';
  owner_open_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export const ClientEntity = new EntitySchema<ClientRow>({
  name: 'client',
  columns: {
    id: generatedId(),
    reg_no: nullableVarchar(32),
    name: varchar(100),
    shop_name: nullableVarchar(100),
    contact_person: nullableVarchar(50),
    phone: nullableVarchar(20),
    phone_rev: nullableVarchar(20),
    category: nullableVarchar(50),
    client_type: nullableVarchar(16),
    source: nullableVarchar(50),
    grade: nullableVarchar(1),
    state: varchar(16),
    lost_reason: nullableVarchar(200),
    owner_kind: varchar(8),
    owner_open_id: nullableVarchar(64),
    created_at: datetime(),
    updated_at: datetime(),
  },
});

export interface DailyCounterRow {
  counter_key: string;
  value: number;
}
export const DailyCounterEntity = new EntitySchema<DailyCounterRow>({
  name: 'daily_counter',
  columns: { counter_key: { ...varchar(64), primary: true }, value: integer() },
});

export const clientEntities = [ClientEntity, DailyCounterEntity];

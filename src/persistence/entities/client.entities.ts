import { EntitySchema } from 'typeorm';

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

const s = (length: number, nullable = true) => ({ type: 'varchar' as const, length, nullable });

export const ClientEntity = new EntitySchema<ClientRow>({
  name: 'client',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    reg_no: s(32),
    name: s(100, false),
    shop_name: s(100),
    contact_person: s(50),
    phone: s(20),
    phone_rev: s(20),
    category: s(50),
    client_type: s(16),
    source: s(50),
    grade: s(1),
    state: s(16, false),
    lost_reason: s(200),
    owner_kind: s(8, false),
    owner_open_id: s(64),
    created_at: { type: 'datetime', precision: 3 },
    updated_at: { type: 'datetime', precision: 3 },
  },
});

export interface DailyCounterRow {
  counter_key: string;
  value: number;
}
export const DailyCounterEntity = new EntitySchema<DailyCounterRow>({
  name: 'daily_counter',
  columns: { counter_key: { type: 'varchar', length: 64, primary: true }, value: { type: 'integer' } },
});

export const clientEntities = [ClientEntity, DailyCounterEntity];

import { EntitySchema } from 'typeorm';

const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const int = (nullable = false) => ({ type: 'integer' as const, nullable });
const pk = { type: 'integer' as const, primary: true, generated: 'increment' as const };

export interface RotationDayRow {
  day: string;
  version: number;
  next_seq: number;
  base_order_json: string;
  created_at: Date;
  updated_at: Date;
}
export const RotationDayEntity = new EntitySchema<RotationDayRow>({
  name: 'rotation_day',
  columns: {
    day: { ...s(10), primary: true },
    version: int(),
    next_seq: int(),
    base_order_json: { type: 'text' },
    created_at: time(),
    updated_at: time(),
  },
});

export interface RotationMemberRow {
  id: number;
  day: string;
  open_id: string;
  on_duty: boolean;
  busy_walk_in_id: number | null;
  offered_walk_in_id: number | null;
  turns: number;
  seq: number;
  received: number;
  passed: number;
  updated_at: Date;
}
export const RotationMemberEntity = new EntitySchema<RotationMemberRow>({
  name: 'rotation_member',
  columns: {
    id: pk,
    day: s(10),
    open_id: s(64),
    on_duty: { type: 'boolean' },
    busy_walk_in_id: int(true),
    offered_walk_in_id: int(true),
    turns: int(),
    seq: int(),
    received: int(),
    passed: int(),
    updated_at: time(),
  },
});

export interface WalkInRow {
  id: number;
  day: string;
  registered_by: string;
  arrived_at: Date;
  name: string | null;
  phone_typed: string | null;
  phone: string | null;
  card_agent: string | null;
  leader_referral: boolean;
  note: string | null;
  rule: string;
  status: string;
  owner_open_id: string | null;
  client_id: number | null;
  decided_at: Date | null;
}
export const WalkInEntity = new EntitySchema<WalkInRow>({
  name: 'walk_in',
  columns: {
    id: pk,
    day: s(10),
    registered_by: s(64),
    arrived_at: time(),
    name: s(100, true),
    phone_typed: s(40, true),
    phone: s(20, true),
    card_agent: s(64, true),
    leader_referral: { type: 'boolean' },
    note: s(500, true),
    rule: s(16),
    status: s(16),
    owner_open_id: s(64, true),
    client_id: int(true),
    decided_at: time(true),
  },
});

export interface OfferRow {
  id: number;
  walk_in_id: number;
  day: string;
  agent: string;
  attempt: number;
  status: string;
  offered_at: Date;
  deadline_at: Date;
  resolved_at: Date | null;
}
export const OfferEntity = new EntitySchema<OfferRow>({
  name: 'rotation_offer',
  columns: {
    id: pk,
    walk_in_id: int(),
    day: s(10),
    agent: s(64),
    attempt: int(),
    status: s(16),
    offered_at: time(),
    deadline_at: time(),
    resolved_at: time(true),
  },
});

export interface LedgerRow {
  id: number;
  day: string;
  at: Date;
  actor: string | null;
  action: string;
  agent: string | null;
  walk_in_id: number | null;
  event_json: string;
  rule: string | null;
  before_json: string | null;
  after_json: string | null;
}
export const LedgerEntity = new EntitySchema<LedgerRow>({
  name: 'turn_ledger',
  columns: {
    id: pk,
    day: s(10),
    at: time(),
    actor: s(64, true),
    action: s(32),
    agent: s(64, true),
    walk_in_id: int(true),
    event_json: { type: 'text' },
    rule: s(16, true),
    before_json: { type: 'text', nullable: true },
    after_json: { type: 'text', nullable: true },
  },
});

export interface DisputeRow {
  id: number;
  client_id: number;
  claimant: string;
  holder_kind: string;
  holder_open_id: string | null;
  reason: string;
  status: string;
  open_key: string | null;
  decision: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}
export const DisputeEntity = new EntitySchema<DisputeRow>({
  name: 'dispute',
  columns: {
    id: pk,
    client_id: int(),
    claimant: s(64),
    holder_kind: s(8),
    holder_open_id: s(64, true),
    reason: s(500),
    status: s(16),
    open_key: s(100, true),
    decision: s(16, true),
    decided_by: s(64, true),
    decided_at: time(true),
    created_at: time(),
  },
});

export const rotationEntities = [
  RotationDayEntity,
  RotationMemberEntity,
  WalkInEntity,
  OfferEntity,
  LedgerEntity,
  DisputeEntity,
];

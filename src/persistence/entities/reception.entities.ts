import { EntitySchema } from 'typeorm';
import {
  boolean,
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableInteger,
  nullableText,
  nullableVarchar,
  text,
  varchar,
} from './columns.js';

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
    day: { ...varchar(10), primary: true },
    version: integer(),
    next_seq: integer(),
    base_order_json: text(),
    created_at: datetime(),
    updated_at: datetime(),
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
    id: generatedId(),
    day: varchar(10),
    open_id: varchar(64),
    on_duty: boolean(),
    busy_walk_in_id: nullableInteger(),
    offered_walk_in_id: nullableInteger(),
    turns: integer(),
    seq: integer(),
    received: integer(),
    passed: integer(),
    updated_at: datetime(),
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
    id: generatedId(),
    day: varchar(10),
    registered_by: varchar(64),
    arrived_at: datetime(),
    name: nullableVarchar(100),
    phone_typed: nullableVarchar(40),
    phone: nullableVarchar(20),
    card_agent: nullableVarchar(64),
    leader_referral: boolean(),
    note: nullableVarchar(500),
    rule: varchar(16),
    status: varchar(16),
    owner_open_id: nullableVarchar(64),
    client_id: nullableInteger(),
    decided_at: nullableDatetime(),
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
    id: generatedId(),
    walk_in_id: integer(),
    day: varchar(10),
    agent: varchar(64),
    attempt: integer(),
    status: varchar(16),
    offered_at: datetime(),
    deadline_at: datetime(),
    resolved_at: nullableDatetime(),
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
    id: generatedId(),
    day: varchar(10),
    at: datetime(),
    actor: nullableVarchar(64),
    action: varchar(32),
    agent: nullableVarchar(64),
    walk_in_id: nullableInteger(),
    event_json: text(),
    rule: nullableVarchar(16),
    before_json: nullableText(),
    after_json: nullableText(),
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
    id: generatedId(),
    client_id: integer(),
    claimant: varchar(64),
    holder_kind: varchar(8),
    holder_open_id: nullableVarchar(64),
    reason: varchar(500),
    status: varchar(16),
    open_key: nullableVarchar(100),
    decision: nullableVarchar(16),
    decided_by: nullableVarchar(64),
    decided_at: nullableDatetime(),
    created_at: datetime(),
  },
});

export const receptionEntities = [
  RotationDayEntity,
  RotationMemberEntity,
  WalkInEntity,
  OfferEntity,
  LedgerEntity,
  DisputeEntity,
];

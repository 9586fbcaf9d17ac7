import { EntitySchema } from 'typeorm';
import {
  boolean,
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableText,
  nullableVarchar,
  text,
  varchar,
} from './columns.js';

/**
 * Table mappings as EntitySchema (no decorators): the domain never sees these row types;
 * repositories map them to domain objects.
 */

export interface MemberRow {
  open_id: string;
  name: string;
  roles: string;
  active: boolean;
  name_refreshed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
export const MemberEntity = new EntitySchema<MemberRow>({
  name: 'member',
  columns: {
    open_id: { ...varchar(64), primary: true },
    name: varchar(100),
    roles: varchar(191),
    active: boolean(),
    name_refreshed_at: nullableDatetime(),
    created_at: datetime(),
    updated_at: datetime(),
  },
});

export interface AuditRow {
  id: number;
  at: Date;
  actor: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before_json: string | null;
  after_json: string | null;
  rule: string | null;
  note: string | null;
}
export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'audit_log',
  columns: {
    id: generatedId(),
    at: datetime(),
    actor: nullableVarchar(64),
    action: varchar(64),
    subject_type: varchar(32),
    subject_id: varchar(64),
    before_json: nullableText(),
    after_json: nullableText(),
    rule: nullableVarchar(32),
    note: nullableText(),
  },
});

export interface SettingRow {
  setting_key: string;
  value_json: string;
  updated_at: Date;
}
export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'app_setting',
  columns: {
    setting_key: { ...varchar(100), primary: true },
    value_json: text(),
    updated_at: datetime(),
  },
});

export interface InboxRow {
  id: number;
  event_id: string;
  message_id: string | null;
  event_type: string;
  payload: string;
  status: 'processing' | 'done' | 'failed';
  attempts: number;
  received_at: Date;
  lease_until: Date | null;
  processed_at: Date | null;
  last_error: string | null;
}
export const InboxEntity = new EntitySchema<InboxRow>({
  name: 'inbox_event',
  columns: {
    id: generatedId(),
    event_id: varchar(100),
    message_id: nullableVarchar(100),
    event_type: varchar(64),
    payload: text(),
    status: varchar(16),
    attempts: integer(),
    received_at: datetime(),
    lease_until: nullableDatetime(),
    processed_at: nullableDatetime(),
    last_error: nullableText(),
  },
});

export interface OutboxRow {
  id: number;
  uuid: string;
  dedupe_key: string | null;
  kind: 'send' | 'patch';
  receive_id_type: 'open_id' | 'chat_id' | null;
  receive_id: string | null;
  card_key: string | null;
  /** A reply: the user's message it answers in thread. */
  reply_to: string | null;
  msg_type: 'interactive' | 'text' | 'file';
  content: string;
  status: 'pending' | 'sending' | 'sent' | 'dead';
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  message_id: string | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}
export const OutboxEntity = new EntitySchema<OutboxRow>({
  name: 'outbox_message',
  columns: {
    id: generatedId(),
    uuid: varchar(50),
    dedupe_key: nullableVarchar(150),
    kind: varchar(16),
    receive_id_type: nullableVarchar(16),
    receive_id: nullableVarchar(100),
    card_key: nullableVarchar(150),
    reply_to: nullableVarchar(100),
    msg_type: varchar(16),
    content: text(),
    status: varchar(16),
    attempts: integer(),
    next_attempt_at: datetime(),
    lease_until: nullableDatetime(),
    message_id: nullableVarchar(100),
    last_error: nullableText(),
    created_at: datetime(),
    sent_at: nullableDatetime(),
  },
});

export interface CardMessageRow {
  card_key: string;
  message_id: string;
  created_at: Date;
}
export const CardMessageEntity = new EntitySchema<CardMessageRow>({
  name: 'card_message',
  columns: {
    card_key: { ...varchar(150), primary: true },
    message_id: varchar(100),
    created_at: datetime(),
  },
});

export const backboneEntities = [
  MemberEntity,
  AuditEntity,
  SettingEntity,
  InboxEntity,
  OutboxEntity,
  CardMessageEntity,
];

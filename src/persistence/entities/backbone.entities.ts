import { EntitySchema } from 'typeorm';

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
    open_id: { type: 'varchar', length: 64, primary: true },
    name: { type: 'varchar', length: 100 },
    roles: { type: 'varchar', length: 191 },
    active: { type: 'boolean' },
    name_refreshed_at: { type: 'datetime', precision: 3, nullable: true },
    created_at: { type: 'datetime', precision: 3 },
    updated_at: { type: 'datetime', precision: 3 },
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
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'datetime', precision: 3 },
    actor: { type: 'varchar', length: 64, nullable: true },
    action: { type: 'varchar', length: 64 },
    subject_type: { type: 'varchar', length: 32 },
    subject_id: { type: 'varchar', length: 64 },
    before_json: { type: 'text', nullable: true },
    after_json: { type: 'text', nullable: true },
    rule: { type: 'varchar', length: 32, nullable: true },
    note: { type: 'text', nullable: true },
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
    setting_key: { type: 'varchar', length: 100, primary: true },
    value_json: { type: 'text' },
    updated_at: { type: 'datetime', precision: 3 },
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
    id: { type: 'integer', primary: true, generated: 'increment' },
    event_id: { type: 'varchar', length: 100 },
    message_id: { type: 'varchar', length: 100, nullable: true },
    event_type: { type: 'varchar', length: 64 },
    payload: { type: 'text' },
    status: { type: 'varchar', length: 16 },
    attempts: { type: 'integer' },
    received_at: { type: 'datetime', precision: 3 },
    lease_until: { type: 'datetime', precision: 3, nullable: true },
    processed_at: { type: 'datetime', precision: 3, nullable: true },
    last_error: { type: 'text', nullable: true },
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
    id: { type: 'integer', primary: true, generated: 'increment' },
    uuid: { type: 'varchar', length: 50 },
    dedupe_key: { type: 'varchar', length: 150, nullable: true },
    kind: { type: 'varchar', length: 16 },
    receive_id_type: { type: 'varchar', length: 16, nullable: true },
    receive_id: { type: 'varchar', length: 100, nullable: true },
    card_key: { type: 'varchar', length: 150, nullable: true },
    reply_to: { type: 'varchar', length: 100, nullable: true },
    msg_type: { type: 'varchar', length: 16 },
    content: { type: 'text' },
    status: { type: 'varchar', length: 16 },
    attempts: { type: 'integer' },
    next_attempt_at: { type: 'datetime', precision: 3 },
    lease_until: { type: 'datetime', precision: 3, nullable: true },
    message_id: { type: 'varchar', length: 100, nullable: true },
    last_error: { type: 'text', nullable: true },
    created_at: { type: 'datetime', precision: 3 },
    sent_at: { type: 'datetime', precision: 3, nullable: true },
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
    card_key: { type: 'varchar', length: 150, primary: true },
    message_id: { type: 'varchar', length: 100 },
    created_at: { type: 'datetime', precision: 3 },
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

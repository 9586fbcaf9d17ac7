import { EntitySchema } from 'typeorm';
import {
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableText,
  nullableVarchar,
  text,
  varchar,
} from './columns.js';

/** The message outbox (every message the bot sends, replies included) and the cards it sent under a key. */

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

export const outboxEntities = [OutboxEntity, CardMessageEntity];

/**
 * Messages the bot sends on its own are written to an outbox in the same transaction as the change
 * that caused them, and a relay delivers them. Card content is an opaque JSON object here: the bot
 * layer renders it, the domain only decides who is told.
 */
export type Recipient = { openId: string } | { chatId: string };

export type CardJson = Record<string, unknown>;

export interface OutboundMessage {
  to: Recipient;
  text?: string;
  card?: CardJson;
  /** A file uploaded beforehand (an export): sent as a file message. */
  fileKey?: string;
  /** Answer this message in its thread (Feishu's reply API); `to` is its chat, for pacing and a fallback. */
  replyTo?: string;
  /** Names the sent card so that later changes can patch it in place (e.g. `offer:12:desk`). */
  cardKey?: string;
  /** Same key twice → one message (e.g. `remind:2026-11-23:ou_x`). */
  dedupeKey?: string;
}

/** The card key under which patches of a message known only by its id are ordered. */
export const messageCardKey = (messageId: string): string => `msg:${messageId}`;

/** A message the relay gave up on, as the admin's 发送失败 list shows it (the outbox row's own fields). */
export interface DeadLetter {
  id: number;
  kind: 'send' | 'patch';
  receive_id_type: 'open_id' | 'chat_id' | null;
  receive_id: string | null;
  card_key: string | null;
  msg_type: string;
  content: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
}

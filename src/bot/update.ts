import type { V2Envelope } from './envelope.js';

/** One inbound thing the bot reacts to, parsed from Feishu's envelope into what handlers need. */
export interface Mention {
  key: string;
  openId: string;
  name: string;
}

export interface MessageUpdate {
  kind: 'message';
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  senderOpenId: string;
  messageType: string;
  /** The text with @-mention placeholders removed and whitespace folded. */
  text: string;
  mentions: Mention[];
  /** For a `file` message: what to download (the units import reads an .xlsx sent to the bot). */
  file?: { fileKey: string; fileName: string };
}

export interface CardUpdate {
  kind: 'card';
  eventId: string;
  operatorOpenId: string;
  messageId: string | undefined;
  chatId: string | undefined;
  value: unknown;
  formValue: Record<string, unknown> | undefined;
  inputValue: string | undefined;
  option: string | undefined;
  actionName: string | undefined;
}

export interface EventUpdate {
  kind: 'event';
  eventId: string;
  eventType: string;
  event: Record<string, unknown>;
}

export type Update = MessageUpdate | CardUpdate | EventUpdate;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toUpdate(env: V2Envelope): Update {
  const e = env.header.event_type;
  if (e === 'im.message.receive_v1') return toMessage(env);
  if (e === 'card.action.trigger') return toCard(env);
  return { kind: 'event', eventId: env.header.event_id, eventType: e, event: env.event };
}

function toMessage(env: V2Envelope): MessageUpdate {
  const message = obj(env.event.message);
  const sender = obj(obj(env.event.sender).sender_id);
  const mentions: Mention[] = (Array.isArray(message.mentions) ? message.mentions : []).map((m) => {
    const mm = obj(m);
    return { key: str(mm.key) ?? '', openId: str(obj(mm.id).open_id) ?? '', name: str(mm.name) ?? '' };
  });
  const type = str(message.message_type) ?? 'text';
  let text = '';
  if (type === 'text') {
    try {
      text = str(obj(JSON.parse(str(message.content) ?? '{}')).text) ?? '';
    } catch {
      text = '';
    }
  }
  return {
    kind: 'message',
    eventId: env.header.event_id,
    messageId: str(message.message_id) ?? '',
    chatId: str(message.chat_id) ?? '',
    chatType: str(message.chat_type) === 'group' ? 'group' : 'p2p',
    senderOpenId: str(sender.open_id) ?? '',
    messageType: type,
    text: cleanText(text),
    mentions,
    ...(type === 'file' ? fileOf(str(message.content)) : {}),
  };
}

function fileOf(content: string | undefined): { file?: { fileKey: string; fileName: string } } {
  try {
    const c = obj(JSON.parse(content ?? '{}'));
    const fileKey = str(c.file_key);
    return fileKey ? { file: { fileKey, fileName: str(c.file_name) ?? '' } } : {};
  } catch {
    return {};
  }
}

/** Drops `@_user_N` placeholders and `<at …>…</at>` tags so commands read the same in groups and p2p. */
export function cleanText(text: string): string {
  return text
    .replace(/<at[^>]*>[^<]*<\/at>/g, ' ')
    .replace(/@_user_\d+|@_all/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function toCard(env: V2Envelope): CardUpdate {
  const action = obj(env.event.action);
  const context = obj(env.event.context);
  const fv = action.form_value;
  return {
    kind: 'card',
    eventId: env.header.event_id,
    operatorOpenId: str(obj(env.event.operator).open_id) ?? '',
    messageId: str(context.open_message_id),
    chatId: str(context.open_chat_id),
    value: action.value,
    formValue: fv && typeof fv === 'object' ? (fv as Obj) : undefined,
    inputValue: str(action.input_value),
    option: str(action.option),
    actionName: str(action.name),
  };
}

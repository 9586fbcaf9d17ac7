import type { V2Envelope } from './envelope.schema.js';

/**
 * Feishu's legacy v1.0 events (`{uuid, ts, token, type: "event_callback", event: {type, …}}`) reshaped to the
 * v2 envelope, so the rest of the bot sees one form. A v1 `message` (接收消息 v1.0) becomes an
 * `im.message.receive_v1` with the same message id, so an app subscribed to both versions answers once
 * (the inbox keeps each message_id once).
 *
 * The v1 message fields, from Feishu's deprecated event page (open.larksuite.com/document/ukTMukTMukTM/uMTNxYjLzUTM24yM1EjN):
 * open_id / union_id / employee_id (sender), open_chat_id, chat_type ("private" | "group"), msg_type,
 * open_message_id, root_id, parent_id, is_mention, text (with `<at open_id="…">@name</at>` for every mention,
 * the bot's included), text_without_at_bot, image_key, file_key.
 */
export interface V1Envelope {
  uuid: string;
  type: 'event_callback';
  token?: string | undefined;
  ts?: string | number | undefined;
  event: { type: string } & Record<string, unknown>;
}

/** A part of a v1 message that v2 carries differently and could not be rebuilt: logged once by the receiver. */
export type V1Gap = 'message_type' | 'bot_mention';

export interface V1Mapped {
  env: V2Envelope;
  gaps: V1Gap[];
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const withValue = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

export function v1ToV2(v1: V1Envelope): V1Mapped {
  const e = v1.event;
  const header = withValue({
    event_id: v1.uuid,
    event_type: e.type,
    token: v1.token,
    create_time: toMillis(v1.ts),
    app_id: str(e.app_id),
    tenant_key: str(e.tenant_key),
  }) as V2Envelope['header'];
  if (e.type !== 'message') return { env: { schema: '2.0', header, event: e }, gaps: [] };
  return messageToV2(header, e);
}

function messageToV2(header: V2Envelope['header'], e: Obj): V1Mapped {
  const gaps: V1Gap[] = [];
  const type = str(e.msg_type) ?? 'text';
  const tenantKey = str(e.tenant_key);
  const full = str(e.text);
  const { text, mentions } = placeholders(full ?? str(e.text_without_at_bot) ?? '', tenantKey);
  // v2 lists the bot among the mentions (the bot knows it was addressed by its open_id); v1 says so only
  // with is_mention and the bot's <at> tag inside `text`.
  if (e.is_mention === true && str(e.chat_type) === 'group' && !botTagged(full, str(e.text_without_at_bot)))
    gaps.push('bot_mention');

  let content: Obj;
  if (type === 'text') content = { text };
  else if (type === 'image') content = withValue({ image_key: str(e.image_key) });
  else if (type === 'file') content = withValue({ file_key: str(e.file_key) });
  else {
    // post (v1 gives HTML), merge_forward, audio …: v2 content has another structure that v1 does not carry.
    content = {};
    gaps.push('message_type');
  }

  return {
    env: {
      schema: '2.0',
      header: { ...header, event_type: 'im.message.receive_v1' },
      event: {
        sender: withValue({
          sender_id: withValue({
            open_id: str(e.open_id),
            union_id: str(e.union_id),
            user_id: str(e.employee_id) ?? str(e.user_id),
          }),
          sender_type: 'user',
          tenant_key: tenantKey,
        }),
        message: withValue({
          message_id: str(e.open_message_id),
          root_id: str(e.root_id),
          parent_id: str(e.parent_id),
          create_time: header.create_time,
          chat_id: str(e.open_chat_id),
          chat_type: str(e.chat_type) === 'group' ? 'group' : 'p2p',
          message_type: type,
          content: JSON.stringify(content),
          mentions,
        }),
      },
    },
    gaps,
  };
}

interface V2Mention {
  key: string;
  id: { open_id?: string };
  name: string;
  tenant_key?: string;
}

/** `<at open_id="ou_x">@张三</at>` → `@_user_N` with a v2 mention entry, in order, as v2 writes them. */
function placeholders(text: string, tenantKey: string | undefined): { text: string; mentions: V2Mention[] } {
  const mentions: V2Mention[] = [];
  const out = text.replace(/<at\b([^>]*)>([\s\S]*?)<\/at>/g, (_tag, attrs: string, inner: string) => {
    const openId = /open_id\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? '';
    if (openId === 'all') return '@_all';
    const key = `@_user_${mentions.length + 1}`;
    mentions.push({
      key,
      id: openId ? { open_id: openId } : {},
      name: inner.trim().replace(/^@/, ''),
      ...(tenantKey ? { tenant_key: tenantKey } : {}),
    });
    return key;
  });
  return { text: out, mentions };
}

const AT_TAG = /<at\b[^>]*\bopen_id\s*=\s*"[^"]+"[^>]*>/g;

/** The bot's own tag is the one `text` has and `text_without_at_bot` has not. */
function botTagged(full: string | undefined, withoutBot: string | undefined): boolean {
  if (full === undefined) return false;
  return (full.match(AT_TAG)?.length ?? 0) > (withoutBot?.match(AT_TAG)?.length ?? 0);
}

/** v1 `ts` is Unix seconds with a fraction ("1550038209.428520"); v2 create_time is milliseconds as a string. */
function toMillis(ts: string | number | undefined): string | undefined {
  const n = Number(ts);
  return ts !== undefined && ts !== '' && Number.isFinite(n) ? String(Math.round(n * 1000)) : undefined;
}

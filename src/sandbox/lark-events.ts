import { randomBytes, randomUUID } from 'node:crypto';
import { encryptEnvelope } from '../transport/lark/decrypt.js';
import { larkSignature } from '../transport/lark/verify-signature.js';

/**
 * Builds requests exactly as Feishu sends them: the event JSON encrypted (AES-256-CBC, random IV)
 * into `{"encrypt": …}`, and signed over the raw body bytes with timestamp + nonce + encrypt key.
 * Used by the sandbox console (to drive the real webhook path) and by the tests.
 */
export interface SignOptions {
  encryptKey: string;
  encrypt?: boolean;
  timestampSec?: number;
  nonce?: string;
  /** Sign with this key instead (a forged request). */
  signWith?: string;
  omitSignature?: boolean;
}

export function buildLarkRequest(payload: unknown, o: SignOptions): { headers: Record<string, string>; body: string } {
  const plain = JSON.stringify(payload);
  const body = o.encrypt === false ? plain : JSON.stringify({ encrypt: encryptEnvelope(plain, o.encryptKey) });
  const ts = String(o.timestampSec ?? Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? randomBytes(8).toString('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!o.omitSignature) {
    headers['x-lark-request-timestamp'] = ts;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = larkSignature(ts, nonce, o.signWith ?? o.encryptKey, Buffer.from(body, 'utf8'));
  }
  return { headers, body };
}

/** Who the events come from: the app's verification token, app id and tenant. */
export interface EventSource {
  token: string;
  appId: string;
  tenantKey: string;
  /** create_time of messages (the sandbox's movable clock); defaults to the wall clock. */
  nowMs?: () => number;
}

export interface MessageOpts {
  chatType?: 'p2p' | 'group';
  chatId?: string;
  messageId?: string;
  eventId?: string;
  /** Mentioned users, in order: @_user_1, @_user_2 … */
  mentions?: Array<{ openId: string; name: string }>;
  messageType?: string;
}

export interface CardOpts {
  messageId?: string;
  chatId?: string;
  formValue?: Record<string, unknown>;
  name?: string;
  eventId?: string;
  /** The component's tag: `button` (default), `select_static`, `input`, `checker` … */
  tag?: string;
  /** For a select or picker outside a form. */
  option?: string;
  /** For a multi-select outside a form. */
  options?: string[];
  /** For an input outside a form. */
  inputValue?: string;
  /** For a checker. */
  checked?: boolean;
  /** The update token Feishu puts in every callback (`c-…`). */
  token?: string;
}

/** The payload builders for one app; each returns the plain (not yet encrypted) envelope. */
export function eventFactory(src: EventSource) {
  const now = () => (src.nowMs ? src.nowMs() : Date.now());
  const header = (eventType: string, eventId = randomUUID().replace(/-/g, '')) => ({
    event_id: eventId,
    event_type: eventType,
    create_time: String(now()),
    token: src.token,
    app_id: src.appId,
    tenant_key: src.tenantKey,
  });

  /** `im.message.receive_v1` as documented (official sample shape). */
  function messageEvent(senderOpenId: string, text: string, o: MessageOpts = {}) {
    const mentions = (o.mentions ?? []).map((m, i) => ({
      key: `@_user_${i + 1}`,
      id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: m.openId.slice(3, 11) },
      name: m.name,
      tenant_key: src.tenantKey,
    }));
    return {
      schema: '2.0',
      header: header('im.message.receive_v1', o.eventId),
      event: {
        sender: {
          sender_id: { open_id: senderOpenId, union_id: `on_${senderOpenId}` },
          sender_type: 'user',
          tenant_key: src.tenantKey,
        },
        message: {
          message_id: o.messageId ?? `om_in_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
          create_time: String(now()),
          chat_id: o.chatId ?? `oc_p2p_${senderOpenId}`,
          chat_type: o.chatType ?? 'p2p',
          message_type: o.messageType ?? 'text',
          content: JSON.stringify({ text }),
          mentions,
        },
      },
    };
  }

  /** `card.action.trigger` (callback schema 2.0). */
  function cardActionEvent(operatorOpenId: string, value: Record<string, unknown>, o: CardOpts = {}) {
    return {
      schema: '2.0',
      header: header('card.action.trigger', o.eventId),
      event: {
        operator: { tenant_key: src.tenantKey, open_id: operatorOpenId, union_id: `on_${operatorOpenId}` },
        token: o.token ?? `c-${randomUUID()}`,
        action: {
          value,
          tag: o.tag ?? 'button',
          timezone: 'Asia/Shanghai',
          ...(o.formValue ? { form_value: o.formValue } : {}),
          ...(o.name ? { name: o.name } : {}),
          ...(o.option !== undefined ? { option: o.option } : {}),
          ...(o.options !== undefined ? { options: o.options } : {}),
          ...(o.inputValue !== undefined ? { input_value: o.inputValue } : {}),
          ...(o.checked !== undefined ? { checked: o.checked } : {}),
        },
        host: 'im_message',
        context: {
          open_message_id: o.messageId ?? 'om_card_unknown',
          open_chat_id: o.chatId ?? `oc_p2p_${operatorOpenId}`,
        },
      },
    };
  }

  function botAddedEvent(chatId: string, operatorOpenId: string, name: string) {
    return {
      schema: '2.0',
      header: header('im.chat.member.bot.added_v1'),
      event: {
        chat_id: chatId,
        operator_id: { open_id: operatorOpenId },
        external: false,
        operator_tenant_key: src.tenantKey,
        name,
        i18n_names: { zh_cn: name },
      },
    };
  }

  function urlVerification(challenge: string, token = src.token) {
    return { challenge, token, type: 'url_verification' };
  }

  return { messageEvent, cardActionEvent, botAddedEvent, urlVerification };
}

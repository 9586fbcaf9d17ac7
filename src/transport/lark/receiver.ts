import type Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { LarkConfig } from '../../config.js';
import type { Logger } from '../../shared/logger.js';
import { decryptEnvelope, DecryptError } from './decrypt.js';
import { urlVerificationSchema, v1EnvelopeSchema, v2EnvelopeSchema, type V2Envelope } from './envelope.schema.js';
import { v1ToV2, type V1Gap } from './legacy-v1.js';
import { DEFAULT_REPLAY_WINDOW_MS, verifyLarkSignature } from './verify-signature.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** What the receiver hands a verified event to; it knows nothing of features. */
export interface LarkEventSink {
  /** Stores the event (once) and schedules it; false for a redelivery. */
  accept(env: V2Envelope, raw: string): Promise<boolean>;
  /** Stores and handles a card callback synchronously, returning Feishu's response body. */
  cardAction(env: V2Envelope, raw: string): Promise<Record<string, unknown>>;
}

export interface ReceiverDeps {
  lark: LarkConfig | undefined;
  missing: string[];
  sink: LarkEventSink;
  log: Logger;
  nowMs: () => number;
  /** Oldest signed timestamp accepted; DEFAULT_REPLAY_WINDOW_MS unless set. */
  replayWindowMs?: number;
}

/** Log lines a misconfigured app would otherwise repeat on every event: each is written once per receiver. */
type Once = (key: string, write: () => void) => void;

/**
 * POST /lark/events (events and card callbacks on one URL) and /lark/cards (for apps with a separate
 * callback URL): JSON content type → raw bytes → decrypt (required: an Encrypt Key is set) → challenge →
 * signature (sha256 over the bytes as received; timestamps up to the replay window old) →
 * verification token → inbox → 200 with a JSON body.
 */
export function mountLarkReceiver(router: Router, deps: ReceiverDeps): void {
  const logged = new Set<string>();
  const once: Once = (key, write) => {
    if (logged.has(key)) return;
    logged.add(key);
    write();
  };
  const handler = async (ctx: Context) => receive(ctx, deps, once);
  router.post('/lark/events', handler);
  router.post('/lark/cards', handler);
}

async function receive(ctx: Context, deps: ReceiverDeps, once: Once): Promise<void> {
  const { lark, log } = deps;
  if (!lark) {
    ctx.status = 503;
    ctx.body = { error: 'lark_not_configured', message: `Set ${deps.missing.join(', ')} to receive Feishu events.` };
    return;
  }
  // Feishu posts application/json; charset=utf-8 (the legacy card URL check: application/json).
  if (!isJson(ctx.request.headers['content-type'])) {
    log.warn(
      { contentType: ctx.request.headers['content-type'] ?? null },
      'refused a request that is not application/json: Feishu always sends JSON',
    );
    return refuse(ctx, 415, 'unsupported_media_type');
  }
  let raw: Buffer;
  try {
    raw = await getRawBody(ctx.req, { limit: BODY_LIMIT_BYTES, length: ctx.request.headers['content-length'] });
  } catch (err) {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large' || e.status === 413) return refuse(ctx, 413, 'body_too_large');
    return refuse(ctx, 400, 'unreadable_body');
  }

  let outer: unknown;
  try {
    outer = JSON.parse(raw.toString('utf8'));
  } catch {
    return refuse(ctx, 400, 'malformed_json');
  }
  let payload: unknown = outer;
  const encrypted =
    !!outer && typeof outer === 'object' && typeof (outer as { encrypt?: unknown }).encrypt === 'string';
  if (encrypted) {
    try {
      payload = JSON.parse(decryptEnvelope((outer as { encrypt: string }).encrypt, lark.encryptKey));
    } catch (err) {
      if (!(err instanceof DecryptError)) log.warn({ err: (err as Error).message }, 'decrypted body is not JSON');
      else log.warn('a body did not decrypt: check LARK_ENCRYPT_KEY matches the Encrypt Key of the app');
      return refuse(ctx, 400, 'malformed_ciphertext');
    }
  }

  const h = ctx.request.headers;
  const check = verifyLarkSignature({
    rawBody: raw,
    timestamp: header(h['x-lark-request-timestamp']),
    nonce: header(h['x-lark-request-nonce']),
    signature: header(h['x-lark-signature']),
    encryptKey: lark.encryptKey,
    nowMs: deps.nowMs(),
    replayWindowMs: deps.replayWindowMs ?? DEFAULT_REPLAY_WINDOW_MS,
  });

  const challenge = urlVerificationSchema.safeParse(payload);
  if (challenge.success) {
    // Feishu does not sign the URL check; its token is what proves it. A signed one must still verify.
    // A plain one is answered too: the event URL check is encrypted once an Encrypt Key is set, but the
    // legacy card-callback URL check (消息卡片请求网址) is always plain JSON with the token.
    if (challenge.data.token !== lark.verificationToken || (check !== 'ok' && check !== 'missing')) {
      log.warn('url_verification refused: check LARK_VERIFICATION_TOKEN matches the app');
      return refuse(ctx, 401, 'bad_token');
    }
    ctx.status = 200;
    ctx.body = { challenge: challenge.data.challenge };
    return;
  }

  // With an Encrypt Key set, Feishu encrypts every event and callback; a plain one is not from Feishu,
  // or the app's Encrypt Key was removed in the console while this service still has one.
  if (!encrypted && lark.encryptKey) {
    log.warn(
      'refused an unencrypted event: LARK_ENCRYPT_KEY is set, so Feishu encrypts every event. Check 事件与回调 → 加密策略 in the developer console has the same Encrypt Key',
    );
    return refuse(ctx, 400, 'encryption_required');
  }

  if (check !== 'ok') {
    if (check === 'stale')
      log.warn(
        "request timestamp older than the replay window (LARK_REPLAY_WINDOW_SECONDS) or over 5 minutes ahead: check this server's clock",
      );
    else log.warn({ check }, 'signature check failed: check LARK_ENCRYPT_KEY');
    return refuse(ctx, 401, check === 'stale' ? 'stale_timestamp' : 'bad_signature');
  }

  const env = toV2(payload, log, once);
  if (!env) return refuse(ctx, 400, 'unknown_payload');
  if (env.header.token !== undefined && env.header.token !== lark.verificationToken)
    return refuse(ctx, 401, 'bad_token');

  const plain = JSON.stringify(payload);
  if (env.header.event_type === 'card.action.trigger') {
    ctx.status = 200;
    ctx.body = await deps.sink.cardAction(env, plain);
    return;
  }
  await deps.sink.accept(env, plain);
  ctx.status = 200;
  ctx.body = {};
}

/** v2 as is; a legacy v1 event is re-shaped to v2 so the rest of the bot sees one form. */
function toV2(payload: unknown, log: Logger, once: Once): V2Envelope | undefined {
  const v2 = v2EnvelopeSchema.safeParse(payload);
  if (v2.success) return v2.data;
  const v1 = v1EnvelopeSchema.safeParse(payload);
  if (!v1.success) return undefined;
  const { env, gaps } = v1ToV2(v1.data);
  if (v1.data.event.type === 'message') {
    once('v1-message', () =>
      log.warn(
        'a legacy v1.0 message event arrived and is handled like im.message.receive_v1; in 事件与回调, subscribe to 接收消息 v2.0 (im.message.receive_v1) instead of the v1.0 one',
      ),
    );
    for (const gap of gaps) once(`v1-gap-${gap}`, () => log.warn({ msgType: v1.data.event.msg_type }, V1_GAP_LOG[gap]));
  }
  return env;
}

const V1_GAP_LOG: Record<V1Gap, string> = {
  message_type:
    'a legacy v1.0 message of this type carries its content in another form than v2 (only text, image and file are carried over): subscribe to 接收消息 v2.0 (im.message.receive_v1)',
  bot_mention:
    'a legacy v1.0 group message mentions the bot without its <at open_id> tag in the text, so it cannot count as addressed to the bot: subscribe to 接收消息 v2.0 (im.message.receive_v1)',
};

/** application/json with any parameters (charset=utf-8), in any letter case. */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function refuse(ctx: Context, status: number, error: string): void {
  ctx.status = status;
  ctx.body = { error };
}

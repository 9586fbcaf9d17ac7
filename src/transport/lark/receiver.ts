import type Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { LarkConfig } from '../../config.js';
import type { Logger } from '../../shared/logger.js';
import { decryptEnvelope, DecryptError } from './decrypt.js';
import { urlVerificationSchema, v1EnvelopeSchema, v2EnvelopeSchema, type V2Envelope } from './envelope.schema.js';
import { verifyLarkSignature } from './verify-signature.js';

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
}

/**
 * POST /lark/events (events and card callbacks on one URL) and /lark/cards (for apps with a separate
 * callback URL): raw bytes → signature (sha256 over the bytes as received, 5-minute window) →
 * decrypt → challenge → verification token → inbox → 200 with a JSON body.
 */
export function mountLarkReceiver(router: Router, deps: ReceiverDeps): void {
  const handler = async (ctx: Context) => receive(ctx, deps);
  router.post('/lark/events', handler);
  router.post('/lark/cards', handler);
}

async function receive(ctx: Context, deps: ReceiverDeps): Promise<void> {
  const { lark, log } = deps;
  if (!lark) {
    ctx.status = 503;
    ctx.body = { error: 'lark_not_configured', message: `Set ${deps.missing.join(', ')} to receive Feishu events.` };
    return;
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
  if (outer && typeof outer === 'object' && typeof (outer as { encrypt?: unknown }).encrypt === 'string') {
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
  });

  const challenge = urlVerificationSchema.safeParse(payload);
  if (challenge.success) {
    // Feishu does not sign the URL check; its token is what proves it. A signed one must still verify.
    if (challenge.data.token !== lark.verificationToken || (check !== 'ok' && check !== 'missing')) {
      log.warn('url_verification refused: check LARK_VERIFICATION_TOKEN matches the app');
      return refuse(ctx, 401, 'bad_token');
    }
    ctx.status = 200;
    ctx.body = { challenge: challenge.data.challenge };
    return;
  }

  if (check !== 'ok') {
    log.warn({ check }, check === 'stale' ? 'request timestamp outside the 5-minute window' : 'signature check failed: check LARK_ENCRYPT_KEY');
    return refuse(ctx, 401, check === 'stale' ? 'stale_timestamp' : 'bad_signature');
  }

  const env = toV2(payload);
  if (!env) return refuse(ctx, 400, 'unknown_payload');
  if (env.header.token !== undefined && env.header.token !== lark.verificationToken) return refuse(ctx, 401, 'bad_token');

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
function toV2(payload: unknown): V2Envelope | undefined {
  const v2 = v2EnvelopeSchema.safeParse(payload);
  if (v2.success) return v2.data;
  const v1 = v1EnvelopeSchema.safeParse(payload);
  if (v1.success) {
    return {
      schema: '2.0',
      header: { event_id: v1.data.uuid, event_type: v1.data.event.type, ...(v1.data.token ? { token: v1.data.token } : {}) },
      event: v1.data.event,
    };
  }
  return undefined;
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function refuse(ctx: Context, status: number, error: string): void {
  ctx.status = status;
  ctx.body = { error };
}

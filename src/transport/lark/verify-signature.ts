import { createHash, timingSafeEqual } from 'node:crypto';

/** How far ahead of our clock a timestamp may be: clock skew only, Feishu never sends a future time. */
export const MAX_SKEW_MS = 5 * 60 * 1000;
/**
 * How old a timestamp may be. Feishu re-pushes an unacknowledged event after 15 s, 5 min, 1 h and 6 h
 * (≈ 7.1 h in all) and does not document re-signing it, so a re-push may carry the first timestamp.
 * A replayed event is harmless: the inbox keeps each event_id / message_id once.
 */
export const DEFAULT_REPLAY_WINDOW_MS = 8 * 60 * 60 * 1000;

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'mismatch';

export interface SignatureInput {
  rawBody: Buffer;
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  encryptKey: string;
  nowMs: number;
  /** Oldest accepted timestamp, in ms before now; DEFAULT_REPLAY_WINDOW_MS unless set. */
  replayWindowMs?: number;
}

/** hex(sha256(timestamp + nonce + encryptKey + raw body bytes)) — over the bytes as received, never re-serialised JSON. */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(rawBody)
    .digest('hex');
}

export function verifyLarkSignature(input: SignatureInput): SignatureCheck {
  const { timestamp, nonce, signature } = input;
  if (!timestamp || !nonce || !signature) return 'missing';
  // Feishu sends Unix seconds.
  const ts = Number(timestamp);
  if (!Number.isFinite(ts)) return 'stale';
  const ageMs = input.nowMs - ts * 1000;
  if (ageMs > (input.replayWindowMs ?? DEFAULT_REPLAY_WINDOW_MS) || -ageMs > MAX_SKEW_MS) return 'stale';
  const expected = Buffer.from(larkSignature(timestamp, nonce, input.encryptKey, input.rawBody), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  if (expected.length !== given.length) return 'mismatch';
  return timingSafeEqual(expected, given) ? 'ok' : 'mismatch';
}

import { createHash, timingSafeEqual } from 'node:crypto';

export const MAX_SKEW_MS = 5 * 60 * 1000;

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'mismatch';

export interface SignatureInput {
  rawBody: Buffer;
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  encryptKey: string;
  nowMs: number;
}

/** hex(sha256(timestamp + nonce + encryptKey + raw body bytes)) — over the bytes as received, never re-serialised JSON. */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256').update(Buffer.from(timestamp + nonce + encryptKey, 'utf8')).update(rawBody).digest('hex');
}

export function verifyLarkSignature(input: SignatureInput): SignatureCheck {
  const { timestamp, nonce, signature } = input;
  if (!timestamp || !nonce || !signature) return 'missing';
  // Feishu sends Unix seconds; a replay window of five minutes either way.
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(input.nowMs - ts * 1000) > MAX_SKEW_MS) return 'stale';
  const expected = Buffer.from(larkSignature(timestamp, nonce, input.encryptKey, input.rawBody), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  if (expected.length !== given.length) return 'mismatch';
  return timingSafeEqual(expected, given) ? 'ok' : 'mismatch';
}

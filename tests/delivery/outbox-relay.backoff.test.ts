import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/delivery/outbox-relay.js';
import { LarkApiError } from '../../src/lark/lark-api.js';

describe('retry backoff', () => {
  it('doubles from 0.5 s, with the upper half jittered', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 0))).toEqual([250, 500, 1000, 2000]);
  });

  it('is capped at five minutes', () => {
    expect(backoffMs(30, () => 1)).toBe(300_000);
    expect(backoffMs(1000, () => 0.5)).toBe(225_000);
  });
});

describe('Feishu error classes (lark-platform.md §5)', () => {
  const err = (status: number | undefined, code?: number) => new LarkApiError('im.message.create', status, code, 'x');

  it('reads 429, or 99991400 under any status, as the gateway limit', () => {
    expect(err(429).isGatewayRateLimit).toBe(true);
    expect(err(400, 99991400).isGatewayRateLimit).toBe(true);
    expect(err(400, 99991400).isTransient).toBe(true);
  });

  it('reads 230020 (HTTP 400) as the per-recipient limit, worth another try', () => {
    expect(err(400, 230020).isRecipientRateLimit).toBe(true);
    expect(err(400, 230020).isTransient).toBe(true);
  });

  it('retries 5xx and network errors, and gives up on a refused request', () => {
    expect(err(500).isTransient).toBe(true);
    expect(err(undefined).isTransient).toBe(true);
    expect(err(400, 230002).isTransient).toBe(false);
    expect(err(400, 230001).isTransient).toBe(false);
  });

  it('knows the stale-token codes', () => {
    expect([99991663, 99991661, 99991677].every((c) => err(400, c).isTokenInvalid)).toBe(true);
    expect(err(400, 230002).isTokenInvalid).toBe(false);
  });
});

import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// Wrap timingSafeEqual so the test can see that the comparison of equal-length signatures goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const { larkSignature, verifyLarkSignature, MAX_SKEW_MS, DEFAULT_REPLAY_WINDOW_MS } = await import(
  '../../../src/transport/lark/verify-signature.js'
);

/** lark-platform.md §2.5: computed vectors (no official signature vector exists). */
const TS = '1700000000';
const NONCE = 'n0nce';
const KEY = 'test key';
const BODY = Buffer.from('{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}', 'utf8');
const SIG = 'bed8fdd3e4bbc581364c140b572ec676edff3db612d57bbc07a24d062c40ddf3';
const NOW = Number(TS) * 1000;

const input = (o: Partial<Parameters<typeof verifyLarkSignature>[0]> = {}) => ({
  rawBody: BODY,
  timestamp: TS,
  nonce: NONCE,
  signature: SIG,
  encryptKey: KEY,
  nowMs: NOW,
  ...o,
});

describe('Feishu request signature', () => {
  it('computes the §2.5 vector: sha256(timestamp + nonce + key + raw body) as lower-case hex', () => {
    expect(larkSignature(TS, NONCE, KEY, BODY)).toBe(SIG);
  });

  it('computes the §2.5 vector for the deterministically encrypted challenge body', () => {
    const body = Buffer.from(
      '{"encrypt":"AAECAwQFBgcICQoLDA0OD+IYGLa3VZJR7EU+faBqn70epahV5qo/Grd5Ls02TQb7cKy6QoXNUpq44CEwyvj2VlW/XD12AROxZ0bSSh912ZY="}',
    );
    expect(larkSignature(TS, NONCE, KEY, body)).toBe(
      '240daa8ce0e3165418e96154c8d65c84fce27e45fed443f7b2a4b3e4c7f52d9e',
    );
  });

  it('accepts a valid request, also with the signature in upper case', () => {
    expect(verifyLarkSignature(input())).toBe('ok');
    expect(verifyLarkSignature(input({ signature: SIG.toUpperCase() }))).toBe('ok');
  });

  it('refuses a body tampered by one byte', () => {
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 1;
    expect(verifyLarkSignature(input({ rawBody: tampered }))).toBe('mismatch');
  });

  it('hashes the bytes as received, not re-serialised JSON (whitespace matters)', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 1));
    expect(verifyLarkSignature(input({ rawBody: reformatted }))).toBe('mismatch');
  });

  it('refuses a signature made with another key', () => {
    const forged = larkSignature(TS, NONCE, 'not the key', BODY);
    expect(verifyLarkSignature(input({ signature: forged }))).toBe('mismatch');
  });

  it('refuses a changed nonce or timestamp (both are signed)', () => {
    expect(verifyLarkSignature(input({ nonce: 'other' }))).toBe('mismatch');
    expect(verifyLarkSignature(input({ timestamp: '1700000001' }))).toBe('mismatch');
  });

  it('E4: accepts a timestamp as old as Feishu re-pushes (15 s, 5 min, 1 h, 6 h later) and refuses an older one', () => {
    const HOUR = 3_600_000;
    expect(DEFAULT_REPLAY_WINDOW_MS).toBeGreaterThan(7.1 * HOUR);
    for (const age of [15_000, 5 * 60_000 + 15_000, HOUR + 5 * 60_000, 7.1 * HOUR]) {
      expect(verifyLarkSignature(input({ nowMs: NOW + age }))).toBe('ok');
    }
    expect(verifyLarkSignature(input({ nowMs: NOW + DEFAULT_REPLAY_WINDOW_MS }))).toBe('ok');
    expect(verifyLarkSignature(input({ nowMs: NOW + DEFAULT_REPLAY_WINDOW_MS + 1 }))).toBe('stale');
  });

  it('E4: the replay window is a setting', () => {
    expect(verifyLarkSignature(input({ nowMs: NOW + 3_600_000, replayWindowMs: 3_600_000 }))).toBe('ok');
    expect(verifyLarkSignature(input({ nowMs: NOW + 3_600_001, replayWindowMs: 3_600_000 }))).toBe('stale');
  });

  it('accepts a timestamp at most 5 minutes ahead (clock skew), whatever the replay window', () => {
    expect(MAX_SKEW_MS).toBe(300_000);
    expect(verifyLarkSignature(input({ nowMs: NOW - MAX_SKEW_MS }))).toBe('ok');
    expect(verifyLarkSignature(input({ nowMs: NOW - MAX_SKEW_MS - 1 }))).toBe('stale');
    expect(verifyLarkSignature(input({ nowMs: NOW - MAX_SKEW_MS - 1, replayWindowMs: 24 * 3_600_000 }))).toBe('stale');
  });

  it('E4: an hour-old request signed with another key is still refused: the window widens time, not trust', () => {
    const forged = larkSignature(TS, NONCE, 'not the key', BODY);
    expect(verifyLarkSignature(input({ nowMs: NOW + 3_600_000, signature: forged }))).toBe('mismatch');
  });

  it('treats a non-numeric timestamp as stale', () => {
    expect(verifyLarkSignature(input({ timestamp: 'yesterday' }))).toBe('stale');
  });

  it('reports missing headers, each of them', () => {
    for (const missing of ['timestamp', 'nonce', 'signature'] as const) {
      expect(verifyLarkSignature(input({ [missing]: undefined }))).toBe('missing');
      expect(verifyLarkSignature(input({ [missing]: '' }))).toBe('missing');
    }
  });

  it('compares equal-length signatures in constant time (timingSafeEqual), shorter ones by length alone', () => {
    const tse = vi.mocked(crypto.timingSafeEqual);
    tse.mockClear();
    const wrong = SIG.slice(0, -1) + (SIG.endsWith('0') ? '1' : '0');
    expect(verifyLarkSignature(input({ signature: wrong }))).toBe('mismatch');
    expect(tse).toHaveBeenCalledTimes(1);
    tse.mockClear();
    expect(verifyLarkSignature(input({ signature: 'abc' }))).toBe('mismatch');
    expect(tse).not.toHaveBeenCalled();
  });
});

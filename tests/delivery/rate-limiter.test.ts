import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';

describe('rate limiter (Feishu: 5/s per recipient, 50/s per app)', () => {
  it('lets five sends to one recipient through, then makes the sixth wait for the window', () => {
    const l = new RateLimiter(5, 50);
    for (let i = 0; i < 5; i++) {
      expect(l.delayFor('u1', 1000 + i * 10)).toBe(0);
      l.record('u1', 1000 + i * 10);
    }
    expect(l.delayFor('u1', 1050)).toBe(950);
    expect(l.delayFor('u1', 2000)).toBe(0);
    expect(l.delayFor('u2', 1050)).toBe(0);
  });

  it('holds every recipient to the overall limit', () => {
    const l = new RateLimiter(5, 50);
    for (let i = 0; i < 50; i++) l.record(`u${i}`, 0);
    expect(l.delayFor('fresh', 10)).toBe(990);
  });

  it('keeps a fractional rate (0.5/s → one send every 2 s)', () => {
    const l = new RateLimiter(0.5, 50);
    l.record('u', 0);
    expect(l.delayFor('u', 1000)).toBe(1000);
    expect(l.delayFor('u', 2000)).toBe(0);
  });

  it('adds the margin to every window', () => {
    const l = new RateLimiter(1, 50, 25);
    l.record('u', 0);
    expect(l.delayFor('u', 1000)).toBe(25);
  });

  it('counts a slot from the answer once settled, since Feishu counts arrivals', () => {
    const l = new RateLimiter(1, 50);
    l.record('u', 0);
    l.settle('u', 0, 80);
    expect(l.delayFor('u', 1000)).toBe(80);
  });

  it('pauses everyone on a gateway limit and one recipient on a per-recipient limit', () => {
    const l = new RateLimiter(5, 50);
    l.block('u1', 1500);
    expect(l.delayFor('u1', 1000)).toBe(500);
    expect(l.delayFor('u2', 1000)).toBe(0);
    l.pauseAll(4000);
    expect(l.delayFor('u2', 1000)).toBe(3000);
    expect(l.delayFor('u2', 4000)).toBe(0);
  });

  it('forgets recipients it has not seen for a while', () => {
    const l = new RateLimiter(5, 50);
    for (let i = 0; i < 999; i++) l.record(`u${i}`, 0);
    expect(l.trackedKeys).toBe(999);
    l.record('late', 5000); // the 1000th record sweeps
    expect(l.trackedKeys).toBe(1);
  });

  it('refuses a zero rate', () => {
    expect(() => new RateLimiter(0, 50)).toThrow();
  });
});

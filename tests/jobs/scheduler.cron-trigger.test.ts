import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeCronTrigger } from '../../src/jobs/scheduler.js';

/**
 * node-cron sleeps on timers (the monotonic clock) and reads the wall clock when it wakes. Fake
 * timers let the wall clock step without the timers moving — what an NTP correction does to a
 * running process — so the real node-cron can be watched deciding that a fire was missed.
 */
describe('the node-cron trigger after a wall-clock step', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('R-JOB-1: a forward step over 18:30 reaches the scheduler as a missed fire, never as a fire', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T10:29:00Z') }); // 18:29 in Shanghai
    const fired: Date[] = [];
    const missed: Date[] = [];
    const trigger = nodeCronTrigger(
      '30 18 * * *',
      'Asia/Shanghai',
      'test:step',
      (at) => fired.push(at),
      (at) => missed.push(at),
    );
    try {
      vi.setSystemTime(new Date('2026-11-23T10:45:00Z')); // the step; node-cron's timer still has a minute to go
      await vi.advanceTimersByTimeAsync(61_000);
      expect(fired).toEqual([]);
      expect(missed.map((d) => d.toISOString())).toEqual(['2026-11-23T10:30:00.000Z']);
    } finally {
      trigger.stop();
    }
  });

  it('R-JOB-1: without a step node-cron fires on time and reports nothing missed', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T10:29:00Z') });
    const fired: Date[] = [];
    const missed: Date[] = [];
    const trigger = nodeCronTrigger(
      '30 18 * * *',
      'Asia/Shanghai',
      'test:nostep',
      (at) => fired.push(at),
      (at) => missed.push(at),
    );
    try {
      await vi.advanceTimersByTimeAsync(61_000);
      expect(fired.map((d) => d.toISOString())).toEqual(['2026-11-23T10:30:00.000Z']);
      expect(missed).toEqual([]);
    } finally {
      trigger.stop();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/shared/errors.js';
import { t, dynamicKey } from '../../src/i18n/index.js';
import { assertValidCron, fireTimesOn, parseScheduleInput, recentFireTimes } from '../../src/jobs/cron-schedule.js';
import { defineJob, periods } from '../../src/jobs/job.js';

const SH = 'Asia/Shanghai';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return t(dynamicKey(err.messageKey), err.params);
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('cron input and fire times', () => {
  it('R-JOB-1: an HH:mm keeps the job days; a cron is taken as is', () => {
    expect(parseScheduleInput('10:30', '0 9 * * 1')).toBe('30 10 * * 1');
    expect(parseScheduleInput('7：05', '0 18 * * *')).toBe('5 7 * * *');
    expect(parseScheduleInput('0 18 * * 1-5', '0 9 * * *')).toBe('0 18 * * 1-5');
  });

  it('R-JOB-1: a cron or time that does not parse is refused with a clear Chinese message', () => {
    expect(refusal(() => parseScheduleInput('25:00', '0 9 * * *'))).toContain('不是有效的时间');
    expect(refusal(() => parseScheduleInput('0 25 * * *', '0 9 * * *'))).toMatch(
      /不是有效的时间设置：时“25”无效.*原来的时间保持不变/,
    );
    expect(refusal(() => assertValidCron('every day'))).toContain('需要 5 段');
    expect(refusal(() => assertValidCron('0 9 * * 8'))).toContain('周');
  });

  it('fire times of a day are in the department zone', () => {
    expect(fireTimesOn('0 18 * * *', '2026-11-23', SH).map((d) => d.toISOString())).toEqual([
      '2026-11-23T10:00:00.000Z',
    ]);
    expect(fireTimesOn('0 9 * * 1', '2026-11-23', SH).map((d) => d.toISOString())).toEqual([
      '2026-11-23T01:00:00.000Z',
    ]);
    expect(fireTimesOn('0 9 * * 1', '2026-11-24', SH)).toEqual([]);
    expect(fireTimesOn('0 9 1 * *', '2026-12-01', SH)).toHaveLength(1);
    expect(fireTimesOn('15 * * * *', '2026-11-23', SH)).toHaveLength(24);
  });

  it('recent fire times: today up to now, plus a fire of late yesterday within the grace', () => {
    const at = (iso: string) => new Date(iso);
    expect(recentFireTimes('0 18 * * *', at('2026-11-23T09:59:59Z'), SH, 600_000)).toEqual([]);
    expect(recentFireTimes('0 18 * * *', at('2026-11-23T10:00:00Z'), SH, 600_000)).toHaveLength(1);
    expect(recentFireTimes('55 23 * * *', at('2026-11-23T16:01:00Z'), SH, 600_000)).toHaveLength(1); // 00:01 next day
    expect(recentFireTimes('55 23 * * *', at('2026-11-23T17:00:00Z'), SH, 600_000)).toHaveLength(0);
  });
});

describe('period keys', () => {
  const at = new Date('2026-11-22T16:30:00Z'); // Monday 2026-11-23 00:30 in Shanghai
  it('R-JOB-1: keys are computed in the department zone', () => {
    expect(periods.daily(at, SH)).toBe('2026-11-23');
    expect(periods.weekly(at, SH)).toBe('2026-W48');
    expect(periods.monthly(at, SH)).toBe('2026-11');
    expect(periods.hourly(at, SH)).toBe('2026-11-23T00');
    expect(periods.daily(at, 'UTC')).toBe('2026-11-22');
  });

  it('a job definition with a bad name or cron is a programming error', () => {
    const run = async () => undefined;
    expect(() =>
      defineJob({
        name: 'bad name',
        titleKey: 'job.dailyDigest',
        defaultCron: '0 9 * * *',
        periodKey: periods.daily,
        run,
      }),
    ).toThrow(/camelCase/);
    expect(() =>
      defineJob({ name: 'ok', titleKey: 'job.dailyDigest', defaultCron: '0 99 * * *', periodKey: periods.daily, run }),
    ).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { dueWithin, isDue, needsWarning, recallLine } from '../../../src/domain/pool/recall.rules.js';
import { localDate, zonedToUtc } from '../../../src/domain/shared/zoned-time.js';

const S = { enabled: true, idleDays: { A: 30, B: 45, C: 60, D: 90 }, warnDaysBefore: 3 };
const SH = 'Asia/Shanghai';
const cand = (grade: 'A' | 'B', last: Date) => ({
  clientId: 1,
  name: 'x',
  grade,
  ownerOpenId: 'ou_a',
  lastContactAt: last,
});

describe('pool recall rules (R-POOL-1)', () => {
  it('R-POOL-1: idle days per grade from the last contact’s local date; due, warned 3 days before, or fine', () => {
    const last = zonedToUtc('2026-10-27', 0, 30, 0, SH); // still 10-26 in UTC: the local date counts
    const a = recallLine(cand('A', last), S, '2026-11-23', SH, false);
    expect(a).toMatchObject({ lastContactDate: '2026-10-27', recallDate: '2026-11-26', daysLeft: 3 });
    expect([isDue(a), needsWarning(a, S), dueWithin(a, 7)]).toEqual([false, true, true]);
    const b = recallLine(cand('B', last), S, '2026-11-23', SH, false);
    expect([b.recallDate, isDue(b), needsWarning(b, S), dueWithin(b, 7)]).toEqual(['2026-12-11', false, false, false]);
    const due = recallLine(cand('A', zonedToUtc('2026-10-20', 10, 0, 0, SH)), S, '2026-11-23', SH, false);
    expect([due.daysLeft, isDue(due)]).toEqual([-4, true]);
  });

  it('R-POOL-1: a locked client is neither recalled nor warned', () => {
    const l = recallLine(cand('A', zonedToUtc('2026-10-01', 10, 0, 0, SH)), S, '2026-11-23', SH, true);
    expect([isDue(l), needsWarning(l, S)]).toEqual([false, false]);
  });

  it('R-POOL-1: the local date is right across a DST change', () => {
    const tz = 'America/New_York';
    for (const iso of [
      '2026-03-08T06:59:00Z',
      '2026-03-08T07:00:00Z',
      '2026-11-01T03:59:00Z',
      '2026-11-01T04:30:00Z',
    ]) {
      const at = new Date(iso);
      expect(recallLine(cand('A', at), S, '2026-12-31', tz, false).lastContactDate).toBe(localDate(at, tz));
    }
  });
});

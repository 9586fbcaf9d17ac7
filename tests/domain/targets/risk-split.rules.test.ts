import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { parsePeriod } from '../../../src/domain/targets/period.js';
import { lagOf, mondayToFriday, workingDayShare } from '../../../src/domain/targets/risk.rules.js';
import { checkProposal } from '../../../src/domain/targets/split.rules.js';

describe('R-TGT-5: risk warning', () => {
  it.each([
    // target, signed, elapsed, total, margin, lagging
    [20, 5, 11, 22, 10, true], // 50 % of time, 25 % done → 25 points behind
    [20, 8, 11, 22, 10, false], // 40 % done → exactly 10 behind: not more than the margin
    [20, 7, 11, 22, 10, true], // 35 % → 15 behind
    [20, 0, 1, 22, 10, false], // first day: 4.5 % elapsed
    [20, 25, 22, 22, 0, false], // over-achieved
    [null, 0, 20, 22, 10, null],
    [20, 0, 0, 0, 10, null],
  ])(
    'R-TGT-5: target %s, %i signed, %i of %i working days, margin %i → %s',
    (target, signed, elapsed, total, margin, lagging) => {
      const lag = lagOf({ target, signed, workingDaysElapsed: elapsed, workingDaysInMonth: total, marginPct: margin });
      expect(lag === null ? null : lag.lagging).toBe(lagging);
    },
  );

  it('R-TGT-5: working days follow the calendar (holidays off, make-up days on)', () => {
    // December 2026: 23 weekdays; the 1st is a Tuesday.
    expect(workingDayShare(mondayToFriday, '2026-12-01', '2026-12-31')).toEqual({ elapsed: 1, total: 23 });
    expect(workingDayShare(mondayToFriday, '2026-12-13', '2026-12-31')).toEqual({ elapsed: 9, total: 23 });
    const cal = new WorkingCalendar({ holidays: ['2026-12-31'], makeupWorkdays: ['2026-12-12'] });
    expect(workingDayShare(cal, '2026-12-13', '2026-12-31')).toEqual({ elapsed: 10, total: 23 });
  });
});

describe('R-TGT-2: target split', () => {
  const ok = (input: Parameters<typeof checkProposal>[0]) => {
    const r = checkProposal(input);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.proposal;
  };
  const issues = (input: Parameters<typeof checkProposal>[0]) => {
    const r = checkProposal(input);
    if (r.ok) throw new Error('expected issues');
    return r.issues;
  };

  it('R-TGT-2: a split that adds up is accepted, with optional area and first-year rent', () => {
    const p = ok({
      contracts: '10',
      area: '1,000',
      rent: '120万'.replace('万', '0000'),
      split: { ou_a: '6/600/720000', ou_b: '4/400/480000', ou_c: '' },
    });
    expect(p.contracts).toBe(10);
    expect(p.areaCenti).toBe(100000);
    expect(p.rentFen).toBe(120000000);
    expect(p.split).toEqual([
      { agentOpenId: 'ou_a', contracts: 6, areaCenti: 60000, rentFen: 72000000 },
      { agentOpenId: 'ou_b', contracts: 4, areaCenti: 40000, rentFen: 48000000 },
    ]);
  });

  it('R-TGT-2: a split that does not add up is refused with both numbers', () => {
    expect(
      issues({ contracts: '10', area: undefined, rent: undefined, split: { ou_a: '6', ou_b: '3' } }).split,
    ).toEqual({ key: 'target.err.split_sum', params: { sum: 9, total: 10 } });
    expect(
      issues({ contracts: '10', area: '100', rent: undefined, split: { ou_a: '6/50', ou_b: '4/49.99' } }).split,
    ).toEqual({ key: 'target.err.split_area_sum', params: { sum: '99.99', total: '100.00' } });
    expect(
      issues({ contracts: '10', area: undefined, rent: undefined, split: { ou_a: '6/0/100', ou_b: '4' } }).split!.key,
    ).toBe('target.err.split_area_without_total');
    expect(issues({ contracts: '10', area: undefined, rent: undefined, split: {} }).split!.key).toBe(
      'target.err.split_missing',
    );
  });

  it('R-TGT-2: negative or unreadable numbers are refused per field', () => {
    const i = issues({ contracts: '-3', area: 'abc', rent: '-1', split: { ou_a: '-1', ou_b: '2.5', ou_c: '1/2/3/4' } });
    expect(i.contracts!.key).toBe('target.err.negative');
    expect(i.area!.key).toBe('target.err.decimal');
    expect(i.rent!.key).toBe('target.err.negative');
    expect(i.split_ou_a!.key).toBe('target.err.negative');
    expect(i.split_ou_b!.key).toBe('target.err.split_format');
    expect(i.split_ou_c!.key).toBe('target.err.split_format');
    expect(issues({ contracts: '0', area: undefined, rent: undefined, split: {} }).contracts!.key).toBe(
      'target.err.zero',
    );
    expect(issues({ contracts: '', area: undefined, rent: undefined, split: {} }).contracts!.key).toBe(
      'target.err.required',
    );
  });

  it.each([
    ['2026-12', 'month', '2026-12', '2026-12-01', '2026-12-31'],
    ['2026年2月', 'month', '2026-02', '2026-02-01', '2026-02-28'],
    ['202803', 'month', '2028-03', '2028-03-01', '2028-03-31'],
    ['12月', 'month', '2026-12', '2026-12-01', '2026-12-31'],
    ['2027-Q1', 'quarter', '2027-Q1', '2027-01-01', '2027-03-31'],
    ['2026年第4季度', 'quarter', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['Q2', 'quarter', '2026-Q2', '2026-04-01', '2026-06-30'],
  ])('R-TGT-1: period %s → %s %s', (text, kind, key, from, to) => {
    expect(parsePeriod(text, '2026-11-22')).toMatchObject({ kind, key, from, to });
  });

  it.each(['2026-13', '下个月', '2026-Q5', ''])('R-TGT-1: %s is not a period', (text) => {
    expect(parsePeriod(text, '2026-11-22')).toBeUndefined();
  });
});

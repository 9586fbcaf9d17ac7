import { describe, expect, it } from 'vitest';
import { addDays, atLocalTime, localDate } from '../../../src/domain/shared/zoned-time.js';
import { parseCalendarDate } from '../../../src/domain/forms/form-dates.js';
import { parseAmount } from '../../../src/domain/forms/form-values.js';

const TODAY = '2026-11-22';

describe('calendar dates typed into forms (R-REV-1)', () => {
  it.each([
    ['2026-11-25 +0800', '2026-11-25'],
    ['2026-11-25', '2026-11-25'],
    ['2026/11/5', '2026-11-05'],
    ['2026.11.25', '2026-11-25'],
    ['2026年11月25日', '2026-11-25'],
    ['11月25日', '2026-11-25'],
    ['11月25号', '2026-11-25'],
    ['２０２６-１１-２５', '2026-11-25'],
    ['2028-02-29', '2028-02-29'],
  ])('R-REV-1: %s is the fixed date %s', (input, date) => {
    expect(parseCalendarDate(input, TODAY)).toEqual({ ok: true, date });
  });

  it('R-REV-1: 1月5日 typed in November means next January when the date must be ahead', () => {
    expect(parseCalendarDate('1月5日', TODAY, { preferFuture: true })).toEqual({ ok: true, date: '2027-01-05' });
    expect(parseCalendarDate('1月5日', TODAY)).toEqual({ ok: true, date: '2026-01-05' });
  });

  it.each(['下周', '下周三', '明天', '过几天', 'next week', '2026-11', '25', ''])(
    'R-REV-1: %j is not a calendar date',
    (input) => {
      expect(parseCalendarDate(input, TODAY)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it.each(['2026-02-30', '2026-13-01', '2026-04-31', '2027-02-29', '2月30日', '1999-01-01'])(
    'R-REV-1: %s does not exist',
    (input) => {
      expect(parseCalendarDate(input, TODAY)).toEqual({ ok: false, reason: 'not_a_date' });
    },
  );

  it('local dates and times are in the department timezone', () => {
    expect(localDate(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(atLocalTime('2026-11-22', '17:30', 'Asia/Shanghai').toISOString()).toBe('2026-11-22T09:30:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('R-CON-1: amounts (deposits, rent, area)', () => {
  it.each([
    ['5000', 5000],
    ['5,000', 5000],
    ['5000.5', 5000.5],
    ['¥20000', 20000],
    ['20000元', 20000],
    ['0.5万', 5000],
    ['2万元', 20000],
  ])('%s → %d', (input, value) => {
    expect(parseAmount(input)).toEqual({ ok: true, value });
  });
  it.each([
    ['-5000', 'not_positive'],
    ['0', 'not_positive'],
    ['五千', 'format'],
    ['5e3', 'format'],
    ['1.2.3', 'format'],
  ])('%s is refused (%s)', (input, reason) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason });
  });
});

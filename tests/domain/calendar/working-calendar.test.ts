import { describe, expect, it } from 'vitest';
import {
  addDays,
  atLocalTime,
  isoWeekKey,
  isValidIsoDate,
  localDate,
  mondayOf,
  today,
  wallClock,
  zonedToUtc,
} from '../../../src/domain/shared/zoned-time.js';
import { WorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';

const SH = 'Asia/Shanghai';
// 2026: National Day 10-01…10-07 off, Saturday 10-10 a make-up working day.
const cal = new WorkingCalendar({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeupWorkdays: ['2026-10-10'],
});

describe('working calendar', () => {
  it('weekends are off, weekdays on', () => {
    expect(cal.isWorkingDay('2026-11-20')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-11-22')).toBe(false); // Sunday
  });

  it('public holidays are off, make-up working days are on', () => {
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // Thursday, holiday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up day
  });

  it('next working day skips weekends and holidays and honours make-up days', () => {
    expect(cal.nextWorkingDay('2026-11-20')).toBe('2026-11-23');
    expect(cal.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(cal.nextWorkingDay('2026-10-09')).toBe('2026-10-10');
    expect(cal.previousWorkingDay('2026-10-08')).toBe('2026-09-30');
    expect(cal.workingDaysBetween('2026-11-16', '2026-11-22')).toBe(5);
  });

  it('local date is the department zone, not UTC: 15:59:59.999Z is still the same day in Shanghai, 16:00Z is the next', () => {
    expect(localDate(new Date('2026-11-22T15:59:59.999Z'), SH)).toBe('2026-11-22');
    expect(localDate(new Date('2026-11-22T16:00:00.000Z'), SH)).toBe('2026-11-23');
    expect(today(new ManualClock('2026-11-22T16:00:00Z'), SH)).toBe('2026-11-23');
    expect(wallClock(new Date('2026-11-22T10:00:00Z'), SH)).toEqual({
      date: '2026-11-22',
      hour: 18,
      minute: 0,
      second: 0,
    });
  });

  it('zoned wall-clock → UTC instant, with and without DST', () => {
    expect(zonedToUtc('2026-11-23', 18, 0, 0, SH).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(atLocalTime('2026-11-23', '00:00', SH).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(zonedToUtc('2026-07-01', 9, 0, 0, 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedToUtc('2026-12-01', 9, 0, 0, 'America/New_York').toISOString()).toBe('2026-12-01T14:00:00.000Z');
    // Asia/Shanghai had DST 1986–1991: +09:00 in July 1991.
    expect(zonedToUtc('1991-07-01', 9, 0, 0, SH).toISOString()).toBe('1991-07-01T00:00:00.000Z');
  });

  it('ISO weeks and month starts: Sunday→Monday rollover, year boundary, leap day', () => {
    expect(isoWeekKey('2026-11-22')).toBe('2026-W47');
    expect(isoWeekKey('2026-11-23')).toBe('2026-W48');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('only real dates are valid', () => {
    expect(isValidIsoDate('2026-10-01')).toBe(true);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('2026-1-1')).toBe(false);
    expect(isValidIsoDate('明天')).toBe(false);
  });
});

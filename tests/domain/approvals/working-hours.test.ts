import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { addWorkingMinutes, workingMinutesBetween } from '../../../src/domain/approvals/working-hours.js';

const TZ = 'Asia/Shanghai';
const day = { start: '08:30', end: '17:30', timezone: TZ };
// 2026-10-01..07 are holidays; 2026-10-10 (a Saturday) is a make-up working day.
const cal = new WorkingCalendar({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeupWorkdays: ['2026-10-10'],
});
/** Shanghai wall time → instant. */
const sh = (iso: string) => new Date(`${iso}+08:00`);

describe('working hours (R-FV-4)', () => {
  it('R-FV-4: two working hours inside one working day are two hours', () => {
    expect(addWorkingMinutes(sh('2026-11-23T09:00:00'), 120, cal, day)).toEqual(sh('2026-11-23T11:00:00'));
  });

  it('R-FV-4: filed at 17:00 on Friday, two working hours end at 10:00 on Monday', () => {
    expect(addWorkingMinutes(sh('2026-11-27T17:00:00'), 120, cal, day)).toEqual(sh('2026-11-30T10:00:00'));
    expect(workingMinutesBetween(sh('2026-11-27T17:00:00'), sh('2026-11-30T09:59:00'), cal, day)).toBe(119);
  });

  it('R-FV-4: filed at night or on a weekend, the count starts at the next working morning', () => {
    expect(addWorkingMinutes(sh('2026-11-24T22:00:00'), 120, cal, day)).toEqual(sh('2026-11-25T10:30:00'));
    expect(addWorkingMinutes(sh('2026-11-28T10:00:00'), 120, cal, day)).toEqual(sh('2026-11-30T10:30:00'));
  });

  it('R-FV-4: holidays are skipped and make-up working days count', () => {
    // Wednesday 2026-09-30 at 17:00: 30 minutes that day, then the holiday week; Saturday 10-03 is off,
    // Thursday 10-08 is the next working day.
    expect(addWorkingMinutes(sh('2026-09-30T17:00:00'), 120, cal, day)).toEqual(sh('2026-10-08T10:00:00'));
    // Friday 10-09 at 17:00: the make-up Saturday 10-10 counts.
    expect(addWorkingMinutes(sh('2026-10-09T17:00:00'), 120, cal, day)).toEqual(sh('2026-10-10T10:00:00'));
  });

  it('R-FV-4: nothing elapses outside the working day', () => {
    expect(workingMinutesBetween(sh('2026-11-27T18:00:00'), sh('2026-11-30T08:00:00'), cal, day)).toBe(0);
    expect(workingMinutesBetween(sh('2026-11-30T08:00:00'), sh('2026-11-30T12:00:00'), cal, day)).toBe(210);
    expect(workingMinutesBetween(sh('2026-11-30T12:00:00'), sh('2026-11-30T08:00:00'), cal, day)).toBe(0);
  });
});

import { addDays, type IsoDate, weekdayOf, workingDaysBetween } from '../shared/zoned-time.js';

/**
 * The department's calendar, pure: which days are working days (weekends off, public holidays off,
 * make-up working days on). Dates, times and the zone are src/domain/shared/zoned-time.ts.
 */

export interface CalendarDays {
  holidays: IsoDate[];
  makeupWorkdays: IsoDate[];
}

/** Working days: make-up days are on, holidays and weekends are off, everything else is on. */
export class WorkingCalendar {
  private readonly holidays: Set<IsoDate>;
  private readonly makeup: Set<IsoDate>;

  constructor(days: CalendarDays) {
    this.holidays = new Set(days.holidays);
    this.makeup = new Set(days.makeupWorkdays);
  }

  isWorkingDay(date: IsoDate): boolean {
    if (this.makeup.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const dow = weekdayOf(date);
    return dow !== 0 && dow !== 6;
  }

  /** The first working day after `date` (a year of holidays in a row would be a configuration error). */
  nextWorkingDay(date: IsoDate): IsoDate {
    let d = addDays(date, 1);
    for (let i = 0; i < 366 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    return d;
  }

  previousWorkingDay(date: IsoDate): IsoDate {
    let d = addDays(date, -1);
    for (let i = 0; i < 366 && !this.isWorkingDay(d); i++) d = addDays(d, -1);
    return d;
  }

  /** Working days in [from, to] inclusive. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    return workingDaysBetween(this, from, to);
  }

  days(): CalendarDays {
    return { holidays: [...this.holidays].sort(), makeupWorkdays: [...this.makeup].sort() };
  }
}

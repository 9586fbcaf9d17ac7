import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { addDays, atLocalTime, localDate } from '../shared/zoned-time.js';

/**
 * Working time, pure (R-FV-4): a request waits "2 working hours", counted only inside the working
 * day (e.g. 08:30–17:30) of working days of the department's calendar. A request filed at 17:00 on
 * a Friday has used 30 minutes by the evening and comes due at 10:00 on Monday.
 */
export interface WorkingDay {
  /** `HH:mm` in `timezone`. */
  start: string;
  end: string;
  timezone: string;
}

/** Which days have a working day in them (the working calendar in force). */
export type WorkingDays = Pick<WorkingCalendar, 'isWorkingDay'>;

/** A year of days without one working hour in it would be a configuration error: stop looking. */
const MAX_DAYS = 400;

function window(date: string, day: WorkingDay): { from: Date; to: Date } {
  return { from: atLocalTime(date, day.start, day.timezone), to: atLocalTime(date, day.end, day.timezone) };
}

/** The instant at which `minutes` working minutes have passed since `start`. */
export function addWorkingMinutes(start: Date, minutes: number, cal: WorkingDays, day: WorkingDay): Date {
  let left = Math.max(0, minutes) * 60_000;
  let date = localDate(start, day.timezone);
  let cursor = start.getTime();
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    if (!cal.isWorkingDay(date)) continue;
    const { from, to } = window(date, day);
    const begin = Math.max(cursor, from.getTime());
    if (begin >= to.getTime()) continue;
    const room = to.getTime() - begin;
    if (left <= room) return new Date(begin + left);
    left -= room;
    cursor = begin + room;
  }
  return new Date(cursor + left);
}

/** Working minutes between `from` and `to` (0 when `to` is not after `from`), rounded down. */
export function workingMinutesBetween(from: Date, to: Date, cal: WorkingDays, day: WorkingDay): number {
  if (to.getTime() <= from.getTime()) return 0;
  let ms = 0;
  let date = localDate(from, day.timezone);
  const last = localDate(to, day.timezone);
  for (let i = 0; i < MAX_DAYS && date <= last; i++, date = addDays(date, 1)) {
    if (!cal.isWorkingDay(date)) continue;
    const w = window(date, day);
    const begin = Math.max(from.getTime(), w.from.getTime());
    const end = Math.min(to.getTime(), w.to.getTime());
    if (end > begin) ms += end - begin;
  }
  return Math.floor(ms / 60_000);
}

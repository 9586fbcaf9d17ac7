/**
 * Time in the department's zone (BOT_TIMEZONE), pure and in one place: the local date of an instant,
 * a local time as an instant, calendar-date arithmetic and working-day arithmetic (which days count is
 * the working calendar's business; this module only asks it). Everything uses Intl with an explicit
 * zone, never the process TZ, so the service behaves the same on a server in UTC or New York.
 * Calendar dates are `YYYY-MM-DD` strings.
 */
import type { Clock } from './clock.js';

export type IsoDate = string;

export interface WallClock {
  date: IsoDate;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when Intl knows `tz` as an IANA time zone (config refuses anything else at boot). */
export function isKnownTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `tz` at `instant`. */
export function wallClock(instant: Date, tz: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The local calendar date of an instant in `tz`. */
export function localDate(instant: Date, tz: string): IsoDate {
  return wallClock(instant, tz).date;
}

/** Today's date in the department's timezone: the one helper every feature uses for "today". */
export function today(clock: Clock, tz: string): IsoDate {
  return localDate(clock.now(), tz);
}

/** Milliseconds `tz` is ahead of UTC at `instant`. */
function offsetMs(instant: number, tz: string): number {
  const w = wallClock(new Date(instant), tz);
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Shanghai → 480). */
export function offsetMinutes(instant: Date, tz: string): number {
  return Math.round(offsetMs(instant.getTime(), tz) / 60_000);
}

/**
 * The instant at which the wall clock in `tz` shows `date hh:mm:ss.ms`. Two passes settle the offset
 * around a DST change; a time skipped by spring-forward maps to the instant just after the gap.
 */
export function zonedToUtc(date: IsoDate, hour: number, minute: number, second: number, tz: string, ms = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute, second, ms);
  const first = guess - offsetMs(guess, tz);
  return new Date(guess - offsetMs(first, tz));
}

/** `date` at `HH:mm` (seconds `sec`, ms `ms`) in `tz` — e.g. the end of the working day (17:30). */
export function atLocalTime(date: IsoDate, hhmm: string, tz: string, sec = 0, ms = 0): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return zonedToUtc(date, h, m, sec, tz, ms);
}

/** A deadline "by HH:mm" is the end of that minute: filed at 17:30:40 is still on time for 17:30. */
export function deadlineAt(date: IsoDate, hhmm: string, tz: string): Date {
  return atLocalTime(date, hhmm, tz, 59, 999);
}

/** Midnight at the start of `date` in `tz`, as an instant. */
export function startOfLocalDay(date: IsoDate, tz: string): Date {
  return zonedToUtc(date, 0, 0, 0, tz);
}

function toUtcDate(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return toUtcDate(date).getUTCDay();
}

/** ISO-8601 week, e.g. `2026-W48` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(date: IsoDate): string {
  const d = toUtcDate(date);
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the ISO week holding `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

export function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return toUtcDate(s).toISOString().slice(0, 10) === s;
}

/** What working-day arithmetic needs to know about the department's calendar (src/domain/calendar). */
export interface WorkingDays {
  isWorkingDay(date: IsoDate): boolean;
  nextWorkingDay(date: IsoDate): IsoDate;
}

/** `HH:mm` in `tz` on the first working day after `date` — e.g. a next-morning deadline. */
export function atLocalTimeNextWorkingDay(cal: WorkingDays, date: IsoDate, hhmm: string, tz: string): Date {
  return atLocalTime(cal.nextWorkingDay(date), hhmm, tz);
}

/** Working days in [from, to] inclusive, as the calendar counts them. */
export function workingDaysBetween(cal: Pick<WorkingDays, 'isWorkingDay'>, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

import type { IsoDate } from '../shared/zoned-time.js';
import type { CalendarDays } from './working-calendar.js';

/** The State Council publishes the next year's holidays around November (2026's on 2025-11-04). */
export const NEXT_YEAR_CHECK_FROM_MONTH = 11;

/**
 * Years whose public holidays are not in the calendar yet: the current year, and from November the
 * next one. A year without a single holiday entered would make Spring Festival a run of working days
 * for reminders, plans, form deadlines and the risk warning.
 */
export function yearsMissingHolidays(days: CalendarDays, today: IsoDate): number[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const wanted = month >= NEXT_YEAR_CHECK_FROM_MONTH ? [year, year + 1] : [year];
  return wanted.filter((y) => !days.holidays.some((d) => d.startsWith(`${y}-`)));
}

import { addDays, isoWeekKey, mondayOf, type IsoDate } from '../shared/zoned-time.js';

/**
 * R-DAY-2 duty roster (排班表), pure. A week's roster says, per weekday, who is on reception duty
 * (值班: receives first and files the meeting minutes) and who is off. It is kept per ISO week and a
 * week nobody set is the latest earlier one copied forward, so a department that works the same
 * pattern every week sets it once.
 */
export interface RosterDay {
  duty: string | null;
  off: string[];
}

/** Weekday 1 (Monday) … 7 (Sunday) → that day's roster. */
export type RosterWeek = Record<string, RosterDay>;

export interface StoredRosters {
  weeks: Record<string, RosterWeek>;
}

/** Weeks kept: enough to look back, small enough to stay one setting row. */
export const KEPT_WEEKS = 12;

export const emptyDay = (): RosterDay => ({ duty: null, off: [] });

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The seven dates of the week holding `date`, Monday first. */
export function weekDates(date: IsoDate): IsoDate[] {
  const monday = mondayOf(date);
  return [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i));
}

/** The roster in force for `week`: its own, else the latest earlier week's (copied forward), else none. */
export function rosterFor(stored: StoredRosters, week: string): { roster: RosterWeek; copiedFrom: string | null } {
  const own = stored.weeks[week];
  if (own) return { roster: own, copiedFrom: null };
  const earlier = Object.keys(stored.weeks)
    .filter((w) => w < week)
    .sort()
    .at(-1);
  return earlier ? { roster: stored.weeks[earlier]!, copiedFrom: earlier } : { roster: {}, copiedFrom: null };
}

/** The roster of one date. */
export function rosterOfDay(stored: StoredRosters, date: IsoDate): RosterDay {
  return rosterFor(stored, isoWeekKey(date)).roster[String(isoWeekday(date))] ?? emptyDay();
}

/** Saves `week`, keeping the latest KEPT_WEEKS weeks. */
export function withWeek(stored: StoredRosters, week: string, roster: RosterWeek): StoredRosters {
  const weeks = { ...stored.weeks, [week]: roster };
  const keep = Object.keys(weeks).sort().slice(-KEPT_WEEKS);
  return { weeks: Object.fromEntries(keep.map((w) => [w, weeks[w]!])) };
}

import type { Grade } from '../clients/client.js';
import { addDays, offsetMinutes, type IsoDate } from '../shared/zoned-time.js';

/**
 * R-POOL-1 recall (公海回收), pure. A private client with no follow-up for N days (N per grade)
 * returns to the public pool; its agent is warned `warnDaysBefore` days ahead. Clients with a deposit
 * or a contract are never candidates (only 意向 / 跟进中 are), and a manager's lock exempts a client.
 */
export interface RecallSettings {
  enabled: boolean;
  idleDays: Record<Grade, number>;
  warnDaysBefore: number;
}

export interface RecallCandidate {
  clientId: number;
  name: string;
  grade: Grade;
  ownerOpenId: string;
  /** The last follow-up (call, registration, revisit, visit log), else when the client was registered. */
  lastContactAt: Date;
}

export interface RecallLine extends RecallCandidate {
  lastContactDate: IsoDate;
  /** The day the client returns to the pool. */
  recallDate: IsoDate;
  /** Days from `today` to the recall date (0 or less: due). */
  daysLeft: number;
  locked: boolean;
}

const dayNumber = (d: IsoDate) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/**
 * The local date of many instants: Intl costs ≈ 10 µs a call, which is a third of a second over 35k
 * clients, so the zone's offset is looked up once per UTC hour (offsets change on whole hours).
 */
function localDateFast(at: Date, tz: string, memo: Map<number, number>): IsoDate {
  const hour = Math.floor(at.getTime() / 3_600_000);
  let off = memo.get(hour);
  if (off === undefined) memo.set(hour, (off = offsetMinutes(new Date(hour * 3_600_000), tz)));
  return new Date(at.getTime() + off * 60_000).toISOString().slice(0, 10);
}

const offsets = new Map<string, Map<number, number>>();

export function recallLine(
  c: RecallCandidate,
  s: RecallSettings,
  today: IsoDate,
  tz: string,
  locked: boolean,
): RecallLine {
  let memo = offsets.get(tz);
  if (!memo) offsets.set(tz, (memo = new Map()));
  if (memo.size > 100_000) memo.clear();
  const lastContactDate = localDateFast(c.lastContactAt, tz, memo);
  const recallDate = addDays(lastContactDate, s.idleDays[c.grade]);
  return { ...c, lastContactDate, recallDate, daysLeft: dayNumber(recallDate) - dayNumber(today), locked };
}

/** Due today (or overdue) and not locked: recalled by today's run. */
export const isDue = (l: RecallLine): boolean => !l.locked && l.daysLeft <= 0;

/** Recalled within the warning window, not locked: its agent is warned. */
export const needsWarning = (l: RecallLine, s: RecallSettings): boolean =>
  !l.locked && l.daysLeft > 0 && l.daysLeft <= s.warnDaysBefore;

/** Recalled within [today, today + days): what the manager sees for the week. */
export const dueWithin = (l: RecallLine, days: number): boolean => l.daysLeft < days;

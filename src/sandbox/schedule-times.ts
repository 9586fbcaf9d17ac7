import cron from 'node-cron';
import { addDays, localDate, offsetMinutes, weekdayOf, zonedToUtc } from '../domain/shared/zoned-time.js';

/**
 * When each configured schedule (`settings.schedules`, cron in BOT_TIMEZONE) fires next, so the
 * console's clock can jump straight to "18:00 plan" or "Monday 09:00 summary".
 */
export interface UpcomingRun {
  name: string;
  /** What the console shows, e.g. 每周业绩汇总（部门群）. */
  title?: string;
  pattern: string;
  at: Date;
}

/** True for schedules that fire at most once a day: sweeps every few seconds are no place to jump to. */
export function isDailyOrRarer(pattern: string): boolean {
  const fields = pattern.trim().split(/\s+/);
  // With six fields the first is seconds.
  const [minute, hour] = fields.length === 6 ? fields.slice(1, 3) : fields.slice(0, 2);
  return /^\d+$/.test(minute ?? '') && /^\d+$/.test(hour ?? '');
}

export function upcomingRuns(schedules: Record<string, string>, after: Date, timeZone: string): UpcomingRun[] {
  const out: UpcomingRun[] = [];
  for (const [name, pattern] of Object.entries(schedules)) {
    if (!isDailyOrRarer(pattern)) continue;
    const at = nextRun(pattern, after, timeZone);
    if (at) out.push({ name, pattern, at });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The first minute strictly after `after` that matches a 5-field cron pattern in `timeZone` (within ~13 months). */
export function nextRun(pattern: string, after: Date, timeZone: string): Date | undefined {
  let f: ReturnType<typeof cron.parse>;
  try {
    f = cron.parse(pattern);
  } catch {
    return undefined;
  }
  const doms = f.dayOfMonth.filter((x): x is number => typeof x === 'number');
  const dows = f.dayOfWeek.filter((x): x is number => typeof x === 'number').map((d) => d % 7);
  // Cron's rule: when both day fields are restricted, a day matching either one counts.
  const domAll = doms.length >= 31;
  const dowAll = dows.length >= 7 || new Set(dows).size >= 7;
  const dayMatches = (dom: number, dow: number) =>
    domAll && dowAll
      ? true
      : domAll
        ? dows.includes(dow)
        : dowAll
          ? doms.includes(dom)
          : doms.includes(dom) || dows.includes(dow);

  const start = localDate(after, timeZone);
  for (let i = 0; i < 400; i++) {
    const date = addDays(start, i);
    const [m, d] = [Number(date.slice(5, 7)), Number(date.slice(8, 10))];
    if (!f.month.includes(m) || !dayMatches(d, weekdayOf(date))) continue;
    for (const h of [...f.hour].sort((a, b) => a - b)) {
      for (const min of [...f.minute].sort((a, b) => a - b)) {
        const at = zonedToUtc(date, h, min, 0, timeZone);
        if (at.getTime() > after.getTime()) return at;
      }
    }
  }
  return undefined;
}

/** Feishu's suffix on picker values: "+0800". */
export function offsetSuffix(at: Date, timeZone: string): string {
  const m = offsetMinutes(at, timeZone);
  const sign = m < 0 ? '-' : '+';
  const a = Math.abs(m);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

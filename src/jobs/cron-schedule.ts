import cron from 'node-cron';
import { invalidInput } from '../domain/shared/errors.js';
import { t, dynamicKey } from '../i18n/index.js';
import { addDays, localDate, zonedToUtc, type IsoDate } from '../domain/shared/zoned-time.js';

/**
 * Cron expressions as node-cron reads them (5 fields, or 6 with seconds; day-of-month and
 * day-of-week are ANDed). node-cron fires the triggers; this file answers the questions node-cron
 * cannot: is an admin's input valid, and at which instants did a schedule fire on a given day
 * (for the catch-up after downtime).
 */

/** Validates an admin's input: a cron expression, or `HH:mm` applied to the job's current days. Throws a DomainError. */
export function parseScheduleInput(input: string, currentCron: string): string {
  const text = input.trim().replace(/：/g, ':');
  const hhmm = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (hhmm) {
    const h = Number(hhmm[1]);
    const m = Number(hhmm[2]);
    if (h > 23 || m > 59) throw invalidInput('jobs.bad_time', { value: input });
    const fields = currentCron.trim().split(/\s+/);
    const days = fields.slice(fields.length - 3).join(' ');
    return `${m} ${h} ${days}`;
  }
  assertValidCron(text);
  return text;
}

export function assertValidCron(expr: string): void {
  const fields = expr.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6)
    throw invalidInput('jobs.bad_cron', { value: expr, reason: t('jobs.cron.field_count') });
  const detail = cron.validateDetailed(expr);
  if (!detail.valid) {
    const reason = detail.errors
      .map((e) =>
        t('jobs.cron.field_invalid', { field: t(dynamicKey(`jobs.cron.field.${e.field}`)), value: e.value ?? '' }),
      )
      .join('；');
    throw invalidInput('jobs.bad_cron', { value: expr, reason: reason || t('jobs.cron.unparsable') });
  }
}

/** A matcher per (expression, zone): node-cron's own, so catch-up agrees with the trigger exactly. */
type Matcher = { match(d: Date): boolean; destroy(): void | Promise<void> };
const matchers = new Map<string, Matcher>();

function matcherFor(expr: string, tz: string): Matcher {
  const key = `${tz}|${expr}`;
  let m = matchers.get(key);
  if (!m) {
    const task = cron.createTask(expr, () => undefined, { timezone: tz });
    // createTask registers the task globally; only its matcher is used, so drop it from the registry.
    void task.destroy();
    m = task;
    matchers.set(key, m);
  }
  return m;
}

/** Every instant on local `date` at which `expr` fires in `tz`, in order. */
export function fireTimesOn(expr: string, date: IsoDate, tz: string): Date[] {
  const f = cron.parse(expr);
  const m = matcherFor(expr, tz);
  const out: Date[] = [];
  for (const h of f.hour) {
    for (const mi of f.minute) {
      for (const s of f.second) {
        const at = zonedToUtc(date, h, mi, s, tz);
        if (localDate(at, tz) === date && m.match(at)) out.push(at);
      }
    }
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

/**
 * The fire instants a catch-up may still run at `now`: those of today (local) up to now, plus those
 * of yesterday within `graceMs` (a fire at 23:59 noticed just after midnight still counts).
 */
export function recentFireTimes(expr: string, now: Date, tz: string, graceMs: number): Date[] {
  const today = localDate(now, tz);
  const earlier = fireTimesOn(expr, addDays(today, -1), tz).filter((t) => now.getTime() - t.getTime() <= graceMs);
  const todays = fireTimesOn(expr, today, tz).filter((t) => t.getTime() <= now.getTime());
  return [...earlier, ...todays];
}

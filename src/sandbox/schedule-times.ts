import cron from 'node-cron';

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

  const start = zonedParts(after, timeZone);
  for (let i = 0; i < 400; i++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const [y, m, d, dow] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCDay()];
    if (!f.month.includes(m) || !dayMatches(d, dow)) continue;
    for (const h of [...f.hour].sort((a, b) => a - b)) {
      for (const min of [...f.minute].sort((a, b) => a - b)) {
        const at = zonedTimeToUtc(y, m, d, h, min, timeZone);
        if (at.getTime() > after.getTime()) return at;
      }
    }
  }
  return undefined;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')),
  };
}

/** The instant at which the wall clock in `timeZone` reads y-m-d h:min. */
export function zonedTimeToUtc(y: number, m: number, d: number, h: number, min: number, timeZone: string): Date {
  const wall = Date.UTC(y, m - 1, d, h, min);
  let guess = wall;
  // Two passes settle the offset, including across a DST change.
  for (let i = 0; i < 2; i++) guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Shanghai → 480). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** Feishu's suffix on picker values: "+0800". */
export function offsetSuffix(at: Date, timeZone: string): string {
  const m = offsetMinutes(at, timeZone);
  const sign = m < 0 ? '-' : '+';
  const a = Math.abs(m);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/**
 * How cards show an instant, in the department's timezone: the one place cards get a time formatter
 * (Intl formatters are costly to build, so each shape is built once per zone). Calendar dates are
 * `localDate` in src/domain/shared/zoned-time.ts.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(shape: string, locale: string, options: Intl.DateTimeFormatOptions, tz: string) {
  const key = `${shape}|${tz}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: tz })));
  return f;
}

const HOUR_MINUTE: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** `11-23 14:05`, for card lines. */
export function formatTime(at: Date, tz: string): string {
  const p: Record<string, string> = {};
  const f = formatter('stamp', 'en-GB', { month: '2-digit', day: '2-digit', ...HOUR_MINUTE }, tz);
  for (const x of f.formatToParts(at)) p[x.type] = x.value;
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `14:05`: a time on the day the card is about (a deadline, a ledger row). */
export function hhmm(at: Date, tz: string): string {
  return formatter('hhmm', 'en-GB', HOUR_MINUTE, tz).format(at);
}

/** `11/23 10:05`: when something happened (an ownership step, a form filed, a notice). */
export function dateTime(at: Date, tz: string): string {
  return formatter('dateTime', 'zh-CN', { month: 'numeric', day: 'numeric', ...HOUR_MINUTE }, tz).format(at);
}

/** `11/03 10:05`, month and day always two digits: the outbox's columns line up. */
export function paddedDateTime(at: Date, tz: string): string {
  const options: Intl.DateTimeFormatOptions = {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  };
  return formatter('paddedDateTime', 'zh-CN', options, tz).format(at);
}

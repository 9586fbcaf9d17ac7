import { t } from '../../i18n/index.js';

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六', '日'];
const two = (n: number) => String(n).padStart(2, '0');
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : undefined);

/**
 * A job's time as an admin says it: "每个工作日 18:00", "每周一 09:00", "每月 1 日 09:00",
 * "每小时第 15 分", "每 15 秒". A shape not covered here is shown as the cron text itself, so nothing is
 * hidden; the admin types the new time as HH:mm anyway.
 */
export function cronInWords(cron: string, workingDaysOnly = false): string {
  const parts = cron.trim().split(/\s+/);
  // node-cron takes an optional leading seconds field.
  if (parts.length === 6) {
    const [sec, min, hour, dom, mon, dow] = parts as [string, string, string, string, string, string];
    const every = /^\*\/(\d+)$/.exec(sec);
    if (every && [min, hour, dom, mon, dow].every((p) => p === '*')) return t('cron.every_seconds', { n: every[1]! });
    if (sec !== '0') return cron;
    return cronInWords([min, hour, dom, mon, dow].join(' '), workingDaysOnly);
  }
  if (parts.length !== 5) return cron;
  const [min, hour, dom, mon, dow] = parts as [string, string, string, string, string];
  const m = num(min);
  const everyMin = /^\*\/(\d+)$/.exec(min);
  if (everyMin && [hour, dom, mon, dow].every((p) => p === '*')) return t('cron.every_minutes', { n: everyMin[1]! });
  if (m === undefined || mon !== '*') return cron;
  if (hour === '*' && dom === '*' && dow === '*') return t('cron.every_hour', { m });
  const h = num(hour);
  if (h === undefined) return cron;
  const time = `${two(h)}:${two(m)}`;
  if (dom === '*' && dow === '*') return t(workingDaysOnly ? 'cron.every_working_day' : 'cron.every_day', { time });
  if (dom === '*') {
    const range = /^([0-7])-([0-7])$/.exec(dow);
    if (range) return t('cron.weekday_range', { from: WEEKDAY[+range[1]!]!, to: WEEKDAY[+range[2]!]!, time });
    const days = dow.split(',');
    if (days.every((d) => /^[0-7]$/.test(d)))
      return t('cron.weekdays', { days: days.map((d) => WEEKDAY[+d]).join('、'), time });
    return cron;
  }
  if (dow === '*' && num(dom) !== undefined) return t('cron.monthly', { day: Number(dom), time });
  return cron;
}

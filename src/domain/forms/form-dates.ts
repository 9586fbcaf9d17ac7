/**
 * Calendar dates as people type and read them in forms. Forms keep dates as `YYYY-MM-DD`; the zone
 * arithmetic (local date, deadlines) is src/domain/shared/zoned-time.ts.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export type DateParse = { ok: true; date: string } | { ok: false; reason: 'format' | 'not_a_date' };

/**
 * A fixed calendar date as Feishu's date picker sends it ("2026-11-25 +0800") or as typed:
 * 2026-11-25, 2026/11/25, 2026.11.25, 2026年11月25日, 11月25日 (this year, or next year when
 * `preferFuture` and the day has passed). Relative words (下周, 明天) are not dates (R-REV-1).
 */
export function parseCalendarDate(input: string, today: string, opts: { preferFuture?: boolean } = {}): DateParse {
  const s = input
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+[+-]\d{4}$/, '');
  let y: number, m: number, d: number;
  let yearGiven = true;
  let match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s))) {
    yearGiven = false;
    y = Number(today.slice(0, 4));
    [m, d] = [Number(match[1]), Number(match[2])];
  } else {
    return { ok: false, reason: 'format' };
  }
  if (!yearGiven && !isRealDate(y, m, d) && m === 2 && d === 29) y += 1; // 2月29日 typed in a non-leap year
  if (!isRealDate(y, m, d)) return { ok: false, reason: 'not_a_date' };
  let date = `${y}-${pad(m)}-${pad(d)}`;
  if (!yearGiven && opts.preferFuture && date < today) {
    if (!isRealDate(y + 1, m, d)) return { ok: false, reason: 'not_a_date' };
    date = `${y + 1}-${pad(m)}-${pad(d)}`;
  }
  return { ok: true, date };
}

/** 2026-11-25 → 11月25日 (with the year when it is not `today`'s year). */
export function formatDateZh(date: string, today?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return today && today.slice(0, 4) === date.slice(0, 4) ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

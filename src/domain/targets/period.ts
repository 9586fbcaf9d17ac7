/**
 * Target periods: a month (`2026-12`) or a quarter (`2026-Q4`). Calendar dates are local
 * `YYYY-MM-DD` strings in BOT_TIMEZONE, as everywhere in the product.
 */
export type PeriodKind = 'month' | 'quarter';

export interface TargetPeriod {
  kind: PeriodKind;
  /** `2026-12` or `2026-Q4`. */
  key: string;
  /** First and last local date, inclusive. */
  from: string;
  to: string;
  /** The months it covers, `YYYY-MM`. */
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${pad(d)}`;
}

export function monthPeriod(month: string): TargetPeriod {
  return { kind: 'month', key: month, from: `${month}-01`, to: lastDayOfMonth(month), months: [month] };
}

export function quarterOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export function quarterPeriod(key: string): TargetPeriod {
  const [y, q] = [Number(key.slice(0, 4)), Number(key.slice(6))];
  const months = [0, 1, 2].map((i) => `${y}-${pad((q - 1) * 3 + 1 + i)}`);
  return { kind: 'quarter', key, from: `${months[0]}-01`, to: lastDayOfMonth(months[2]!), months };
}

/**
 * What people type: 2026-12, 2026-1, 2026年12月, 202612, 12月 (this year), 2026-Q4, 2026Q4,
 * 2026年第4季度, Q4 (this year). Undefined when it is neither.
 */
export function parsePeriod(input: string, today: string): TargetPeriod | undefined {
  const s = input
    .trim()
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const year = Number(today.slice(0, 4));
  let m = /^(\d{4})[-/.年]?(?:第)?[Qq]?([1-4])(?:季度|季)$/.exec(s) ?? /^(\d{4})[-/.]?[Qq]([1-4])$/.exec(s);
  if (m) return quarterPeriod(`${m[1]}-Q${m[2]}`);
  m = /^(?:第)?[Qq]?([1-4])(?:季度|季)$/.exec(s) ?? /^[Qq]([1-4])$/.exec(s);
  if (m) return quarterPeriod(`${year}-Q${m[1]}`);
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) return validMonth(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})月$/.exec(s);
  if (m) return validMonth(year, Number(m[1]));
  return undefined;
}

function validMonth(y: number, m: number): TargetPeriod | undefined {
  if (y < 2000 || y > 2100 || m < 1 || m > 12) return undefined;
  return monthPeriod(`${y}-${pad(m)}`);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** `2026-12` → 2026年12月; `2026-Q4` → 2026年第4季度. */
export function periodLabel(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
}

import { parseAmount } from '../forms/form-values.js';
import type { NewUnit, StoredUnitStatus, Unit, UnitStatus } from './unit.js';
import type { MessageKey } from '../../i18n/index.js';

/** Pure rules for units (R-UNIT-1 … R-UNIT-3): codes, import rows, statuses, lease dates. */

/** Full-width to half-width, spaces dropped, upper case: "Ａ栋 ２f" and "A栋2F" are one code. */
export function normPart(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

export function unitCodeKey(building: string, floor: string, number: string): string {
  return [building, floor, number].map(normPart).join('|');
}

/** "A栋 2F 201": how people name a unit. */
export const unitLabel = (u: Pick<Unit, 'building' | 'floor' | 'number'>) => `${u.building} ${u.floor} ${u.number}`;

/** 即将到期 is a leased unit whose lease ends by `expiringUntil` (derived, never stored). */
export function displayStatus(u: Pick<Unit, 'status' | 'leaseEnd'>, expiringUntil: string): UnitStatus {
  return u.status === 'leased' && u.leaseEnd !== null && u.leaseEnd <= expiringUntil ? 'expiring' : u.status;
}

/** The status words an import sheet may use; empty means 空置. Only free statuses are imported. */
const IMPORT_STATUS: Record<string, 'vacant' | 'intent'> = { 空置: 'vacant', 意向: 'intent' };

export const IMPORT_HEADERS = ['楼栋', '楼层', '铺位号', '面积(㎡)', '标准租金(元/月)', '状态'] as const;

export interface RowIssue {
  /** The sheet's row number, as the admin sees it in Excel. */
  row: number;
  key: MessageKey;
  params: Record<string, string | number>;
}

export interface UnitLimits {
  maxAreaSqm: number;
  maxMonthlyRentYuan: number;
}

const MAX_PART = { building: 30, floor: 20, number: 30 } as const;

/**
 * One sheet row → a unit, or every problem of the row. Cells arrive as text (numbers as typed).
 */
export function parseUnitRow(
  row: number,
  cells: string[],
  limits: UnitLimits,
): { ok: true; unit: NewUnit } | { ok: false; issues: RowIssue[] } {
  const [building = '', floor = '', number = '', area = '', rent = '', status = ''] = cells.map((c) => c.trim());
  const issues: RowIssue[] = [];
  const need = (v: string, field: keyof typeof MAX_PART, label: string) => {
    if (!v) issues.push({ row, key: 'unit.err.missing', params: { field: label } });
    else if (v.length > MAX_PART[field])
      issues.push({ row, key: 'unit.err.too_long', params: { field: label, max: MAX_PART[field] } });
  };
  need(building, 'building', '楼栋');
  need(floor, 'floor', '楼层');
  need(number, 'number', '铺位号');
  const amount = (v: string, label: string, max: number): number | undefined => {
    if (!v) {
      issues.push({ row, key: 'unit.err.missing', params: { field: label } });
      return undefined;
    }
    const p = parseAmount(v);
    if (!p.ok) {
      issues.push({ row, key: 'unit.err.amount', params: { field: label, value: v.slice(0, 20) } });
      return undefined;
    }
    if (p.value > max) {
      issues.push({ row, key: 'unit.err.amount_too_large', params: { field: label, max } });
      return undefined;
    }
    return p.value;
  };
  const areaSqm = amount(area, '面积', limits.maxAreaSqm);
  const standardRent = amount(rent, '标准租金', limits.maxMonthlyRentYuan);
  const st = status === '' ? 'vacant' : IMPORT_STATUS[status];
  if (!st) issues.push({ row, key: 'unit.err.status', params: { value: status.slice(0, 10) } });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    unit: { building, floor, number, areaSqm: areaSqm!, standardRent: standardRent!, status: st! },
  };
}

/** `添加铺位 A栋 2F 201 85.5 12000` → the five parts, or undefined when there are not five. */
export function splitAddCommand(text: string): string[] | undefined {
  const parts = text
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean);
  return parts.length === 5 ? parts : undefined;
}

/**
 * The lease a contract gives: from its signing date for `termMonths` months, ending the day before
 * the same day of the month `termMonths` later (2026-03-15 + 12 → 2027-03-14); a month without that
 * day ends on its last day.
 */
export function leaseEnd(start: string, termMonths: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const total = m - 1 + termMonths;
  const ey = y + Math.floor(total / 12);
  const em = (total % 12) + 1;
  const last = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  const same = new Date(Date.UTC(ey, em - 1, Math.min(d, last)));
  if (d > last) return same.toISOString().slice(0, 10);
  same.setUTCDate(same.getUTCDate() - 1);
  return same.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus `days`. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Rates in percent with one decimal; an empty property has none. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

export const isFree = (s: StoredUnitStatus) => s === 'vacant' || s === 'intent';

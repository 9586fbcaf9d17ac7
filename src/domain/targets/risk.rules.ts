import { weekdayOf } from '../shared/zoned-time.js';
import { completionBp } from './commission.rules.js';

/**
 * R-TGT-5 风险预警, pure: month-to-date completion against the share of the month's working days
 * already gone. `elapsed` counts the working days from the 1st up to and including `asOf`; a
 * warning is due when (elapsed share − completion) is more than the margin. Exactly at the margin
 * is not a warning. No target, or a month without working days, never warns.
 */
export interface Lag {
  /** Basis points. */
  completionBp: number;
  elapsedBp: number;
  /** elapsed − completion, basis points (positive = behind). */
  gapBp: number;
  lagging: boolean;
}

export function lagOf(input: {
  target: number | null | undefined;
  signed: number;
  workingDaysElapsed: number;
  workingDaysInMonth: number;
  marginPct: number;
}): Lag | null {
  const c = completionBp(input.signed, input.target);
  if (c === null || input.workingDaysInMonth <= 0) return null;
  const elapsedBp = Math.floor(
    (Math.min(input.workingDaysElapsed, input.workingDaysInMonth) * 10_000) / input.workingDaysInMonth,
  );
  const completion = Math.min(c, 10_000);
  const gapBp = elapsedBp - completion;
  return { completionBp: c, elapsedBp, gapBp, lagging: gapBp > Math.round(input.marginPct * 100) };
}

/** Mon–Fri, for when no working calendar is at hand (the real one comes from src/domain/calendar). */
export const mondayToFriday = {
  isWorkingDay(date: string): boolean {
    const dow = weekdayOf(date);
    return dow !== 0 && dow !== 6;
  },
};

export interface WorkingDays {
  isWorkingDay(date: string): boolean;
}

/** Working days of `asOf`'s month: those gone by (up to and including `asOf`) and in the whole month. */
export function workingDayShare(cal: WorkingDays, asOf: string, lastDay: string): { elapsed: number; total: number } {
  let elapsed = 0;
  let total = 0;
  const first = `${asOf.slice(0, 7)}-01`;
  const lastD = Number(lastDay.slice(8, 10));
  for (let d = 1; d <= lastD; d++) {
    const date = `${first.slice(0, 8)}${String(d).padStart(2, '0')}`;
    if (!cal.isWorkingDay(date)) continue;
    total++;
    if (date <= asOf) elapsed++;
  }
  return { elapsed, total };
}

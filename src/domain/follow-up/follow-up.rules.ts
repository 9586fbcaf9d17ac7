import { GRADES, type Grade } from '../clients/client.js';
import { addDays } from '../shared/zoned-time.js';

/** Days between follow-ups per intent grade (R-DAY-4; `followUp.cadenceDays` in the settings). */
export type Cadence = Record<Grade, number>;

export const DEFAULT_CADENCE: Cadence = { A: 3, B: 7, C: 14, D: 30 };

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/**
 * R-DAY-4: a client is to be followed up once its grade's cadence has run out since the last contact
 * (call, visitor registration, revisit, visit log — or its registration when nobody has contacted it
 * since): on the cadence's day itself, so a B client contacted on Monday is due again the next Monday.
 * Nothing is due while a revisit is planned: the plan is the follow-up.
 */
export function followUpDue(
  c: { grade: Grade | null; lastContactDate: string; revisitPlanned: boolean },
  today: string,
  cadence: Cadence,
): { due: boolean; days: number; dueDate: string | null } {
  if (!c.grade || c.revisitPlanned) return { due: false, days: 0, dueDate: null };
  const days = daysBetween(c.lastContactDate, today);
  const dueDate = addDays(c.lastContactDate, cadence[c.grade]);
  return { due: dueDate <= today, days, dueDate };
}

/** Grade order for lists: A first, ungraded last. */
export function gradeRank(g: Grade | null): number {
  return g ? GRADES.indexOf(g) : GRADES.length;
}

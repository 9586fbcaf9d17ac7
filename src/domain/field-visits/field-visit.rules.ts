import { GRADES, type Grade } from '../clients/client.js';
import { atLocalTimeNextWorkingDay, isValidIsoDate } from '../shared/zoned-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { MessageKey } from '../../i18n/index.js';

/**
 * Pure rules of field visits (R-FV-1/2). Field errors are message keys so a form comes back filled
 * in with each problem under its field.
 */
export type FieldErrors = Record<string, { key: MessageKey; params?: Record<string, string | number> }>;

export interface PlanInput {
  visitDate: string;
  clientIds: number[];
  places: string[];
  purpose: string;
}

/** 走访计划: a real date, today or later (filed before going out), something to visit, a purpose. */
export function validatePlan(p: PlanInput, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!p.visitDate) errors.visit_date = { key: 'visit.plan.date_required' };
  else if (!isValidIsoDate(p.visitDate))
    errors.visit_date = { key: 'visit.plan.date_invalid', params: { value: p.visitDate } };
  else if (p.visitDate < today)
    errors.visit_date = { key: 'visit.plan.date_past', params: { date: p.visitDate, today } };
  if (p.clientIds.length === 0 && p.places.length === 0) errors.clients = { key: 'visit.plan.targets_required' };
  if (p.places.some((x) => x.length > 100)) errors.places = { key: 'visit.plan.place_too_long' };
  if (p.clientIds.length + p.places.length > 30) errors.clients = { key: 'visit.plan.too_many' };
  if (!p.purpose.trim()) errors.purpose = { key: 'visit.plan.purpose_required' };
  else if (p.purpose.length > 300) errors.purpose = { key: 'visit.plan.purpose_too_long' };
  return errors;
}

/** "建材城，五金街、 汽配城" → ['建材城', '五金街', '汽配城']. */
export function splitPlaces(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * R-FV-2: a visit log is due the same day, or at the latest by `nextDayBy` (10:00) on the next working
 * day after the visit; later counts as not done (R-FORM-1).
 */
export function logDeadline(visitDate: string, cal: WorkingCalendar, nextDayBy: string, tz: string): Date {
  return atLocalTimeNextWorkingDay(cal, visitDate, nextDayBy, tz);
}

export interface OutcomeInput {
  clientId: number;
  outcome: string;
  grade: string;
}

/** One outcome per planned client; a grade, when given, must be A–D. */
export function validateOutcomes(
  clientIds: number[],
  given: OutcomeInput[],
  summary: string,
  hasPlaces: boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const id of clientIds) {
    const o = given.find((x) => x.clientId === id);
    if (!o?.outcome.trim()) errors[`outcome_${id}`] = { key: 'visit.log.outcome_required' };
    else if (o.outcome.length > 500) errors[`outcome_${id}`] = { key: 'visit.log.outcome_too_long' };
    if (o?.grade && !isGrade(o.grade)) errors[`grade_${id}`] = { key: 'visit.log.bad_grade' };
  }
  // With places only there is no per-client outcome, so the summary is what was done.
  if (!summary.trim() && (hasPlaces || clientIds.length === 0)) errors.summary = { key: 'visit.log.summary_required' };
  // One Feishu input holds at most 1000 characters (input.max_length 1–1000).
  if (summary.length > 1000) errors.summary = { key: 'visit.log.summary_too_long' };
  return errors;
}

export function isGrade(g: string): g is Grade {
  return (GRADES as readonly string[]).includes(g);
}

/** A visit can't be logged before its day. */
export function canLogOn(visitDate: string, today: string): boolean {
  return visitDate <= today;
}

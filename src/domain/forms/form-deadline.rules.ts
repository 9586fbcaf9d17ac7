import { deadlineAt, localDate } from '../shared/zoned-time.js';

/**
 * R-FORM-1 deadlines, one per form (defaults in DOMAIN.md §2, values in config/settings.json
 * `forms`). A form filed after its deadline, or with a required field left empty, is still stored
 * but counts as not done.
 */
export interface DeadlineSettings {
  timezone: string;
  /** Visitor registration: hours after the walk-in was accepted… */
  visitorRegistrationHours: number;
  /** …but at the latest this time on the day of the visit. */
  visitorRegistrationDayEnd: string;
  /** Revisit plan: by the end of the work day of the contact it follows. */
  endOfWorkDay: string;
  /** Signing plan: by this time on the day the deposit was paid. */
  signingPlanBy: string;
  /** Signed-contract entry (front desk): by this time on the signing day. */
  signedContractBy: string;
}

export function visitorRegistrationDue(acceptedAt: Date, s: DeadlineSettings): Date {
  const byHours = acceptedAt.getTime() + s.visitorRegistrationHours * 3_600_000;
  const dayEnd = deadlineAt(localDate(acceptedAt, s.timezone), s.visitorRegistrationDayEnd, s.timezone).getTime();
  return new Date(Math.min(byHours, dayEnd));
}

/** The plan follows the latest contact (registration or revisit); with none on record, the filing day. */
export function revisitPlanDue(lastContactAt: Date | undefined, filedAt: Date, s: DeadlineSettings): Date {
  return deadlineAt(localDate(lastContactAt ?? filedAt, s.timezone), s.endOfWorkDay, s.timezone);
}

export function signingPlanDue(paidDate: string, s: DeadlineSettings): Date {
  return deadlineAt(paidDate, s.signingPlanBy, s.timezone);
}

export function signedContractDue(signedDate: string, s: DeadlineSettings): Date {
  return deadlineAt(signedDate, s.signedContractBy, s.timezone);
}

/** A revisit is done by the end of its day; after that it is overdue (R-REV-2). */
export function revisitOutcomeDue(dueDate: string, s: DeadlineSettings): Date {
  return deadlineAt(dueDate, '23:59', s.timezone);
}

/** R-REV-2: open and its day is over. */
export function isOverdue(dueDate: string, today: string): boolean {
  return dueDate < today;
}

export interface Compliance {
  late: boolean;
  incomplete: boolean;
}

/** R-FORM-1: late when filed after the deadline (no deadline → never late); incomplete when a required field is empty. */
export function compliance(filedAt: Date, dueAt: Date | null, missing: readonly string[]): Compliance {
  return { late: dueAt !== null && filedAt.getTime() > dueAt.getTime(), incomplete: missing.length > 0 };
}

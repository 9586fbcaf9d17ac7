import type { IsoDate } from '../domain/shared/zoned-time.js';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import type { Tx } from '../domain/shared/tx.js';

/**
 * What the scheduled jobs need from the feature services. Each feature implements its port and is
 * wired in app.ts; until then the no-op default makes the job run and send nothing. Everything is
 * read inside the job's transaction (`tx` first, as services do).
 */

/** One line on a plan or a reminder. `overdue`: its date passed without being resolved (R-REV-2). */
export interface PlanItem {
  /**
   * `visit_log`: an approved field visit of an earlier day whose 走访日志 is still missing (always overdue).
   * `follow_up`: a client past its grade's cadence with no revisit planned (R-DAY-4); `date` is its last contact.
   */
  kind: 'revisit' | 'signing' | 'field_visit' | 'visit_log' | 'follow_up' | 'task' | 'feedback';
  clientName: string;
  date: IsoDate;
  note?: string;
  overdue?: boolean;
  /** A revisit line's id: the card draws its done / reschedule / lost buttons (R-REV-2). */
  revisitId?: number;
  /** A follow-up line's client: the card draws its 安排回访 button (R-DAY-4). */
  clientId?: number;
  /** A summary line standing for this many more items of its kind (the rest of a long follow-up list). */
  more?: number;
}

export interface AgentItems {
  agentOpenId: string;
  items: PlanItem[];
}

/** R-PLAN-1: per agent, `day`'s due revisits, due signings, approved field visits, and everything overdue. */
export interface NextDayPlanSource {
  planFor(tx: Tx, input: { day: IsoDate; today: IsoDate }): Promise<AgentItems[]>;
}

/** R-REM-1: per agent, revisits due on `date` and those overdue (repeated each morning until resolved). */
export interface RevisitReminderSource {
  dueFor(tx: Tx, date: IsoDate): Promise<AgentItems[]>;
}

/**
 * R-REM-2: per agent, owed forms (R-FORM-3) whose deadline is on `date` and that are not filed yet;
 * `overdue` when the deadline already passed at `now` (still to be filed, it counts as late).
 */
export interface FormDeadlineSource {
  unfiledDue(
    tx: Tx,
    input: { date: IsoDate; now: Date; calendar: WorkingCalendar },
  ): Promise<
    Array<{ agentOpenId: string; forms: Array<{ label: string; clientName?: string; dueAt: Date; overdue?: boolean }> }>
  >;
}

export interface ContractRef {
  contractNo: string;
  clientName: string;
  agentOpenId?: string | null;
  date: IsoDate;
}

/** A collected contract legal/finance have not passed yet (R-CON-4): off the signed table by design. */
export interface ReviewedContractRef extends ContractRef {
  status: 'in_review' | 'returned';
}

/**
 * R-CON-3: contracts on the signed table and not on the collection forms, and the reverse — except those
 * still under review, which are reported apart and are not differences.
 */
export interface ReconciliationSource {
  mismatches(
    tx: Tx,
    date: IsoDate,
  ): Promise<{
    signedWithoutCollection: ContractRef[];
    collectedWithoutSigned: ContractRef[];
    underReview: ReviewedContractRef[];
  }>;
}

/** R-ROT-1: the rotation resets each working day. */
export interface RotationDayStart {
  startDay(tx: Tx, day: IsoDate): Promise<void>;
}

/** R-ROT-4: offers not answered within the timeout lose the turn. Returns how many were swept. */
export interface OfferSweeper {
  sweepExpired(tx: Tx, now: Date): Promise<number>;
}

/** Department targets (R-TGT-1/2): contracts to sign in a month, per agent and in total. */
export interface TargetSource {
  monthTargets(tx: Tx, month: string): Promise<{ department: number | undefined; perAgent: Record<string, number> }>;
}

/** R-DIG-3: the manager's review record over a range (visit logs reviewed, still pending; plans decided). */
export interface ReviewRecordSource {
  reviews(
    tx: Tx,
    range: { from: IsoDate; to: IsoDate },
  ): Promise<{ logsReviewed: number; logsPending: number; plansDecided: number } | undefined>;
}

/** R-TGT-5: warns the manager when month-to-date completion lags the elapsed share of the month. */
export interface RiskWarningSource {
  warnIfLagging(tx: Tx, asOf: IsoDate, calendar: WorkingCalendar): Promise<{ warned: string[] }>;
}

export const noPlans: NextDayPlanSource = { planFor: async () => [] };
export const noRevisitReminders: RevisitReminderSource = { dueFor: async () => [] };
export const noFormDeadlines: FormDeadlineSource = { unfiledDue: async () => [] };
export const noReconciliation: ReconciliationSource = {
  mismatches: async () => ({ signedWithoutCollection: [], collectedWithoutSigned: [], underReview: [] }),
};
export const noRotationDayStart: RotationDayStart = { startDay: async () => undefined };
export const noOfferSweeper: OfferSweeper = { sweepExpired: async () => 0 };
export const noTargets: TargetSource = { monthTargets: async () => ({ department: undefined, perAgent: {} }) };
export const noReviewRecord: ReviewRecordSource = { reviews: async () => undefined };
export const noRiskWarning: RiskWarningSource = { warnIfLagging: async () => ({ warned: [] }) };

export interface JobPorts {
  plans: NextDayPlanSource;
  revisitReminders: RevisitReminderSource;
  formDeadlines: FormDeadlineSource;
  /** The morning run of R-REM-2 (visit logs due 10:00): the same question as `formDeadlines`, asked by its own job. */
  morningFormDeadlines: FormDeadlineSource;
  reconciliation: ReconciliationSource;
  rotation: RotationDayStart;
  offers: OfferSweeper;
  targets: TargetSource;
  reviews: ReviewRecordSource;
  risk: RiskWarningSource;
}

export const noJobPorts: JobPorts = {
  plans: noPlans,
  revisitReminders: noRevisitReminders,
  formDeadlines: noFormDeadlines,
  morningFormDeadlines: noFormDeadlines,
  reconciliation: noReconciliation,
  rotation: noRotationDayStart,
  offers: noOfferSweeper,
  targets: noTargets,
  reviews: noReviewRecord,
  risk: noRiskWarning,
};

import type { OwedFormSource } from '../forms/owed-forms.ports.js';
import type { DevelopmentCount } from '../kpi/funnel.js';
import type { ActivityReport } from './report.js';

/**
 * Counts in `activity` follow R-FORM-3: a refused submission (撞单, a double tap) is neither a filed
 * form nor a registration; registrations are the forms that issued a registration number. Missing
 * (owed, never filed) forms are derived by the caller from `owedFormFacts` (owed-forms.rules.ts).
 */
export interface ReportRepository extends OwedFormSource {
  /** `from`/`to` inclusive local dates; `fromAt`/`toAt` the instants bounding them (for timestamp columns). */
  activity(range: { from: string; to: string; fromAt: Date; toAt: Date }): Promise<ActivityReport>;
  /** R-KPI-1 开发数量: clients registered in [fromAt, toAt) per owning agent, by source group. */
  development(range: { fromAt: Date; toAt: Date }): Promise<DevelopmentCount[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    reports: ReportRepository;
  }
}

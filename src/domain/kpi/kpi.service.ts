import type { ActivityReport } from '../jobs/report.js';
import type { Tx } from '../shared/tx.js';
import { addDays, type IsoDate, startOfLocalDay } from '../shared/zoned-time.js';
import { type FunnelReport, funnelOf } from './funnel.js';

/** R-KPI-1 for a date range: the digests' activity counts turned into the funnel, plus the development count. */
export class KpiService {
  constructor(private readonly deps: { timezone: string }) {}

  /** `activity` when the caller has it already (the monthly report does): the funnel then adds one query. */
  async funnel(tx: Tx, from: IsoDate, to: IsoDate, activity?: ActivityReport): Promise<FunnelReport> {
    const fromAt = startOfLocalDay(from, this.deps.timezone);
    const toAt = startOfLocalDay(addDays(to, 1), this.deps.timezone);
    const a = activity ?? (await tx.reports.activity({ from, to, fromAt, toAt }));
    return funnelOf(a, await tx.reports.development({ fromAt, toAt }));
  }
}

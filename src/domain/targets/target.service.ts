import type { Approval } from '../approvals/approval.js';
import type { ApprovalService } from '../approvals/approval.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { CalendarDays, WorkingCalendar } from '../calendar/working-calendar.js';
import type { Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { invalidInput, notFound } from '../shared/errors.js';
import type { CardJson } from '../shared/outbox.js';
import type { Tx } from '../shared/tx.js';
import type { CommissionScheme } from './commission.rules.js';
import type { Fen } from './money.js';
import { monthPeriod, parsePeriod, previousMonth, quarterOf, type TargetPeriod } from './period.js';
import {
  computePerformance,
  memberNames,
  type PerformanceReport,
  type PerformanceScope,
  type PeriodTargets,
  performanceFor,
  targetsFor,
} from './performance.js';
import type { ProposalInput } from './split.rules.js';
import type { Target } from './target.js';
import { recordOpening } from './target-openings.js';
import { onTargetDecided, proposeTarget, TARGET_APPROVAL } from './target-proposals.js';
import { type RiskReport, riskCheck, warnManagers } from './target-risk.js';

export interface TargetSettings {
  timezone: string;
  calendar: CalendarDays;
  riskMarginPct: number;
  schemes: CommissionScheme[];
}

/** Text and cards are the bot layer's: the service decides what is said and to whom. */
export interface TargetRenderer {
  /** The one line on the approval cards, e.g. `2026年12月 · 合同 12 份 · 张三 7、李四 5`. */
  approvalSummary(target: Target, names: Map<string, string>): string;
  riskWarning(report: RiskReport): CardJson;
}

/**
 * Targets, completion and commission (R-TGT-1…5), one entry point for the bot, the jobs and the
 * exports. Each concern lives in its own file: proposals and their approval (target-proposals.ts),
 * completion and commission (performance.ts), the risk warning (target-risk.ts) and openings
 * (target-openings.ts); this class holds the clock, settings and renderer they share.
 */
export class TargetService {
  private readonly clock: Clock;
  private readonly settings: TargetSettings;
  private readonly render: TargetRenderer;
  private readonly approvals: ApprovalService;
  readonly calendar: CalendarService;

  constructor(deps: { clock: Clock; settings: TargetSettings; approvals: ApprovalService; render: TargetRenderer }) {
    this.clock = deps.clock;
    this.settings = deps.settings;
    this.render = deps.render;
    this.calendar = new CalendarService({
      clock: deps.clock,
      settings: {
        timezone: deps.settings.timezone,
        calendar: deps.settings.calendar,
      },
    });
    deps.approvals.register(TARGET_APPROVAL, {
      approverRoles: ['leader'],
      onDecided: (tx, a) => onTargetDecided(tx, this.clock, a),
    });
    this.approvals = deps.approvals;
  }

  today(): string {
    return this.calendar.today();
  }

  /** 上月 / 本月 / 2026-12 / 2026-Q4…; empty → this month. */
  period(text: string | undefined): TargetPeriod {
    const p = this.periodOrUndefined(text);
    if (!p) throw invalidInput('target.err.period', { value: (text ?? '').trim().slice(0, 20) });
    return p;
  }

  /** A period as people write it (empty = this month, 上月, 本季度, 2026-11, 2026-Q4 …), or undefined. */
  periodOrUndefined(text: string | undefined): TargetPeriod | undefined {
    const today = this.today();
    const s = (text ?? '').trim();
    if (s === '' || s === '本月') return monthPeriod(today.slice(0, 7));
    if (s === '上月') return monthPeriod(previousMonth(today.slice(0, 7)));
    if (s === '本季度' || s === '本季') return parsePeriod(quarterOf(today.slice(0, 7)), today)!;
    return parsePeriod(s, today);
  }

  /** R-TGT-1/2: a manager's proposal, sent to a leader for approval (see target-proposals.ts). */
  propose(
    tx: Tx,
    actor: Member,
    periodText: string | undefined,
    input: ProposalInput,
  ): Promise<{ target: Target; approval: Approval }> {
    return proposeTarget(
      tx,
      { clock: this.clock, approvals: this.approvals, approvalSummary: (t, n) => this.render.approvalSummary(t, n) },
      { actor, periodText, input, today: this.today() },
    );
  }

  async get(tx: Tx, id: number): Promise<Target> {
    const t = await tx.targets.get(id);
    if (!t) throw notFound('target.not_found', { id });
    return t;
  }

  /** The targets in force for a period (a quarter without its own is the sum of its months). */
  targetsFor(tx: Tx, period: TargetPeriod): Promise<PeriodTargets> {
    return targetsFor(tx, period);
  }

  /** For the scheduled digests (src/jobs/ports.ts TargetSource): a month's approved figures. */
  async monthTargets(
    tx: Tx,
    month: string,
  ): Promise<{ department: number | undefined; perAgent: Record<string, number> }> {
    const t = await targetsFor(tx, monthPeriod(month));
    return { department: t.contracts ?? undefined, perAgent: Object.fromEntries(t.perAgent) };
  }

  /** `业绩` (R-TGT-3/4): whose figures the viewer may see is decided in performance.ts. */
  performance(tx: Tx, viewer: Member, period: TargetPeriod, scope: PerformanceScope): Promise<PerformanceReport> {
    return performanceFor(tx, this.settings.schemes, { viewer, period, scope, today: this.today() });
  }

  /** Everyone's figures for a period up to `asOf` (exports and the risk check call this directly). */
  compute(tx: Tx, period: TargetPeriod, asOf: string): Promise<PerformanceReport> {
    return computePerformance(tx, this.settings.schemes, period, asOf);
  }

  /** R-TGT-5: the month so far against its working days; null when there is no target or it is on track. */
  async riskCheck(tx: Tx, asOf: string, calendar?: WorkingCalendar): Promise<RiskReport | null> {
    const cal = calendar ?? (await this.calendar.load(tx));
    return riskCheck(tx, {
      asOf,
      calendar: cal,
      marginPct: this.settings.riskMarginPct,
      schemes: this.settings.schemes,
    });
  }

  /**
   * The risk-warning job's one call: checks `asOf` and, when behind, sends every active manager a
   * warning card through the outbox (once per manager per day). Returns whom it warned.
   */
  async warnIfLagging(
    tx: Tx,
    asOf: string,
    calendar?: WorkingCalendar,
  ): Promise<{ report: RiskReport | null; warned: string[] }> {
    const report = await this.riskCheck(tx, asOf, calendar);
    if (!report) return { report, warned: [] };
    return { report, warned: await warnManagers(tx, report, this.render.riskWarning(report)) };
  }

  /** 开业 <合同号> [日期] (R-TGT-4), see target-openings.ts. */
  recordOpening(
    tx: Tx,
    actor: Member,
    contractNoText: string,
    dateText: string | undefined,
  ): Promise<{ contractNo: string; openedDate: string; agentOpenId: string | null; atOpeningFen: Fen }> {
    return recordOpening(
      tx,
      { clock: this.clock, schemes: this.settings.schemes },
      { actor, contractNoText, dateText, today: this.today() },
    );
  }

  names(tx: Tx, openIds: string[]): Promise<Map<string, string>> {
    return memberNames(tx, openIds);
  }
}

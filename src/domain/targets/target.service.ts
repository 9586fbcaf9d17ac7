import type { Approval } from '../approvals/approval.js';
import type { ApprovalService } from '../approvals/approval.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { isValidIsoDate } from '../shared/zoned-time.js';
import type { CalendarDays, WorkingCalendar } from '../calendar/working-calendar.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, FormError, invalidInput, notFound } from '../shared/errors.js';
import type { CardJson } from '../shared/outbox.js';
import type { Tx } from '../shared/tx.js';
import {
  addCommission,
  agentMonthCommission,
  completionBp,
  managerBonus,
  noCommission,
  schemeOn,
  type CommissionScheme,
  type ContractCommission,
} from './commission.rules.js';
import type { Fen } from './money.js';
import { lastDayOfMonth, monthPeriod, parsePeriod, previousMonth, quarterOf, type TargetPeriod } from './period.js';
import type { LedgerContract } from './ports.js';
import { lagOf, workingDayShare, type Lag } from './risk.rules.js';
import { checkProposal, type ProposalInput } from './split.rules.js';
import type { Target } from './target.js';

export const TARGET_APPROVAL = 'target';

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

/** The figures in force for a period: department and per agent. */
export interface PeriodTargets {
  /** `approved`: an approved target of the period itself; `months`: a quarter summed from its months. */
  source: 'approved' | 'months' | 'none';
  contracts: number | null;
  areaCenti: number | null;
  rentFen: Fen | null;
  perAgent: Map<string, number>;
  /** The approved target (month, or explicit quarter), with who approved it and when. */
  target: Target | undefined;
  /** A quarter summed from months: how many of its months had an approved target. */
  monthsWithTarget?: number;
}

export interface AgentPerformance {
  agentOpenId: string;
  name: string;
  target: number | null;
  signed: number;
  bp: number | null;
  areaCenti: number;
  /** First-year rent of the contracts signed (monthly × 12), fen. */
  firstYearRentFen: Fen;
  firstMonthRentFen: Fen;
  commission: ContractCommission;
  /** The opening part of contracts whose tenant has opened (开业) by the report's date: due now. */
  openedFen: Fen;
  /** Contracts without a rent on record: paid nothing on the rent part until it is entered. */
  missingRent: number;
}

/** Whose figures `业绩` shows: the viewer's own, everyone's, or one named agent's. */
export type PerformanceScope = 'mine' | 'all' | { agentOpenId: string };

export interface PerformanceReport {
  period: TargetPeriod;
  /** Counted up to and including this local date. */
  asOf: string;
  /** `agent`: one agent's figures shown to a manager or leader who named them. */
  scope: 'mine' | 'all' | 'agent';
  targets: PeriodTargets;
  department: {
    target: number | null;
    signed: number;
    poolSigned: number;
    bp: number | null;
    areaCenti: number;
    firstYearRentFen: Fen;
    firstMonthRentFen: Fen;
    commissionFen: Fen;
    managerBonusFen: Fen;
  };
  agents: AgentPerformance[];
}

export interface RiskReport {
  asOf: string;
  month: string;
  department: Lag;
  target: number;
  signed: number;
  workingDaysElapsed: number;
  workingDaysInMonth: number;
  marginPct: number;
  /** Agents with a target who are behind by more than the margin, most behind first. */
  laggingAgents: Array<{ agentOpenId: string; name: string; target: number; signed: number; lag: Lag }>;
}

/**
 * Targets, completion and commission (R-TGT-1…5). Proposals are approved by a leader through the
 * approval mechanism (kind `target`); completion counts the signed-contract ledger by signing date.
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
    this.calendar = new CalendarService(deps.clock, {
      timezone: deps.settings.timezone,
      calendar: deps.settings.calendar,
    });
    deps.approvals.register(TARGET_APPROVAL, {
      approverRoles: ['leader'],
      onDecided: (tx, a) => this.onDecided(tx, a),
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

  /**
   * R-TGT-1/2: a manager proposes a target for a month or a quarter with its split across agents;
   * a leader is asked to approve. Bad input comes back per field and nothing is saved.
   */
  async propose(
    tx: Tx,
    actor: Member,
    periodText: string | undefined,
    input: ProposalInput,
  ): Promise<{ target: Target; approval: Approval }> {
    if (!hasRole(actor, 'manager')) throw forbidden('error.forbidden_role', { roles: '招商部经理' });
    const values: Record<string, unknown> = {
      period: periodText ?? '',
      contracts: input.contracts ?? '',
      area: input.area ?? '',
      rent: input.rent ?? '',
    };
    for (const [id, v] of Object.entries(input.split)) values[`split_${id}`] = v ?? '';
    const today = this.today();
    const fields: Record<string, { key: string; params?: Record<string, string | number> }> = {};
    const period = parsePeriod(periodText ?? '', today);
    if (!period) fields.period = { key: 'target.err.period', params: { value: (periodText ?? '').slice(0, 20) } };
    else if (period.to < today) fields.period = { key: 'target.err.period_past' };
    const agents = new Set((await tx.members.list({ role: 'agent', activeOnly: true })).map((m) => m.openId));
    for (const id of Object.keys(input.split))
      if (!agents.has(id) && (input.split[id] ?? '').trim() !== '')
        fields[`split_${id}`] = { key: 'target.err.not_agent' };
    const checked = checkProposal(input);
    if (!checked.ok) Object.assign(fields, checked.issues);
    if (Object.keys(fields).length || !checked.ok || !period) throw new FormError(fields, values);

    if (await tx.targets.pendingFor(period.key)) throw conflict('target.err.pending_exists');
    const now = this.clock.now();
    const target = await tx.targets.create(
      {
        periodKey: period.key,
        periodKind: period.kind,
        contracts: checked.proposal.contracts,
        areaCenti: checked.proposal.areaCenti,
        rentFen: checked.proposal.rentFen,
        proposedBy: actor.openId,
        split: checked.proposal.split,
      },
      now,
    );
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'target.proposed',
        subjectType: 'target',
        subjectId: String(target.id),
        after: { period: target.periodKey, contracts: target.contracts, split: target.split },
        rule: 'R-TGT-1',
      },
      now,
    );
    const names = await this.names(
      tx,
      target.split.map((s) => s.agentOpenId),
    );
    const approval = await this.approvals.request(tx, {
      kind: TARGET_APPROVAL,
      subjectId: String(target.id),
      requester: actor.openId,
      approverRole: 'leader',
      summary: this.render.approvalSummary(target, names),
      payload: { period: target.periodKey, contracts: target.contracts },
    });
    await tx.targets.setApproval(target.id, approval.id);
    return { target: { ...target, approvalId: approval.id }, approval };
  }

  /** The approval's outcome, in the deciding transaction: approved targets replace the one in force. */
  private async onDecided(tx: Tx, a: Approval): Promise<void> {
    const id = Number(a.subjectId);
    const status = a.status === 'approved' ? 'approved' : a.status === 'rejected' ? 'rejected' : 'withdrawn';
    const changed = await tx.targets.decide(id, status, a.decidedBy ?? a.requester, a.decidedAt ?? this.clock.now());
    if (!changed) return;
    if (status === 'approved') {
      const t = await tx.targets.get(id);
      if (t) await tx.targets.supersede(t.periodKey, t.id);
    }
  }

  async get(tx: Tx, id: number): Promise<Target> {
    const t = await tx.targets.get(id);
    if (!t) throw notFound('target.not_found', { id });
    return t;
  }

  /**
   * The targets in force for a period. A quarter with no approved quarter target of its own is the
   * sum of its months' approved targets (R-TGT-1).
   */
  async targetsFor(tx: Tx, period: TargetPeriod): Promise<PeriodTargets> {
    const own = (await tx.targets.approvedFor([period.key]))[0];
    if (own) return fromTarget(own);
    if (period.kind === 'month')
      return {
        source: 'none',
        contracts: null,
        areaCenti: null,
        rentFen: null,
        perAgent: new Map(),
        target: undefined,
      };
    const months = await tx.targets.approvedFor(period.months);
    if (months.length === 0)
      return {
        source: 'none',
        contracts: null,
        areaCenti: null,
        rentFen: null,
        perAgent: new Map(),
        target: undefined,
        monthsWithTarget: 0,
      };
    const perAgent = new Map<string, number>();
    let area: number | null = null;
    let rent: number | null = null;
    for (const t of months) {
      for (const s of t.split) perAgent.set(s.agentOpenId, (perAgent.get(s.agentOpenId) ?? 0) + s.contracts);
      if (t.areaCenti !== null) area = (area ?? 0) + t.areaCenti;
      if (t.rentFen !== null) rent = (rent ?? 0) + t.rentFen;
    }
    return {
      source: 'months',
      contracts: months.reduce((n, t) => n + t.contracts, 0),
      areaCenti: area,
      rentFen: rent,
      perAgent,
      target: undefined,
      monthsWithTarget: months.length,
    };
  }

  /** For the scheduled digests (src/jobs/ports.ts TargetSource): a month's approved figures. */
  async monthTargets(
    tx: Tx,
    month: string,
  ): Promise<{ department: number | undefined; perAgent: Record<string, number> }> {
    const t = await this.targetsFor(tx, monthPeriod(month));
    return { department: t.contracts ?? undefined, perAgent: Object.fromEntries(t.perAgent) };
  }

  /**
   * `业绩`: completion and commission for a period, counted up to today. An agent sees their own
   * figures only; managers and leaders see everyone's (R-TGT-3/4).
   */
  /**
   * `业绩`: an agent's own figures; a manager's or leader's everyone's, or one agent's they name.
   * An agent naming anyone but themselves is refused like an agent asking for everyone's.
   */
  async performance(tx: Tx, viewer: Member, period: TargetPeriod, scope: PerformanceScope): Promise<PerformanceReport> {
    const everyone = hasRole(viewer, 'manager', 'leader');
    const subject = typeof scope === 'object' ? scope.agentOpenId : viewer.openId;
    if ((scope === 'all' || subject !== viewer.openId) && !everyone) throw forbidden('target.err.agent_all');
    if (!everyone && !hasRole(viewer, 'agent'))
      throw forbidden('error.forbidden_role', { roles: '招商员、招商部经理、上级领导' });
    const today = this.today();
    if (period.from > today) throw invalidInput('target.err.period_future');
    const report = await this.compute(tx, period, today);
    if (scope === 'all') return report;
    const one =
      report.agents.find((a) => a.agentOpenId === subject) ??
      emptyAgent(
        subject,
        subject === viewer.openId ? viewer.name : ((await tx.members.get(subject))?.name ?? subject),
        report.targets.perAgent.get(subject) ?? null,
      );
    return { ...report, scope: subject === viewer.openId ? 'mine' : 'agent', agents: [one] };
  }

  /** Everyone's figures for a period up to `asOf` (exports and the risk check call this directly). */
  async compute(tx: Tx, period: TargetPeriod, asOf: string): Promise<PerformanceReport> {
    const to = period.to < asOf ? period.to : asOf;
    const contracts = period.from <= to ? await tx.contractLedger.signedBetween(period.from, to) : [];
    const targets = await this.targetsFor(tx, period);
    const monthTargets = new Map<string, PeriodTargets>();
    for (const m of period.months)
      monthTargets.set(m, period.kind === 'month' ? targets : await this.targetsFor(tx, monthPeriod(m)));

    const agentIds = new Set<string>([
      ...(await tx.members.list({ role: 'agent', activeOnly: true })).map((m) => m.openId),
      ...targets.perAgent.keys(),
    ]);
    for (const c of contracts) if (c.agentOpenId) agentIds.add(c.agentOpenId);
    const names = await this.names(tx, [...agentIds]);

    const byAgentMonth = new Map<string, LedgerContract[]>();
    for (const c of contracts) {
      if (!c.agentOpenId) continue;
      const k = `${c.agentOpenId}|${c.signedDate.slice(0, 7)}`;
      const list = byAgentMonth.get(k) ?? [];
      list.push(c);
      byAgentMonth.set(k, list);
    }

    const opened = await tx.openings.openedBy(
      contracts.filter((c) => c.agentOpenId).map((c) => c.contractNo),
      to,
    );
    const agents: AgentPerformance[] = [];
    for (const id of agentIds) {
      const mine = contracts.filter((c) => c.agentOpenId === id);
      let commission = noCommission;
      let openedFen = 0;
      for (const m of period.months) {
        const list = byAgentMonth.get(`${id}|${m}`) ?? [];
        if (list.length === 0) continue;
        const monthTarget = monthTargets.get(m)!.perAgent.get(id) ?? null;
        const r = agentMonthCommission(
          this.settings.schemes,
          list.map((c) => ({ signedDate: c.signedDate, firstMonthRentFen: c.monthlyRentFen ?? 0 })),
          monthTarget,
        );
        commission = addCommission(commission, r.total);
        list.forEach((c, i) => {
          if (opened.has(c.contractNo)) openedFen += r.perContract[i]!.atOpeningFen;
        });
      }
      const target = targets.perAgent.get(id) ?? null;
      agents.push({
        agentOpenId: id,
        name: names.get(id) ?? id,
        target,
        signed: mine.length,
        bp: completionBp(mine.length, target),
        areaCenti: sum(mine, (c) => c.areaCenti ?? 0),
        firstMonthRentFen: sum(mine, (c) => c.monthlyRentFen ?? 0),
        firstYearRentFen: sum(mine, (c) => (c.monthlyRentFen ?? 0) * 12),
        commission,
        openedFen,
        missingRent: mine.filter((c) => c.monthlyRentFen === null).length,
      });
    }
    agents.sort(
      (a, b) => b.signed - a.signed || (b.target ?? 0) - (a.target ?? 0) || a.name.localeCompare(b.name, 'zh-CN'),
    );

    let bonus = 0;
    for (const m of period.months) {
      const inMonth = contracts.filter((c) => c.signedDate.slice(0, 7) === m);
      const mt = monthTargets.get(m)!;
      bonus += managerBonus(
        schemeOn(this.settings.schemes, lastDayOfMonth(m)),
        inMonth.length,
        mt.contracts,
        sum(inMonth, (c) => c.monthlyRentFen ?? 0),
      ).fen;
    }
    return {
      period,
      asOf: to,
      scope: 'all',
      targets,
      department: {
        target: targets.contracts,
        signed: contracts.length,
        poolSigned: contracts.filter((c) => !c.agentOpenId).length,
        bp: completionBp(contracts.length, targets.contracts),
        areaCenti: sum(contracts, (c) => c.areaCenti ?? 0),
        firstMonthRentFen: sum(contracts, (c) => c.monthlyRentFen ?? 0),
        firstYearRentFen: sum(contracts, (c) => (c.monthlyRentFen ?? 0) * 12),
        commissionFen: sum(agents, (a) => a.commission.totalFen),
        managerBonusFen: bonus,
      },
      agents,
    };
  }

  /**
   * R-TGT-5: month-to-date completion against the elapsed share of the month's working days.
   * Null when the month has no approved target or is on track.
   */
  async riskCheck(tx: Tx, asOf: string, calendar?: WorkingCalendar): Promise<RiskReport | null> {
    const month = asOf.slice(0, 7);
    const period = monthPeriod(month);
    const cal = calendar ?? (await this.calendar.load(tx));
    const { elapsed, total } = workingDayShare(cal, asOf, period.to);
    const report = await this.compute(tx, period, asOf);
    const target = report.department.target;
    const lag = lagOf({
      target,
      signed: report.department.signed,
      workingDaysElapsed: elapsed,
      workingDaysInMonth: total,
      marginPct: this.settings.riskMarginPct,
    });
    if (!lag?.lagging || target === null) return null;
    const laggingAgents = report.agents
      .filter((a) => a.target)
      .map((a) => ({
        agentOpenId: a.agentOpenId,
        name: a.name,
        target: a.target!,
        signed: a.signed,
        lag: lagOf({
          target: a.target,
          signed: a.signed,
          workingDaysElapsed: elapsed,
          workingDaysInMonth: total,
          marginPct: this.settings.riskMarginPct,
        })!,
      }))
      .filter((a) => a.lag.lagging)
      .sort((a, b) => b.lag.gapBp - a.lag.gapBp);
    return {
      asOf,
      month,
      department: lag,
      target,
      signed: report.department.signed,
      workingDaysElapsed: elapsed,
      workingDaysInMonth: total,
      marginPct: this.settings.riskMarginPct,
      laggingAgents,
    };
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
    const managers = await tx.members.list({ role: 'manager', activeOnly: true });
    const card = this.render.riskWarning(report);
    for (const m of managers)
      await tx.outbox.send({ to: { openId: m.openId }, card, dedupeKey: `target-risk:${asOf}:${m.openId}` });
    return { report, warned: managers.map((m) => m.openId) };
  }

  /**
   * 开业 <合同号> [日期]: the front desk or a manager records that a signed contract's tenant opened,
   * which makes the opening part of its commission due (R-TGT-4). Once per contract; not before
   * the signing date, not in the future.
   */
  async recordOpening(
    tx: Tx,
    actor: Member,
    contractNoText: string,
    dateText: string | undefined,
  ): Promise<{ contractNo: string; openedDate: string; agentOpenId: string | null; atOpeningFen: Fen }> {
    if (!hasRole(actor, 'front_desk', 'manager'))
      throw forbidden('error.forbidden_role', { roles: '前台、招商部经理' });
    const contractNo = contractNoText.replace(/\s+/g, '').toUpperCase();
    if (!contractNo) throw invalidInput('target.opening.usage');
    const signed = await tx.contracts.findSigned(contractNo);
    if (!signed) throw notFound('target.opening.no_contract', { no: contractNo });
    const today = this.today();
    const d = (dateText ?? '').trim();
    const openedDate =
      d === '' || d === '今天' ? today : /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidIsoDate(d) ? d : undefined;
    if (!openedDate) throw invalidInput('target.opening.bad_date', { value: d.slice(0, 20) });
    if (openedDate > today) throw invalidInput('target.opening.future');
    if (openedDate < signed.signedDate)
      throw invalidInput('target.opening.before_signing', { date: signed.signedDate });
    const now = this.clock.now();
    if (!(await tx.openings.record({ contractNo, openedDate, recordedBy: actor.openId }, now)))
      throw conflict('target.opening.duplicate', { no: contractNo });
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'contract.opened',
        subjectType: 'contract',
        subjectId: contractNo,
        after: { openedDate },
        rule: 'R-TGT-4',
      },
      now,
    );
    // The opening part under the agent's month completion as it stands (final once the month is over).
    const month = monthPeriod(signed.signedDate.slice(0, 7));
    const list = signed.agentOpenId
      ? (await tx.contractLedger.signedBetween(month.from, month.to)).filter(
          (c) => c.agentOpenId === signed.agentOpenId,
        )
      : [];
    const r = agentMonthCommission(
      this.settings.schemes,
      list.map((c) => ({ signedDate: c.signedDate, firstMonthRentFen: c.monthlyRentFen ?? 0 })),
      (await this.targetsFor(tx, month)).perAgent.get(signed.agentOpenId ?? '') ?? null,
    );
    const i = list.findIndex((c) => c.contractNo === contractNo);
    return {
      contractNo,
      openedDate,
      agentOpenId: signed.agentOpenId,
      atOpeningFen: i >= 0 ? r.perContract[i]!.atOpeningFen : 0,
    };
  }

  async names(tx: Tx, openIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of new Set(openIds)) out.set(id, (await tx.members.get(id))?.name ?? id);
    return out;
  }
}

function fromTarget(t: Target): PeriodTargets {
  return {
    source: 'approved',
    contracts: t.contracts,
    areaCenti: t.areaCenti,
    rentFen: t.rentFen,
    perAgent: new Map(t.split.map((s) => [s.agentOpenId, s.contracts])),
    target: t,
  };
}

function emptyAgent(openId: string, name: string, target: number | null): AgentPerformance {
  return {
    agentOpenId: openId,
    name,
    target,
    signed: 0,
    bp: completionBp(0, target),
    areaCenti: 0,
    firstYearRentFen: 0,
    firstMonthRentFen: 0,
    commission: noCommission,
    openedFen: 0,
    missingRent: 0,
  };
}

function sum<T>(list: readonly T[], f: (x: T) => number): number {
  let n = 0;
  for (const x of list) n += f(x);
  return n;
}

import { hasRole, type Member } from '../members/roles.js';
import { forbidden, invalidInput } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import {
  addCommission,
  agentMonthCommission,
  type CommissionScheme,
  type ContractCommission,
  completionBp,
  managerBonus,
  noCommission,
  schemeOn,
} from './commission.rules.js';
import type { Fen } from './money.js';
import { lastDayOfMonth, monthPeriod, type TargetPeriod } from './period.js';
import type { LedgerContract } from './target.ports.js';
import type { Target } from './target.js';

/**
 * Completion and commission (R-TGT-1, 3, 4): the targets in force for a period and everyone's figures
 * against them, counted from the signed-contract ledger by signing date.
 */

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

/**
 * The targets in force for a period. A quarter with no approved quarter target of its own is the
 * sum of its months' approved targets (R-TGT-1).
 */
export async function targetsFor(tx: Tx, period: TargetPeriod): Promise<PeriodTargets> {
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

/**
 * `业绩`: an agent's own figures; a manager's or leader's everyone's, or one agent's they name.
 * An agent naming anyone but themselves is refused like an agent asking for everyone's.
 */
export async function performanceFor(
  tx: Tx,
  schemes: CommissionScheme[],
  q: { viewer: Member; period: TargetPeriod; scope: PerformanceScope; today: string },
): Promise<PerformanceReport> {
  const { viewer, period, scope, today } = q;
  const everyone = hasRole(viewer, 'manager', 'leader');
  const subject = typeof scope === 'object' ? scope.agentOpenId : viewer.openId;
  if ((scope === 'all' || subject !== viewer.openId) && !everyone) throw forbidden('target.err.agent_all');
  if (!everyone && !hasRole(viewer, 'agent'))
    throw forbidden('error.forbidden_role', { roles: '招商员、招商部经理、上级领导' });
  if (period.from > today) throw invalidInput('target.err.period_future');
  const report = await computePerformance(tx, schemes, period, today);
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
export async function computePerformance(
  tx: Tx,
  schemes: CommissionScheme[],
  period: TargetPeriod,
  asOf: string,
): Promise<PerformanceReport> {
  const to = period.to < asOf ? period.to : asOf;
  const contracts = period.from <= to ? await tx.contractLedger.signedBetween(period.from, to) : [];
  const targets = await targetsFor(tx, period);
  const monthTargets = new Map<string, PeriodTargets>();
  for (const m of period.months)
    monthTargets.set(m, period.kind === 'month' ? targets : await targetsFor(tx, monthPeriod(m)));

  const agentIds = new Set<string>([
    ...(await tx.members.list({ role: 'agent', activeOnly: true })).map((m) => m.openId),
    ...targets.perAgent.keys(),
  ]);
  for (const c of contracts) if (c.agentOpenId) agentIds.add(c.agentOpenId);
  const names = await memberNames(tx, [...agentIds]);

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
        schemes,
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
      schemeOn(schemes, lastDayOfMonth(m)),
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

/** Display names by open_id (the open_id itself for someone no longer on record). */
export async function memberNames(tx: Tx, openIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(openIds)) out.set(id, (await tx.members.get(id))?.name ?? id);
  return out;
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

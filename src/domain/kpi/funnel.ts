import type { ActivityReport } from '../jobs/report.js';

/**
 * R-KPI-1: the funnel 到访 → 登记 → 定金 → 签约 with its conversion rates, per agent and for the
 * department, beside the development count (开发数量: clients the agent brought in). The stages are
 * the digests' own counts (ReportRepository.activity), so the report and the weekly summary agree:
 * walk-ins received (accepted or assigned), visitor registrations that issued a number, deposits by
 * paid date, contracts by signing date (only contracts legal and finance passed are on that table).
 */
export interface FunnelStages {
  walkIns: number;
  registrations: number;
  deposits: number;
  signed: number;
}

/** Conversion in percent with one decimal; null when the earlier stage is zero (nothing to convert). */
export interface FunnelRates {
  walkInToRegistration: number | null;
  registrationToDeposit: number | null;
  depositToSigned: number | null;
  walkInToSigned: number | null;
}

/** Clients the agent brought in themselves in the period, by how (R-ATT-2 business card / flyer, or self-sourced). */
export interface DevelopmentCount {
  agentOpenId: string;
  card: number;
  self: number;
}

export interface FunnelRow extends FunnelStages {
  rates: FunnelRates;
  development: { card: number; self: number; total: number };
}

export interface FunnelReport {
  agents: Array<FunnelRow & { agentOpenId: string }>;
  department: FunnelRow;
}

/** Client sources that are the agent's own development: 持名片/单页 is `card`; these are self-sourced. */
export const SELF_SOURCED = ['referral', 'online', 'phone', 'other'] as const;
export const CARD_SOURCED = ['card'] as const;

export function rate(n: number, of: number): number | null {
  if (of <= 0) return null;
  return Math.round((n / of) * 1000) / 10;
}

export function ratesOf(s: FunnelStages): FunnelRates {
  return {
    walkInToRegistration: rate(s.registrations, s.walkIns),
    registrationToDeposit: rate(s.deposits, s.registrations),
    depositToSigned: rate(s.signed, s.deposits),
    walkInToSigned: rate(s.signed, s.walkIns),
  };
}

function row(s: FunnelStages, dev: { card: number; self: number }): FunnelRow {
  return { ...s, rates: ratesOf(s), development: { card: dev.card, self: dev.self, total: dev.card + dev.self } };
}

/**
 * Per agent (everyone with any stage or development, in the activity's order) and the department:
 * the agents' sums plus the public pool's walk-ins and contracts (部门公共业绩, R-ATT-4).
 */
export function funnelOf(activity: ActivityReport, development: DevelopmentCount[]): FunnelReport {
  const dev = new Map(development.map((d) => [d.agentOpenId, d]));
  const ids = [...new Set([...activity.agents.map((a) => a.agentOpenId), ...development.map((d) => d.agentOpenId)])];
  const agents = ids.map((id) => {
    const a = activity.agents.find((x) => x.agentOpenId === id);
    const d = dev.get(id) ?? { card: 0, self: 0 };
    return {
      agentOpenId: id,
      ...row(
        {
          walkIns: a?.walkIns ?? 0,
          registrations: a?.registrations ?? 0,
          deposits: a?.deposits ?? 0,
          signed: a?.signed ?? 0,
        },
        d,
      ),
    };
  });
  const sum = (k: keyof FunnelStages) => agents.reduce((n, a) => n + a[k], 0);
  const department = row(
    {
      walkIns: sum('walkIns') + activity.pool.walkIns,
      registrations: sum('registrations'),
      deposits: sum('deposits'),
      signed: sum('signed') + activity.pool.signed,
    },
    {
      card: agents.reduce((n, a) => n + a.development.card, 0),
      self: agents.reduce((n, a) => n + a.development.self, 0),
    },
  );
  return { agents, department };
}

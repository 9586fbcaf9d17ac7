import type { CardJson } from '../shared/outbox.js';
import type { Tx } from '../shared/tx.js';
import type { CommissionScheme } from './commission.rules.js';
import { monthPeriod } from './period.js';
import { computePerformance } from './performance.js';
import { type Lag, lagOf, type WorkingDays, workingDayShare } from './risk.rules.js';

/** R-TGT-5 风险预警 against the database: the month so far, and the warning to the managers. */

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
 * Month-to-date completion against the elapsed share of the month's working days.
 * Null when the month has no approved target or is on track.
 */
export async function riskCheck(
  tx: Tx,
  q: { asOf: string; calendar: WorkingDays; marginPct: number; schemes: CommissionScheme[] },
): Promise<RiskReport | null> {
  const { asOf, marginPct } = q;
  const month = asOf.slice(0, 7);
  const period = monthPeriod(month);
  const { elapsed, total } = workingDayShare(q.calendar, asOf, period.to);
  const report = await computePerformance(tx, q.schemes, period, asOf);
  const target = report.department.target;
  const lag = lagOf({
    target,
    signed: report.department.signed,
    workingDaysElapsed: elapsed,
    workingDaysInMonth: total,
    marginPct,
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
        marginPct,
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
    marginPct,
    laggingAgents,
  };
}

/** Sends every active manager the warning card through the outbox, once per manager per day. */
export async function warnManagers(tx: Tx, report: RiskReport, card: CardJson): Promise<string[]> {
  const managers = await tx.members.list({ role: 'manager', activeOnly: true });
  for (const m of managers)
    await tx.outbox.send({ to: { openId: m.openId }, card, dedupeKey: `target-risk:${report.asOf}:${m.openId}` });
  return managers.map((m) => m.openId);
}

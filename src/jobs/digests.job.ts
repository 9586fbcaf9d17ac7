import { dailyDigestCard, monthlyReportCard, weeklySummaryCard, type WeeklyInput } from '../bot/cards/digest-cards.js';
import { reconciliationCard } from '../bot/cards/plan-cards.js';
import {
  addDays,
  firstOfMonth,
  isoWeekKey,
  mondayOf,
  startOfLocalDay,
  type IsoDate,
} from '../domain/shared/zoned-time.js';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import { deriveOwedForms, missingByAgent, type OwedFormSettings } from '../domain/forms/owed-forms.rules.js';
import { emptyActivity, type ActivityReport } from '../domain/jobs/report.js';
import type { Tx } from '../domain/shared/tx.js';
import { t } from '../i18n/index.js';
import { defineJob, periods } from './job.js';
import type { JobDeps } from './deps.js';
import { departmentChat, memberNames, membersWithRole } from './recipients.js';
import { withUnitMonth } from '../bot/cards/unit-cards.js';
import { unitMonth } from './unit-renewals.job.js';
import { funnelElements, satisfactionElements, withElements } from '../bot/cards/kpi-cards.js';
import { KpiService } from '../domain/kpi/kpi.service.js';

/** How the missing forms of a report are derived: the deadlines, the working calendar, and the moment it is taken. */
export interface OwedContext {
  forms: Omit<OwedFormSettings, 'timezone'>;
  calendar: WorkingCalendar;
  asOf: Date;
}

/**
 * An owed form's deadline can come days after the event that owes it (a Friday visit's log is due on
 * Monday, later across a holiday): events this many days before the range are read too.
 */
const OWED_LOOKBACK_DAYS = 14;

/**
 * Activity over [from, to] (local dates, inclusive). With `owed`, forms owed (R-FORM-3) whose deadline
 * fell in the range and that were never filed are counted as missing (缺交) for their agent.
 */
export async function activity(
  tx: Tx,
  from: IsoDate,
  to: IsoDate,
  tz: string,
  owed?: OwedContext,
): Promise<ActivityReport> {
  const fromAt = startOfLocalDay(from, tz);
  const toAt = startOfLocalDay(addDays(to, 1), tz);
  const report = await tx.reports.activity({ from, to, fromAt, toAt });
  if (!owed) return report;
  const since = addDays(from, -OWED_LOOKBACK_DAYS);
  const facts = await tx.reports.owedFormFacts({ from: since, to, fromAt: startOfLocalDay(since, tz) });
  const missing = missingByAgent(deriveOwedForms(facts, { ...owed.forms, timezone: tz }, owed.calendar), {
    fromAt,
    toAt,
    asOf: owed.asOf,
  });
  const byAgent = new Map(report.agents.map((a) => [a.agentOpenId, a]));
  for (const [agent, n] of missing) {
    const a = byAgent.get(agent) ?? emptyActivity(agent);
    a.formsMissing += n;
    byAgent.set(agent, a);
  }
  return { ...report, agents: [...byAgent.values()].sort((a, b) => a.agentOpenId.localeCompare(b.agentOpenId)) };
}

/** The job's own view for `activity`: the configured deadlines, its calendar, its clock. */
export function owedContext(d: Pick<JobDeps, 'settings'>, ctx: { calendar: WorkingCalendar; now: Date }): OwedContext {
  return { forms: d.settings.forms, calendar: ctx.calendar, asOf: ctx.now };
}

/** R-DIG-1: at 18:30 the department group gets today's totals and per-agent counts (no phone numbers). */
export function dailyDigestJob(d: JobDeps) {
  return defineJob({
    name: 'dailyDigest',
    titleKey: 'job.dailyDigest',
    aliases: ['日报', '每日简报'],
    defaultCron: '30 18 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const chat = await departmentChat(ctx.tx);
      if (!chat) return { summary: t('jobs.summary.no_group') };
      const report = await activity(ctx.tx, period.date, period.date, ctx.timezone, owedContext(d, ctx));
      const calls = {
        target: d.settings.calls.dailyTarget,
        counts: await ctx.tx.calls.countByAgent(period.date, period.date),
        agents: await membersWithRole(ctx.tx, 'agent'),
      };
      await ctx.notify(
        { chatId: chat },
        { card: dailyDigestCard(period.date, report, await memberNames(ctx.tx), calls) },
      );
      return {
        summary: t('jobs.summary.group_sent', {
          detail: t('jobs.summary.agents_recorded', { n: report.agents.length }),
        }),
      };
    },
  });
}

/** The weekly summary's figures for the week before `date` and the month to the day before it. */
export async function weeklyInput(
  tx: Tx,
  d: { ports: Pick<JobDeps['ports'], 'targets'> },
  date: IsoDate,
  tz: string,
  owed?: OwedContext,
): Promise<WeeklyInput> {
  const from = addDays(mondayOf(date), -7);
  const to = addDays(from, 6);
  const monthTo = addDays(date, -1);
  const monthFrom = firstOfMonth(monthTo);
  const [lastWeek, monthToDate, targets, agents] = [
    await activity(tx, from, to, tz, owed),
    await activity(tx, monthFrom, monthTo, tz, owed),
    await d.ports.targets.monthTargets(tx, monthTo.slice(0, 7)),
    await membersWithRole(tx, 'agent'),
  ];
  const calls = await tx.calls.countByAgent(from, to);
  return { week: isoWeekKey(from), from, to, monthTo, lastWeek, monthToDate, targets, agents, calls };
}

/** R-DIG-2: Monday 09:00, last week and the month to date per agent, with a target-vs-actual chart. */
export function weeklySummaryJob(d: JobDeps) {
  return defineJob({
    name: 'weeklySummary',
    titleKey: 'job.weeklySummary',
    aliases: ['周报', '每周汇总', '周汇总'],
    defaultCron: '0 9 * * 1',
    periodKey: periods.weekly,
    run: async (ctx, period) => {
      const chat = await departmentChat(ctx.tx);
      if (!chat) return { summary: t('jobs.summary.no_group') };
      const input = await weeklyInput(ctx.tx, d, period.date, ctx.timezone, owedContext(d, ctx));
      await ctx.notify({ chatId: chat }, { card: weeklySummaryCard(input, await memberNames(ctx.tx)) });
      return { summary: t('jobs.summary.group_sent', { detail: `${input.from}–${input.to}` }) };
    },
  });
}

/** R-DIG-3: on the 1st, leaders get last month's results against target, compliance and the review record. */
export function monthlyReportJob(d: JobDeps) {
  return defineJob({
    name: 'monthlyReport',
    titleKey: 'job.monthlyReport',
    aliases: ['月报', '月度报告'],
    defaultCron: '0 9 1 * *',
    periodKey: periods.monthly,
    run: async (ctx, period) => {
      const to = addDays(firstOfMonth(period.date), -1);
      const from = firstOfMonth(to);
      const month = to.slice(0, 7);
      const report = await activity(ctx.tx, from, to, ctx.timezone, owedContext(d, ctx));
      const targets = await d.ports.targets.monthTargets(ctx.tx, month);
      const reviews = await d.ports.reviews.reviews(ctx.tx, { from, to });
      // R-UNIT-2: occupancy and rent income at month end, and their change from last month's snapshot.
      const units = await unitMonth(d, ctx.tx, ctx.now, ctx.timezone, month);
      // R-KPI-1 funnel and development count, R-FB-2 satisfaction averages per agent.
      const funnel = await new KpiService({ timezone: ctx.timezone }).funnel(ctx.tx, from, to, report);
      const satisfaction = await ctx.tx.satisfaction.averages(from, to);
      const names = await memberNames(ctx.tx);
      const kpi = [...funnelElements(funnel, names, { satisfaction }), ...satisfactionElements(satisfaction, names)];
      const leaders = await membersWithRole(ctx.tx, 'leader');
      for (const l of leaders) {
        const card = withElements(
          withUnitMonth(monthlyReportCard(month, report, targets.department, reviews), units),
          structuredClone(kpi),
        );
        await ctx.notify({ openId: l }, { card });
      }
      return { summary: t('jobs.summary.leaders', { month, n: leaders.length }) };
    },
  });
}

/** R-CON-3: every day, the signed-contracts table against the collection forms; differences to the managers. */
export function contractReconciliationJob(d: JobDeps) {
  return defineJob({
    name: 'contractReconciliation',
    titleKey: 'job.contractReconciliation',
    aliases: ['对账', '合同对账'],
    defaultCron: '0 19 * * *',
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const r = await d.ports.reconciliation.mismatches(ctx.tx, period.date);
      const n = r.signedWithoutCollection.length + r.collectedWithoutSigned.length;
      if (n === 0 && r.underReview.length === 0) return { summary: t('jobs.summary.no_mismatch') };
      const names = await memberNames(ctx.tx);
      const managers = await membersWithRole(ctx.tx, 'manager');
      for (const m of managers) {
        await ctx.notify({ openId: m }, { card: reconciliationCard(period.date, r, names) });
      }
      if (n === 0)
        return { summary: t('jobs.summary.under_review', { n: r.underReview.length, managers: managers.length }) };
      return { summary: t('jobs.summary.mismatch', { n, managers: managers.length }) };
    },
  });
}

import type { ActivityReport, AgentActivity } from '../../domain/jobs/report.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { markup, tmd } from './safe-text.js';
import { button, buttonRow, card, hr, md, type El } from './card-kit.js';
import type { Names } from './plan-cards.js';
import { callsDigestLine, callsWeeklyLine } from './call-cards.js';

/**
 * The digests (R-DIG-1…3). Built only from counts and member names: no phone or contact ever reaches
 * these cards, so they are safe for the department group (R-INFO-2).
 */
const nameOf = (names: Names, id: string) => names[id] ?? id;

function totals(r: ActivityReport) {
  const sum = (f: keyof Omit<AgentActivity, 'agentOpenId'>) => r.agents.reduce((n, a) => n + a[f], 0);
  return {
    walkIns: sum('walkIns') + r.pool.walkIns,
    passes: sum('passes'),
    registrations: sum('registrations'),
    revisitsDone: sum('revisitsDone'),
    revisitsOverdue: sum('revisitsOverdue'),
    deposits: sum('deposits'),
    signed: sum('signed') + r.pool.signed,
    formsFiled: sum('formsFiled'),
    formsLate: sum('formsLate'),
    formsIncomplete: sum('formsIncomplete'),
    formsMissing: sum('formsMissing'),
    formsFlagged: sum('formsFlagged'),
  };
}

/** R-DAY-3: the day's calls per agent against the target; the digest names who fell short. */
export interface CallsDigest {
  target: number;
  counts: Map<string, number>;
  agents: string[];
}

export function dailyDigestCard(date: string, r: ActivityReport, names: Names, calls?: CallsDigest): CardJson {
  const tot = totals(r);
  const forms = t('digest.forms', {
    filed: tot.formsFiled,
    late: tot.formsLate,
    incomplete: tot.formsIncomplete,
    missing: tot.formsMissing,
    flagged: tot.formsFlagged,
  });
  const elements: El[] = [
    md(`${t('digest.totals', { ...tot, poolWalkIns: r.pool.walkIns, poolSigned: r.pool.signed })}\n${forms}`),
  ];
  const lines = r.agents.map((a) =>
    tmd('digest.agent_line', {
      name: nameOf(names, a.agentOpenId),
      walkIns: a.walkIns,
      registrations: a.registrations,
      deposits: a.deposits,
      signed: a.signed,
    }),
  );
  elements.push(hr(), md(lines.length ? lines.join('\n') : t('digest.nobody')));
  if (calls?.agents.length) elements.push(md(callsDigestLine(calls, names)));
  return card({ title: t('digest.title', { date }), template: 'indigo', elements });
}

export interface WeeklyInput {
  week: string;
  from: string;
  to: string;
  monthTo: string;
  lastWeek: ActivityReport;
  monthToDate: ActivityReport;
  targets: { department: number | undefined; perAgent: Record<string, number> };
  agents: string[];
  /** R-DAY-3: calls per agent over the week. */
  calls?: Map<string, number>;
}

const pct = (actual: number, target: number | undefined) => (target ? `${Math.round((actual / target) * 100)}%` : '—');

/** Rows of the weekly table: one per agent plus the department total; shared with the benchmark. */
export function weeklyRows(input: WeeklyInput, names: Names): Array<Record<string, string | number>> {
  const week = new Map(input.lastWeek.agents.map((a) => [a.agentOpenId, a]));
  const month = new Map(input.monthToDate.agents.map((a) => [a.agentOpenId, a]));
  const rows = input.agents.map((id) => {
    const w = week.get(id);
    const signedMonth = month.get(id)?.signed ?? 0;
    const target = input.targets.perAgent[id];
    return {
      agent: nameOf(names, id),
      walkins: w?.walkIns ?? 0,
      passes: w?.passes ?? 0,
      reg: w?.registrations ?? 0,
      revisits: `${w?.revisitsDone ?? 0}/${w?.revisitsOverdue ?? 0}`,
      deposits: w?.deposits ?? 0,
      signed: w?.signed ?? 0,
      target: target ?? '—',
      completion: pct(signedMonth, target),
      forms: `${w?.formsLate ?? 0}/${w?.formsIncomplete ?? 0}/${w?.formsMissing ?? 0}/${w?.formsFlagged ?? 0}`,
    };
  });
  const tw = totals(input.lastWeek);
  const tm = totals(input.monthToDate);
  rows.push({
    agent: t('weekly.total'),
    walkins: tw.walkIns,
    passes: tw.passes,
    reg: tw.registrations,
    revisits: `${tw.revisitsDone}/${tw.revisitsOverdue}`,
    deposits: tw.deposits,
    signed: tw.signed,
    target: input.targets.department ?? '—',
    completion: pct(tm.signed, input.targets.department),
    forms: `${tw.formsLate}/${tw.formsIncomplete}/${tw.formsMissing}/${tw.formsFlagged}`,
  });
  return rows;
}

/** A VChart bar spec for the card's `chart` component: month target vs actual signings per agent. */
export function targetChart(input: WeeklyInput, names: Names): El {
  const month = new Map(input.monthToDate.agents.map((a) => [a.agentOpenId, a.signed]));
  const values = input.agents.flatMap((id) => [
    { agent: nameOf(names, id), series: t('weekly.series.target'), value: input.targets.perAgent[id] ?? 0 },
    { agent: nameOf(names, id), series: t('weekly.series.actual'), value: month.get(id) ?? 0 },
  ]);
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    color_theme: 'brand',
    chart_spec: {
      type: 'bar',
      title: { text: t('weekly.chart_title') },
      data: { values },
      xField: ['agent', 'series'],
      yField: 'value',
      seriesField: 'series',
      legends: { visible: true, orient: 'bottom' },
      label: { visible: true },
    },
  };
}

/** The full table's columns, for an export or a desk screen. */
export const WEEKLY_COLUMNS = [
  'agent',
  'walkins',
  'passes',
  'reg',
  'revisits',
  'deposits',
  'signed',
  'target',
  'completion',
  'forms',
] as const;

/**
 * "12月第2周 12.07–12.13": the month and its week as people say them (a week belongs to the month of
 * its Thursday, so 11.30–12.06 is 12月第1周), not an ISO key like 2026-W50.
 */
export function weekTitle(from: string, to: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const thursday = new Date(Date.UTC(y, m - 1, d + 3));
  const dot = (iso: string) => iso.slice(5).replace('-', '.');
  return t('weekly.week_title', {
    month: thursday.getUTCMonth() + 1,
    n: Math.ceil(thursday.getUTCDate() / 7),
    from: dot(from),
    to: dot(to),
  });
}

/**
 * Read on a phone: the chart, then one short line per agent (接待 · 登记 · 签约 · 月完成率, and the form
 * problems when there are any). The 10-column `weeklyRows` table is too wide for a phone; it stays the
 * shape of the full data for exports and the benchmark.
 */
export function weeklySummaryCard(input: WeeklyInput, names: Names): CardJson {
  const rows = weeklyRows(input, names);
  const elements: El[] = [md(t('weekly.range', { from: input.from, to: input.to, monthTo: input.monthTo }))];
  if (input.agents.length > 0) elements.push(targetChart(input, names));
  if (input.calls && input.agents.length > 0) elements.push(md(callsWeeklyLine(input.calls, input.agents, names)));
  const line = (r: Record<string, string | number>) => {
    const [late, incomplete, missing, flagged] = String(r.forms).split('/').map(Number);
    const problems = [
      late ? t('weekly.forms.late', { n: late }) : '',
      incomplete ? t('weekly.forms.incomplete', { n: incomplete }) : '',
      missing ? t('weekly.forms.missing', { n: missing }) : '',
      flagged ? t('weekly.forms.flagged', { n: flagged }) : '',
    ].filter(Boolean);
    return `- ${tmd('weekly.agent_line', {
      agent: String(r.agent),
      walkins: r.walkins!,
      reg: r.reg!,
      revisits: String(r.revisits),
      signed: r.signed!,
      completion: String(r.completion),
      forms: markup(problems.length ? t('weekly.forms', { list: problems.join('、') }) : ''),
    })}`;
  };
  // One markdown element per 25 agents keeps a large department within Feishu's per-element text size.
  for (let i = 0; i < rows.length; i += 25)
    elements.push(
      md(
        rows
          .slice(i, i + 25)
          .map(line)
          .join('\n'),
      ),
    );
  // The next step: the full table as a workbook (managers and leaders; the card is read in the group).
  elements.push(
    buttonRow([button(t('weekly.export_btn'), { a: 'targets.export', kind: 'weekly', period: input.from, g: 1 })]),
  );
  return card({ title: t('weekly.title', { week: weekTitle(input.from, input.to) }), template: 'violet', elements });
}

export function monthlyReportCard(
  month: string,
  r: ActivityReport,
  target: number | undefined,
  reviews: { logsReviewed: number; logsPending: number; plansDecided: number } | undefined,
): CardJson {
  const tot = totals(r);
  const body = t('monthly.body', {
    signed: tot.signed,
    targetText: target ? t('monthly.target_text', { target, rate: pct(tot.signed, target) }) : '',
    walkIns: tot.walkIns,
    registrations: tot.registrations,
    deposits: tot.deposits,
    poolSigned: r.pool.signed,
    filed: tot.formsFiled,
    late: tot.formsLate,
    incomplete: tot.formsIncomplete,
    missing: tot.formsMissing,
    flagged: tot.formsFlagged,
  });
  const rev = reviews
    ? t('monthly.reviews', {
        reviewed: reviews.logsReviewed,
        pending: reviews.logsPending,
        decided: reviews.plansDecided,
      })
    : t('monthly.no_reviews');
  return card({ title: t('monthly.title', { month }), template: 'purple', elements: [md(body), hr(), md(rev)] });
}

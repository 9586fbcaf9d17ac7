import type { ActivityReport, AgentActivity } from '../../domain/jobs/report.ports.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import { card, hr, md, table, type El } from './card-kit.js';
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

const COLUMNS = [
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

export function weeklySummaryCard(input: WeeklyInput, names: Names): CardJson {
  const cols = COLUMNS.map((c) => ({
    name: c,
    label: t(`weekly.col.${c}`),
    type: (['walkins', 'passes', 'reg', 'deposits', 'signed'].includes(c) ? 'number' : 'text') as 'number' | 'text',
  }));
  const elements: El[] = [
    md(t('weekly.range', { from: input.from, to: input.to, monthTo: input.monthTo })),
    table(cols, weeklyRows(input, names), 10),
  ];
  if (input.agents.length > 0) elements.push(targetChart(input, names));
  if (input.calls && input.agents.length > 0) elements.push(md(callsWeeklyLine(input.calls, input.agents, names)));
  return card({ title: t('weekly.title', { week: input.week }), template: 'violet', elements });
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

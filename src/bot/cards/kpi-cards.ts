import type { SatisfactionAverage, SatisfactionCards, SatisfactionView } from '../../domain/feedback/satisfaction.js';
import type { FunnelRates, FunnelReport, FunnelRow } from '../../domain/kpi/funnel.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { card, hr, md, table, type El } from './card-kit.js';
import { formBlock, type FieldDef, type FormState } from './form-kit.js';
import { tmd } from './safe-text.js';

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** One funnel line in words: 到访 12 → 登记 9（75.0%）→ 定金 3（33.3%）→ 签约 2（66.7%）；到访→签约 16.7%. */
export function funnelLine(r: FunnelRow): string {
  const x: FunnelRates = r.rates;
  return t('kpi.funnel_line', {
    walkIns: r.walkIns,
    registrations: r.registrations,
    deposits: r.deposits,
    signed: r.signed,
    r1: pct(x.walkInToRegistration),
    r2: pct(x.registrationToDeposit),
    r3: pct(x.depositToSigned),
    overall: pct(x.walkInToSigned),
    dev: r.development.total,
    card: r.development.card,
    self: r.development.self,
  });
}

/**
 * R-KPI-1 section: the department's funnel in words, then one table row per agent (a table is one
 * element however many agents, and pages itself on the phone).
 */
export function funnelElements(
  report: FunnelReport,
  names: Record<string, string>,
  opts: { only?: string; satisfaction?: SatisfactionAverage[] } = {},
): El[] {
  const sat = new Map((opts.satisfaction ?? []).map((s) => [s.agentOpenId, s]));
  const agents = opts.only ? report.agents.filter((a) => a.agentOpenId === opts.only) : report.agents;
  const out: El[] = [
    hr(),
    md(t('kpi.funnel_title')),
    md(tmd('kpi.department', { line: funnelLine(report.department) })),
  ];
  if (agents.length === 0) return out;
  const rows = agents.map((a) => {
    const s = sat.get(a.agentOpenId);
    return {
      agent: names[a.agentOpenId] ?? a.agentOpenId,
      walk: a.walkIns,
      reg: a.registrations,
      dep: a.deposits,
      sign: a.signed,
      conv: `${pct(a.rates.walkInToRegistration)} / ${pct(a.rates.registrationToDeposit)} / ${pct(a.rates.depositToSigned)}`,
      overall: pct(a.rates.walkInToSigned),
      dev: t('kpi.dev_cell', { total: a.development.total, card: a.development.card, self: a.development.self }),
      ...(opts.satisfaction ? { sat: s ? t('kpi.sat_cell', { avg: s.average.toFixed(2), n: s.count }) : '—' } : {}),
    };
  });
  out.push(
    table(
      [
        { name: 'agent', label: t('kpi.col.agent') },
        { name: 'walk', label: t('kpi.col.walk'), type: 'number' },
        { name: 'reg', label: t('kpi.col.reg'), type: 'number' },
        { name: 'dep', label: t('kpi.col.dep'), type: 'number' },
        { name: 'sign', label: t('kpi.col.sign'), type: 'number' },
        { name: 'conv', label: t('kpi.col.conv') },
        { name: 'overall', label: t('kpi.col.overall') },
        { name: 'dev', label: t('kpi.col.dev') },
        ...(opts.satisfaction ? [{ name: 'sat', label: t('kpi.col.sat') }] : []),
      ],
      rows,
      10,
    ),
  );
  return out;
}

/** R-FB-2 section of the monthly report: the average score per agent and for the department. */
export function satisfactionElements(avgs: SatisfactionAverage[], names: Record<string, string>): El[] {
  if (avgs.length === 0) return [md(t('kpi.sat_none'))];
  const n = avgs.reduce((x, a) => x + a.count, 0);
  const total = avgs.reduce((x, a) => x + a.average * a.count, 0);
  const lines = avgs.map((a) =>
    tmd('kpi.sat_line', { name: names[a.agentOpenId] ?? a.agentOpenId, avg: a.average.toFixed(2), n: a.count }),
  );
  return [md(`${t('kpi.sat_title', { avg: (total / n).toFixed(2), n })}\n${lines.join('\n')}`)];
}

/** Appends sections to a card built elsewhere (the monthly report, 业绩). */
export function withElements(c: CardJson, els: El[]): CardJson {
  const body = (c as { body?: { elements?: El[] } }).body;
  if (body?.elements) body.elements.push(...els);
  return c;
}

const scoreFields: FieldDef[] = [
  {
    name: 'sat_score',
    kind: 'select',
    essential: true,
    options: [5, 4, 3, 2, 1].map((n) => ({ value: String(n), text: t(dynamicKey(`satisfaction.score.${n}`)) })),
  },
  { name: 'sat_note', kind: 'multiline', maxLength: 1000 },
];

/** The agent's survey card; answered, it shows the score and note (patched in place). */
export function satisfactionCard(v: SatisfactionView, state: FormState = {}): CardJson {
  const s = v.survey;
  const occasion = s.period.startsWith('open:')
    ? t('satisfaction.after_opening')
    : t('satisfaction.quarter', { q: s.period });
  if (s.score !== null)
    return card({
      title: t('satisfaction.recorded_title'),
      template: 'green',
      elements: [
        md(
          tmd('satisfaction.recorded', {
            client: v.clientName,
            occasion,
            score: t(dynamicKey(`satisfaction.score.${s.score}`)),
            by: v.recordedByName ?? '—',
            note: s.note ?? '—',
          }),
        ),
      ],
    });
  return card({
    title: t('satisfaction.title'),
    template: 'wathet',
    elements: [
      md(tmd('satisfaction.ask', { client: v.clientName, occasion })),
      ...formBlock('satisfaction_form', scoreFields, state, { a: 'satisfaction.record', id: s.id }),
    ],
  });
}

export const satisfactionCards: SatisfactionCards = { prompt: (v) => satisfactionCard(v) };

import type { Member } from '../../domain/members/roles.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { formatBp } from '../../domain/targets/commission.rules.js';
import { EXPORT_KINDS } from '../../domain/targets/export.service.js';
import { fenToDecimal, formatFen } from '../../domain/targets/money.js';
import { periodLabel } from '../../domain/targets/period.js';
import type { Target } from '../../domain/targets/target.js';
import type { PerformanceReport } from '../../domain/targets/performance.js';
import type { TargetRenderer } from '../../domain/targets/target.service.js';
import type { RiskReport } from '../../domain/targets/target-risk.js';
import { t } from '../../i18n/index.js';
import { escapeMd, tmd } from './safe-text.js';
import {
  card,
  datePicker,
  form,
  hr,
  input,
  labelled,
  md,
  selectStatic,
  submitButton,
  table,
  type El,
} from './card-kit.js';
import { formatTime } from './time-format.js';

/** Cards of the targets feature: the proposal form, performance with a chart, risk warning, export form. */

const area = (centi: number | null) => (centi === null ? '' : fenToDecimal(centi).replace(/\.00$/, ''));

export interface TargetFormState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  notice?: string;
}

export function targetSummary(target: Target, names: Map<string, string>): string {
  const extra =
    (target.areaCenti !== null ? t('target.summary_area', { area: area(target.areaCenti) }) : '') +
    (target.rentFen !== null ? t('target.summary_rent', { rent: formatFen(target.rentFen) }) : '');
  const split =
    target.split.map((s) => `${names.get(s.agentOpenId) ?? s.agentOpenId} ${s.contracts}`).join('、') || '—';
  return t('target.summary', { period: periodLabel(target.periodKey), contracts: target.contracts, extra, split });
}

/** The manager's form: period, department figures, one line per active agent. Comes back filled in with errors. */
export function targetFormCard(
  agents: Member[],
  state: TargetFormState,
  context: { current?: string; pending?: string } = {},
): CardJson {
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(md(t('target.form.intro')));
  if (context.current) elements.push(md(context.current));
  if (context.pending) elements.push(md(context.pending));
  if (agents.length === 0) {
    elements.push(md(t('target.form.no_agents')));
    return card({ title: t('target.form.title'), template: 'blue', elements });
  }
  const fields: El[] = [
    ...labelled(
      t('target.form.period'),
      input('period', {
        placeholder: t('target.form.period_placeholder'),
        value: v.period ?? '',
        maxLength: 20,
        required: true,
      }),
      e.period,
      true,
    ),
    ...labelled(
      t('target.form.contracts'),
      input('contracts', { placeholder: '12', value: v.contracts ?? '', maxLength: 8 }),
      e.contracts,
      true,
    ),
    ...labelled(t('target.form.area'), input('area', { value: v.area ?? '', maxLength: 14 }), e.area),
    ...labelled(t('target.form.rent'), input('rent', { value: v.rent ?? '', maxLength: 16 }), e.rent),
    hr(),
    md(t('target.form.split_header')),
  ];
  if (e.split) fields.push(md(`<font color="red">${escapeMd(e.split)}</font>`));
  for (const a of agents) {
    fields.push(
      ...labelled(
        a.name,
        input(`split_${a.openId}`, {
          placeholder: t('target.form.split_placeholder'),
          value: v[`split_${a.openId}`] ?? '',
          maxLength: 40,
        }),
        e[`split_${a.openId}`],
      ),
    );
  }
  fields.push(submitButton(t('target.form.submit'), 'target_submit', { a: 'targets.propose' }));
  elements.push(form('target_form', fields));
  return card({ title: t('target.form.title'), template: 'blue', elements });
}

export function submittedCard(target: Target, names: Map<string, string>): CardJson {
  return card({
    title: t('target.submitted_title'),
    template: 'green',
    elements: [
      md(t('target.submitted', { period: periodLabel(target.periodKey) })),
      md(escapeMd(targetSummary(target, names))),
    ],
  });
}

export function currentLine(target: Target, names: Map<string, string>, deciderName: string, tz: string): string {
  return tmd('target.form.current', {
    summary: targetSummary(target, names).replace('\n', ' · '),
    by: deciderName,
    at: target.decidedAt ? formatTime(target.decidedAt, tz) : '—',
  });
}

const MAX_CHART_AGENTS = 20;

/** `业绩`: department line (managers, leaders), the agents' table and a bar chart of target vs signed. */
export function performanceCard(r: PerformanceReport, tz: string, deciderName?: string): CardJson {
  const period = periodLabel(r.period.key);
  const elements: El[] = [md(t('perf.as_of', { date: r.asOf }))];
  const tg = r.targets;
  if (tg.source === 'none') elements.push(md(t('perf.no_target')));
  if (tg.source === 'months') elements.push(md(t('perf.target_source.months', { count: tg.monthsWithTarget ?? 0 })));
  if (tg.target?.decidedAt && deciderName)
    elements.push(md(tmd('perf.target_approved', { by: deciderName, at: formatTime(tg.target.decidedAt, tz) })));
  if (r.period.to > r.asOf) elements.push(md(t('perf.provisional')));
  if (r.scope === 'all') {
    const d = r.department;
    elements.push(
      md(t('perf.dept', { target: d.target ?? '—', signed: d.signed, pool: d.poolSigned, rate: formatBp(d.bp) })),
    );
    elements.push(
      md(
        t('perf.dept_money', {
          area: area(d.areaCenti),
          rent: formatFen(d.firstYearRentFen),
          commission: formatFen(d.commissionFen),
          bonus: formatFen(d.managerBonusFen),
        }),
      ),
    );
    elements.push(
      table(
        [
          { name: 'agent', label: t('perf.col.agent') },
          { name: 'target', label: t('perf.col.target'), type: 'number' },
          { name: 'signed', label: t('perf.col.signed'), type: 'number' },
          { name: 'rate', label: t('perf.col.rate') },
          { name: 'commission', label: t('perf.col.commission') },
        ],
        r.agents.map((a) => ({
          agent: a.name,
          target: a.target ?? 0,
          signed: a.signed,
          rate: formatBp(a.bp),
          commission: formatFen(a.commission.totalFen),
        })),
        10,
      ),
    );
  } else {
    const a = r.agents[0]!;
    elements.push(
      md(tmd('perf.mine', { name: a.name, target: a.target ?? '—', signed: a.signed, rate: formatBp(a.bp) })),
    );
    elements.push(
      md(
        t('perf.mine_money', {
          total: formatFen(a.commission.totalFen),
          multiple: a.commission.milli ? (a.commission.milli / 1000).toString() : '—',
          atSigning: formatFen(a.commission.atSigningFen),
          atOpening: formatFen(a.commission.atOpeningFen),
          opened: formatFen(a.openedFen),
        }),
      ),
    );
    if (a.missingRent) elements.push(md(t('perf.missing_rent', { count: a.missingRent })));
  }
  const shown = r.agents.slice(0, MAX_CHART_AGENTS);
  elements.push(chart(shown.map((a) => ({ name: a.name, target: a.target ?? 0, signed: a.signed }))));
  if (r.agents.length > shown.length) elements.push(md(t('perf.more', { shown: shown.length, period: r.period.key })));
  const title = t(r.scope === 'all' ? 'perf.title' : r.scope === 'agent' ? 'perf.title_agent' : 'perf.title_mine', {
    period,
    name: r.agents[0]?.name ?? '',
  });
  return card({ title, template: 'turquoise', elements, summary: title });
}

/** Card JSON 2.0 `chart` with a VChart spec: grouped bars, target next to signed, per agent. */
export function chart(rows: Array<{ name: string; target: number; signed: number }>): El {
  const values = rows.flatMap((r) => [
    { agent: r.name, type: t('perf.chart.target'), value: r.target },
    { agent: r.name, type: t('perf.chart.signed'), value: r.signed },
  ]);
  return {
    tag: 'chart',
    aspect_ratio: rows.length > 8 ? '4:3' : '16:9',
    chart_spec: {
      type: 'bar',
      data: [{ id: 'perf', values }],
      xField: ['agent', 'type'],
      yField: 'value',
      seriesField: 'type',
      legends: { visible: true, orient: 'bottom' },
      label: { visible: true },
    },
  };
}

export function riskCard(r: RiskReport): CardJson {
  const elements: El[] = [
    md(
      t('risk.body', {
        date: r.asOf,
        elapsed: r.workingDaysElapsed,
        total: r.workingDaysInMonth,
        elapsedRate: formatBp(r.department.elapsedBp),
        signed: r.signed,
        target: r.target,
        rate: formatBp(r.department.completionBp),
        gap: formatBp(r.department.gapBp),
        margin: r.marginPct,
      }),
    ),
  ];
  if (r.laggingAgents.length) {
    elements.push(md(t('risk.agents')));
    elements.push(
      md(
        r.laggingAgents
          .slice(0, 30)
          .map((a) =>
            tmd('risk.agent_line', {
              name: a.name,
              signed: a.signed,
              target: a.target,
              rate: formatBp(a.lag.completionBp),
              gap: formatBp(a.lag.gapBp),
            }),
          )
          .join('\n'),
      ),
    );
  }
  return card({
    title: t('risk.title', { month: periodLabel(r.month) }),
    template: 'red',
    elements,
    summary: t('risk.title', { month: periodLabel(r.month) }),
  });
}

export const targetRenderer: TargetRenderer = {
  approvalSummary: targetSummary,
  riskWarning: riskCard,
};

export interface ExportFormState {
  values?: { kind?: string; from?: string; to?: string };
  error?: string;
  /** Rendered in a group chat: the button says so, since a card callback does not (phones get masked, R-INFO-2). */
  inGroup?: boolean;
}

export function exportCard(state: ExportFormState = {}): CardJson {
  const v = state.values ?? {};
  const elements: El[] = [md(t('export.intro'))];
  if (state.error) elements.push(md(`<font color="red">${escapeMd(state.error)}</font>`));
  elements.push(
    form('export_form', [
      ...labelled(
        t('export.form.kind'),
        selectStatic(
          'kind',
          EXPORT_KINDS.map((k) => ({ value: k, text: t(`export.kind.${k}`) })),
          { value: v.kind ?? 'signed' },
        ),
        undefined,
        true,
      ),
      ...labelled(t('export.form.from'), datePicker('from', { value: v.from ?? '' })),
      ...labelled(t('export.form.to'), datePicker('to', { value: v.to ?? '' })),
      submitButton(t('export.form.submit'), 'export_submit', {
        a: 'targets.export',
        ...(state.inGroup ? { g: 1 } : {}),
      }),
    ]),
  );
  return card({ title: t('export.title'), template: 'indigo', elements });
}

import { GRADES } from '../../domain/clients/client.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import type {
  FieldVisitPlan,
  UnvisitedClient,
  VisitCardRenderer,
  VisitLogView,
} from '../../domain/field-visits/field-visit.js';
import { t } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import {
  button,
  buttonRow,
  card,
  datePicker,
  form,
  hr,
  input,
  labelled,
  md,
  multiSelectStatic,
  selectStatic,
  submitButton,
  type El,
  type Option,
} from './card-kit.js';
import { formatTime } from './time-format.js';

export interface FormState {
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** 走访计划表 (R-FV-1): date, the agent's own clients and/or places, purpose. */
export function planFormCard(clients: Option[], state: FormState = {}): CardJson {
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(md(t('visit.plan.intro')));
  elements.push(
    form('fv_plan', [
      ...labelled(
        t('visit.plan.date'),
        datePicker('visit_date', { value: str(v.visit_date), placeholder: t('visit.plan.date_ph'), required: true }),
        e.visit_date,
        true,
      ),
      ...labelled(
        t('visit.plan.clients'),
        clients.length
          ? multiSelectStatic('clients', clients, { values: list(v.clients), placeholder: t('visit.plan.clients_ph') })
          : md(t('visit.plan.no_clients')),
        e.clients,
      ),
      ...labelled(
        t('visit.plan.places'),
        input('places', { value: str(v.places), placeholder: t('visit.plan.places_ph'), maxLength: 300 }),
        e.places,
      ),
      ...labelled(
        t('visit.plan.purpose'),
        input('purpose', {
          value: str(v.purpose),
          placeholder: t('visit.plan.purpose_ph'),
          maxLength: 300,
          required: true,
        }),
        e.purpose,
        true,
      ),
      submitButton(t('visit.plan.submit'), 'fv_plan_submit', { a: 'fv.plan.save' }),
    ]),
  );
  return card({ title: t('visit.plan.title'), template: 'blue', elements });
}

export function planSubmittedCard(plan: FieldVisitPlan): CardJson {
  return card({
    title: t('visit.plan.title'),
    template: 'wathet',
    elements: [md(t('visit.plan.submitted', { id: plan.id, date: plan.visitDate }))],
  });
}

/** Approved plans still without a log. */
export function awaitingLogCard(plans: FieldVisitPlan[]): CardJson {
  const elements: El[] = [md(t('visit.log.pick', { count: plans.length }))];
  for (const p of plans) {
    elements.push(md(tmd('visit.log.plan_line', { id: p.id, date: p.visitDate, purpose: p.purpose })));
    elements.push(buttonRow([button(t('visit.log.open'), { a: 'fv.log.open', planId: p.id }, 'primary')]));
  }
  return card({ title: t('visit.log.title'), template: 'blue', elements });
}

/** 走访日志 (R-FV-2): one outcome per planned client (and the grade after the visit), a summary. */
export function logFormCard(
  plan: FieldVisitPlan,
  clients: Array<{ id: number; name: string; grade: string | null }>,
  state: FormState = {},
): CardJson {
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const grades: Option[] = GRADES.map((g) => ({ value: g, text: t(`visit.grade.${g}`) }));
  const fields: El[] = [];
  for (const c of clients) {
    fields.push(
      ...labelled(
        t('visit.log.outcome_for', { name: c.name }),
        input(`outcome_${c.id}`, {
          value: str(v[`outcome_${c.id}`]),
          placeholder: t('visit.log.outcome_ph'),
          maxLength: 500,
          required: true,
        }),
        e[`outcome_${c.id}`],
        true,
      ),
    );
    fields.push(
      ...labelled(
        t('visit.log.grade_for', { name: c.name }),
        selectStatic(`grade_${c.id}`, grades, { value: str(v[`grade_${c.id}`]) || (c.grade ?? '') }),
        e[`grade_${c.id}`],
      ),
    );
  }
  fields.push(
    ...labelled(
      t('visit.log.summary'),
      input('summary', {
        value: str(v.summary),
        placeholder: t('visit.log.summary_ph'),
        maxLength: 1000,
        multiline: true,
      }),
      e.summary,
      clients.length === 0,
    ),
  );
  fields.push(submitButton(t('visit.log.submit'), 'fv_log_submit', { a: 'fv.log.save', planId: plan.id }));
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(md(tmd('visit.log.plan_line', { id: plan.id, date: plan.visitDate, purpose: plan.purpose })));
  if (plan.places.length) elements.push(md(tmd('visit.log.places', { places: plan.places.join('、') })));
  elements.push(form(`fv_log_${plan.id}`, fields));
  return card({ title: t('visit.log.title'), template: 'blue', elements });
}

export function logFiledCard(view: { id: number; late: boolean; dueAt: Date }, tz: string): CardJson {
  const lines = [t('visit.log.filed', { id: view.id })];
  if (view.late) lines.push(t('visit.log.filed_late', { due: formatTime(view.dueAt, tz) }));
  return card({
    title: t('visit.log.title'),
    template: view.late ? 'orange' : 'green',
    elements: [md(lines.join('\n'))],
  });
}

function logBody(view: VisitLogView, tz: string): El[] {
  const { log, plan } = view;
  const out: El[] = [
    md(
      tmd('visit.review.head', {
        agent: view.agentName,
        date: log.visitDate,
        purpose: plan.purpose,
        filed: formatTime(log.filedAt, tz),
      }),
    ),
  ];
  if (log.late) out.push(md(t('visit.review.late', { due: formatTime(log.dueAt, tz) })));
  for (const o of log.outcomes) {
    out.push(
      md(
        tmd('visit.review.outcome', {
          name: view.clientNames[o.clientId] ?? `#${o.clientId}`,
          outcome: o.outcome,
          grade: o.grade ? t('visit.review.grade', { grade: o.grade }) : '',
        }),
      ),
    );
  }
  if (plan.places.length) out.push(md(tmd('visit.log.places', { places: plan.places.join('、') })));
  if (log.summary) out.push(md(tmd('visit.review.summary', { summary: log.summary })));
  if (log.reviewedAt)
    out.push(
      md(
        tmd('visit.review.done', {
          by: view.reviewerName ?? '—',
          at: formatTime(log.reviewedAt, tz),
          comment: log.reviewComment ?? '—',
        }),
      ),
    );
  return out;
}

function reviewForm(logId: number, from: 'card' | 'list'): El {
  return form(`fv_review_${logId}`, [
    input('comment', { placeholder: t('visit.review.comment_ph'), maxLength: 500 }),
    submitButton(t('visit.review.mark'), `fv_review_${logId}_ok`, { a: 'fv.log.review', id: logId, from }),
  ]);
}

export function visitCards(tz: string): VisitCardRenderer {
  return {
    reviewCard(view): CardJson {
      const elements = logBody(view, tz);
      if (!view.log.reviewedAt) elements.push(reviewForm(view.log.id, 'card'));
      return card({
        title: t('visit.review.title', { id: view.log.id }),
        template: view.log.reviewedAt ? 'green' : 'orange',
        elements,
      });
    },
    reviewedNotice(view): CardJson {
      return card({ title: t('visit.review.notice_title'), template: 'green', elements: logBody(view, tz) });
    },
  };
}

/** `待阅日志`: every unreviewed log, each with its own 已阅 form. */
export function unreviewedCard(views: VisitLogView[], total: number, tz: string): CardJson {
  const elements: El[] = [md(t('visit.review.list_header', { count: total }))];
  if (total === 0) elements.push(md(t('visit.review.none')));
  views.forEach((v, i) => {
    if (i > 0) elements.push(hr());
    elements.push(
      md(`**${t('visit.review.title', { id: v.log.id })}**`),
      ...logBody(v, tz),
      reviewForm(v.log.id, 'list'),
    );
  });
  if (total > views.length) elements.push(md(t('visit.review.more', { count: total - views.length })));
  return card({ title: t('visit.review.list_title'), template: 'orange', elements });
}

/** `未走访客户` (R-FV-3), grouped by agent. */
export function unvisitedCard(
  groups: Array<{ ownerName: string; clients: UnvisitedClient[] }>,
  total: number,
): CardJson {
  const elements: El[] = [md(t('visit.unvisited.header', { count: total }))];
  if (total === 0) elements.push(md(t('visit.unvisited.none')));
  for (const g of groups) {
    const names = g.clients.map((c) => (c.shopName ? `${c.name}（${c.shopName}）` : c.name)).join('、');
    elements.push(
      md(
        tmd('visit.unvisited.group', {
          owner: g.ownerName || t('visit.unvisited.pool'),
          count: g.clients.length,
          names,
        }),
      ),
    );
  }
  if (total > groups.reduce((n, g) => n + g.clients.length, 0)) elements.push(md(t('visit.unvisited.more')));
  return card({ title: t('visit.unvisited.title'), template: 'yellow', elements });
}

import { CALL_OUTCOMES } from '../../domain/calls/call.js';
import type { ButtonValue } from '../actions.js';
import type { CallResult } from '../../domain/calls/call.service.js';
import { GRADES, type Client } from '../../domain/clients/client.js';
import type { ClientView } from '../../domain/clients/client.service.js';
import type { Cadence } from '../../domain/follow-up/follow-up.rules.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { button, buttonRow, card, hr, md, type El } from './card-kit.js';
import { formBlock, type FieldDef, type FormState } from './form-kit.js';
import { clientLine } from './client-cards.js';
import { resultCard } from './form-cards.js';
import { followUpButton, type Names } from './plan-cards.js';
import { markup, tmd } from './safe-text.js';

/**
 * The call log (R-DAY-3) and 我的客户 by grade (R-DAY-4). A call is a few taps: pick a client (or
 * type a new number), the outcome, maybe a new grade; the answer says where the day stands (今日 n/50).
 */
const outcomeOptions = CALL_OUTCOMES.map((o) => ({ value: o, text: t(`call.outcome.${o}`) }));
const gradeOptions = GRADES.map((g) => ({ value: g, text: g }));

/** For a picked client: what came of the call, maybe a new grade, a note. */
export const callFields: FieldDef[] = [
  { name: 'outcome', kind: 'select', required: true, essential: true, options: outcomeOptions },
  { name: 'grade', kind: 'select', options: gradeOptions },
  { name: 'note', kind: 'text', maxLength: 200 },
];

/** For a new number: who and which number first. */
export const newNumberFields: FieldDef[] = [
  { name: 'name', kind: 'text', required: true, essential: true, maxLength: 100, placeholder: '如：老王五金店' },
  {
    name: 'phone',
    kind: 'text',
    required: true,
    essential: true,
    maxLength: 30,
    placeholder: '13812345678 / 0571-88888888',
  },
  ...callFields,
];

export function progressLine(p: { today: number; target: number }): string {
  return t(p.today >= p.target ? 'call.progress_done' : 'call.progress', p);
}

/** The quick form for one of the agent's clients, its grade preselected. */
export function callFormCard(
  client: Client,
  progress: { today: number; target: number },
  state: FormState = {},
): CardJson {
  return card({
    title: t('call.title'),
    template: 'wathet',
    elements: [
      md(tmd('call.for_client', { client: client.name, regNo: client.regNo ?? '—', grade: client.grade ?? '—' })),
      md(progressLine(progress)),
      ...formBlock(
        'call_form',
        callFields,
        { values: { grade: client.grade ?? '' }, ...state },
        { a: 'call.submit', clientId: client.id },
      ),
    ],
  });
}

/** Over the client picker: the day's count and the form for a number that is not a client yet. */
export function newNumberTop(progress: { today: number; target: number }, state: FormState = {}): El[] {
  return [
    md(progressLine(progress)),
    md(`**${t('call.new_title')}** · ${t('call.new_hint')}`),
    ...formBlock('call_new_form', newNumberFields, state, { a: 'call.submit' }),
    hr(),
  ];
}

/** After a call: what was logged, the grade change, "今日 23/50", and the next taps. */
export function callResultCard(res: CallResult): CardJson {
  const outcome = t(`call.outcome.${res.call.outcome}`);
  const regraded =
    res.regradedFrom !== undefined
      ? `，${t('call.regraded', { from: res.regradedFrom ?? '—', to: res.client.grade ?? '—' })}`
      : '';
  const line = res.created
    ? tmd('call.saved_new', { client: res.client.name, regNo: res.client.regNo ?? '—', outcome })
    : tmd('call.saved', { client: res.client.name, outcome, grade: regraded });
  return resultCard(t('call.title'), [line, progressLine(res)], res.today >= res.target ? 'green' : 'wathet', [
    buttonRow([
      button(t('call.next'), { a: 'call.new' }, 'primary'),
      followUpButton(res.client.id, t('call.plan_revisit')),
    ]),
  ]);
}

/** R-DAY-3 in the daily digest: who fell short of the day's target, with their count (or that nobody did). */
export function callsDigestLine(
  calls: { target: number; counts: Map<string, number>; agents: string[] },
  names: Names,
): string {
  const short = calls.agents
    .map((id) => ({ name: names[id] ?? id, n: calls.counts.get(id) ?? 0 }))
    .filter((a) => a.n < calls.target)
    .sort((a, b) => a.n - b.n || a.name.localeCompare(b.name));
  if (short.length === 0) return t('call.digest_all_met', { target: calls.target });
  const list = short
    .slice(0, 40)
    .map((a) => tmd('call.digest_short_line', { name: a.name, n: a.n }))
    .join('、');
  return tmd('call.digest_short', { target: calls.target, names: markup(list) });
}

/** R-DAY-3 in the weekly summary: each agent's calls over the week. */
export function callsWeeklyLine(counts: Map<string, number>, agents: string[], names: Names): string {
  const list = agents
    .slice(0, 40)
    .map((id) => tmd('call.digest_short_line', { name: names[id] ?? id, n: counts.get(id) ?? 0 }))
    .join('、');
  return tmd('call.weekly_line', { names: markup(list || '—') });
}

/** 我的客户 grouped by grade (R-DAY-4): each grade with its count, how many are due, its first clients and a button to the rest. */
export function gradeGroupsCard(o: {
  title: string;
  total: number;
  cadence: Cadence;
  groups: Array<{ grade: string | null; total: number; due: number; items: ClientView[] }>;
  rowButton: (v: ClientView) => El;
  filterValue: (grade?: string) => ButtonValue;
  filters: El[];
  empty: string;
}): CardJson {
  const elements: El[] = [...o.filters];
  if (o.total === 0) return card({ title: o.title, template: 'blue', elements: [...elements, md(o.empty)] });
  elements.push(md(t('clients.grade_groups_intro', { total: o.total, ...o.cadence })));
  for (const g of o.groups) {
    if (g.total === 0) continue;
    elements.push(hr());
    if (g.grade === null) {
      elements.push(md(t('clients.grade_ungraded', { total: g.total })));
      elements.push(buttonRow([button(t('clients.grade_list_all'), o.filterValue())]));
      continue;
    }
    const due = g.due ? t('clients.grade_group_due', { n: g.due }) : '';
    elements.push(md(t('clients.grade_group', { grade: g.grade, total: g.total, due })));
    for (const v of g.items) elements.push(md(clientLine(v)), buttonRow([o.rowButton(v)]));
    if (g.total > g.items.length)
      elements.push(
        buttonRow([button(t('clients.grade_all', { grade: g.grade, total: g.total }), o.filterValue(g.grade))]),
      );
  }
  return card({ title: o.title, template: 'blue', elements });
}

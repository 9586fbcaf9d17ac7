import type { Minutes } from '../../domain/day/day.js';
import { weekTitle } from './digest-cards.js';
import { ASSIGNMENT_ROWS, POINTS_MAX, TASK_MAX } from '../../domain/day/meeting.service.js';
import type { RosterView } from '../../domain/day/roster.service.js';
import type { ActivityReport } from '../../domain/jobs/report.js';
import type { Member } from '../../domain/members/roles.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import type { AgentItems } from '../../jobs/ports.js';
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
import type { FormState } from './form-kit.js';
import type { Names } from './plan-cards.js';
import { itemLine } from './plan-cards.js';
import { markup, tmd } from './safe-text.js';

/** The working day's cards (R-DAY-1 morning meeting, R-DAY-2 roster): pure functions of their data. */

const MAX_AGENDA_AGENTS = 30;
const MAX_AGENDA_ITEMS = 5;
const MAX_OVERDUE = 20;
const nameOf = (names: Names, id: string | null | undefined) =>
  id ? (names[id] ?? t('day.unknown_member')) : t('day.nobody');
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

// ── R-DAY-2 roster ──

/** The week's roster as a form: per day, who is on reception duty and who is off. */
export function rosterCard(v: RosterView, state: FormState = {}): CardJson {
  const agents: Option[] = v.agents.map((m) => ({ value: m.openId, text: m.name }));
  const duty: Option[] = v.dutyCandidates.map((m) => ({ value: m.openId, text: m.name }));
  const fields: El[] = [];
  v.dates.forEach((date, i) => {
    const wd = i + 1;
    const day = v.days[i]!;
    const dutyValue = state.values?.[`duty_${wd}`] ?? day.duty ?? undefined;
    const offValues = state.values ? listOf(state.values[`off_${wd}`]) : day.off;
    fields.push(
      ...labelled(
        t('roster.day_label', { weekday: WEEKDAYS[i]!, date: date.slice(5) }),
        columnsOf(
          selectStatic(`duty_${wd}`, duty, {
            placeholder: t('roster.duty_ph'),
            ...(dutyValue ? { value: dutyValue } : {}),
          }),
          multiSelectStatic(`off_${wd}`, agents, { placeholder: t('roster.off_ph'), values: offValues }),
        ),
        state.errors?.[`duty_${wd}`],
      ),
    );
  });
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(
    md(v.copiedFrom ? t('roster.copied', { week: v.copiedFrom }) : t('roster.intro')),
    form('roster_form', [...fields, submitButton(t('roster.save'), 'submit', { a: 'roster.save', date: v.dates[0]! })]),
    buttonRow([
      button(t('roster.prev_week'), { a: 'roster.open', date: shift(v.dates[0]!, -7) }),
      button(t('roster.next_week'), { a: 'roster.open', date: shift(v.dates[0]!, 7) }),
    ]),
  );
  // Plain Chinese week titles ("12月第1周 11.30–12.06"), like the weekly summary's.
  return card({
    title: t('roster.title', { week: weekTitle(v.dates[0]!, v.dates[6]!) }),
    template: 'turquoise',
    elements,
  });
}

function columnsOf(a: El, b: El): El {
  return {
    tag: 'column_set',
    flex_mode: 'bisect',
    columns: [
      { tag: 'column', width: 'weighted', weight: 1, elements: [a] },
      { tag: 'column', width: 'weighted', weight: 1, elements: [b] },
    ],
  };
}

const listOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ── R-DAY-1 morning meeting ──

export interface AgendaInput {
  day: string;
  duty: string | null;
  off: string[];
  yesterday: { date: string; report: ActivityReport };
  plans: AgentItems[];
  planConfirmed: boolean;
}

/** The 08:20 agenda for the department group: duty, yesterday's results, today's plan per agent, overdue. */
export function agendaCard(a: AgendaInput, names: Names): CardJson {
  const elements: El[] = [
    md(tmd('agenda.duty', { name: nameOf(names, a.duty) })),
    ...(a.off.length ? [md(tmd('agenda.off', { names: a.off.map((id) => nameOf(names, id)).join('、') }))] : []),
    hr(),
    md(t('agenda.yesterday', { date: a.yesterday.date })),
  ];
  const active = a.yesterday.report.agents.filter(
    (x) => x.walkIns + x.registrations + x.revisitsDone + x.deposits + x.signed > 0,
  );
  if (!active.length) elements.push(md(t('agenda.yesterday_none')));
  else
    elements.push(
      md(
        active
          .slice(0, MAX_AGENDA_AGENTS)
          .map((x) =>
            tmd('agenda.yesterday_line', {
              name: nameOf(names, x.agentOpenId),
              walkIns: x.walkIns,
              registrations: x.registrations,
              revisits: x.revisitsDone,
              deposits: x.deposits,
              signed: x.signed,
            }),
          )
          .join('\n'),
      ),
    );
  elements.push(hr(), md(t(a.planConfirmed ? 'agenda.plan_confirmed' : 'agenda.plan_unconfirmed')));
  const withItems = a.plans.filter((p) => p.items.some((i) => !i.overdue));
  if (!withItems.length) elements.push(md(t('agenda.plan_none')));
  for (const p of withItems.slice(0, MAX_AGENDA_AGENTS)) {
    const today = p.items.filter((i) => !i.overdue);
    const lines = today.slice(0, MAX_AGENDA_ITEMS).map((i) => `- ${itemLine(i)}`);
    if (today.length > MAX_AGENDA_ITEMS) lines.push(`- ${t('item.more', { n: today.length - MAX_AGENDA_ITEMS })}`);
    elements.push(md(`${tmd('agenda.agent', { name: nameOf(names, p.agentOpenId) })}\n${lines.join('\n')}`));
  }
  const overdue = a.plans.flatMap((p) => p.items.filter((i) => i.overdue).map((i) => ({ p, i })));
  elements.push(hr(), md(t('agenda.overdue', { n: overdue.length })));
  if (overdue.length) {
    const lines = overdue
      .slice(0, MAX_OVERDUE)
      .map(
        ({ p, i }) =>
          `- ${tmd('agenda.overdue_line', { name: nameOf(names, p.agentOpenId), item: markup(itemLine(i)) })}`,
      );
    if (overdue.length > MAX_OVERDUE) lines.push(`- ${t('item.more', { n: overdue.length - MAX_OVERDUE })}`);
    elements.push(md(lines.join('\n')));
  }
  return card({ title: t('agenda.title', { day: a.day }), template: 'indigo', elements });
}

/** The minutes form (会议纪要) for the person on duty: attendees, points, up to three assignments. */
export function minutesFormCard(day: string, members: Member[], agents: Member[], state: FormState = {}): CardJson {
  const v = state.values ?? {};
  const err = state.errors ?? {};
  const people: Option[] = members.map((m) => ({ value: m.openId, text: m.name }));
  const agentOpts: Option[] = agents.map((m) => ({ value: m.openId, text: m.name }));
  const fields: El[] = [
    ...labelled(
      t('field.attendees'),
      multiSelectStatic('attendees', people, {
        placeholder: t('meeting.attendees_ph'),
        values: state.values ? listOf(v.attendees) : [],
        required: true,
      }),
      err.attendees,
      true,
    ),
    ...labelled(
      t('field.points'),
      input('points', {
        placeholder: t('meeting.points_ph'),
        ...(typeof v.points === 'string' && v.points ? { value: v.points } : {}),
        maxLength: POINTS_MAX,
        multiline: true,
        required: true,
      }),
      err.points,
      true,
    ),
    md(t('meeting.assignments_hint')),
  ];
  for (let i = 1; i <= ASSIGNMENT_ROWS; i++) {
    const agent = typeof v[`as_agent_${i}`] === 'string' ? (v[`as_agent_${i}`] as string) : undefined;
    const text = typeof v[`as_text_${i}`] === 'string' ? (v[`as_text_${i}`] as string) : undefined;
    const date = typeof v[`as_date_${i}`] === 'string' ? (v[`as_date_${i}`] as string).slice(0, 10) : undefined;
    fields.push(
      md(t('meeting.assignment_n', { n: i })),
      selectStatic(`as_agent_${i}`, agentOpts, {
        placeholder: t('meeting.as_agent_ph'),
        ...(agent ? { value: agent } : {}),
      }),
      input(`as_text_${i}`, {
        placeholder: t('meeting.as_text_ph'),
        ...(text ? { value: text } : {}),
        maxLength: TASK_MAX,
      }),
      datePicker(`as_date_${i}`, { placeholder: t('form.date_placeholder'), ...(date ? { value: date } : {}) }),
    );
    for (const f of ['as_agent', 'as_text', 'as_date'])
      if (err[`${f}_${i}`]) fields.push(md(tmd('meeting.field_error', { error: err[`${f}_${i}`]! })));
  }
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(
    md(t('meeting.form_intro', { day })),
    form('minutes_form', [...fields, submitButton(t('form.submit'), 'submit', { a: 'minutes.file', day })]),
  );
  return card({ title: t('meeting.form_title', { day }), template: 'blue', elements });
}

/** The filed minutes, as posted to the group (and as the form's final state). */
export function minutesCard(
  day: string,
  minutes: Minutes,
  names: Names,
  filed: { by: string; time: string; late: boolean },
): CardJson {
  const elements: El[] = [
    md(tmd('meeting.attendees', { names: minutes.attendees.map((id) => nameOf(names, id)).join('、') })),
    md(tmd('meeting.points', { points: minutes.points })),
  ];
  if (minutes.assignments.length)
    elements.push(
      md(
        [
          t('meeting.assignments'),
          ...minutes.assignments.map(
            (a) =>
              `- ${tmd('meeting.assignment_line', { name: nameOf(names, a.agentOpenId), text: a.text, date: a.dueDate })}`,
          ),
        ].join('\n'),
      ),
    );
  elements.push(md(tmd(filed.late ? 'meeting.filed_late' : 'meeting.filed_by', { name: filed.by, time: filed.time })));
  return card({ title: t('meeting.minutes_title', { day }), template: 'green', elements });
}

/** To the managers at 10:00: the minutes were not filed (R-FORM-1: counted as not done). */
export function minutesMissingCard(day: string, duty: string | null, names: Names): CardJson {
  return card({
    title: t('meeting.missing_title', { day }),
    template: 'red',
    elements: [md(tmd('meeting.missing_body', { day, name: nameOf(names, duty) }))],
  });
}

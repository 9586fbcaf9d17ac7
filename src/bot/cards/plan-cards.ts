import type { CardJson } from '../../domain/shared/outbox.js';
import type { AgentItems, ContractRef, PlanItem, ReviewedContractRef } from '../../jobs/ports.js';
import { t } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import { button, buttonRow, card, hr, md, type El } from './card-kit.js';
import { revisitButtons } from './form-cards.js';

/**
 * Cards of the morning and evening jobs (R-PLAN-1, R-REM-1/2, R-CON-3): pure functions of the job's
 * data; names are passed in, looked up by the job. Long lists are cut to stay far under 200 elements.
 */
const MAX_AGENTS = 40;
const MAX_ITEMS = 30;
/** Lines drawn with their own buttons (a line + a row of 3 buttons = 8 elements each): 15 stay far under 200. */
const MAX_ACTION_ITEMS = 15;

export type Names = Record<string, string>;
const nameOf = (names: Names, openId: string | null | undefined) =>
  openId ? (names[openId] ?? openId) : t('item.pool');

export function itemLine(i: PlanItem): string {
  if (i.more) return tmd('item.more_of_kind', { kind: t(`item.${i.kind}`), n: i.more });
  return tmd('item.line', {
    overdue: i.overdue ? t('item.overdue') : '',
    kind: t(`item.${i.kind}`),
    client: i.clientName,
    date: i.date,
    note: i.note ? ` — ${i.note}` : '',
  });
}

function itemList(items: PlanItem[]): string {
  const shown = items.slice(0, MAX_ITEMS).map((i) => `- ${itemLine(i)}`);
  if (items.length > MAX_ITEMS) shown.push(`- ${t('item.more', { n: items.length - MAX_ITEMS })}`);
  return shown.join('\n');
}

/**
 * An agent's own list (R-REM-1 / R-REV-2): the first lines one by one, each revisit with its done /
 * reschedule / lost buttons; the rest as plain lines, cut with "还有 N 项".
 */
export function actionableList(items: PlanItem[], from: Record<string, unknown> = {}): El[] {
  const out: El[] = [];
  for (const i of items.slice(0, MAX_ACTION_ITEMS)) {
    out.push(md(`- ${itemLine(i)}`));
    if (i.kind === 'revisit' && i.revisitId !== undefined) out.push(revisitButtons(i.revisitId, from));
    if (i.kind === 'follow_up' && i.clientId !== undefined && !i.more)
      out.push(buttonRow([followUpButton(i.clientId)]));
  }
  const rest = items.slice(MAX_ACTION_ITEMS);
  if (rest.length) out.push(hr(), md(itemList(rest)));
  return out;
}

/** R-DAY-4 安排回访: the revisit plan form for the client, as a new card (the list stays). */
export const followUpButton = (clientId: number, label = t('followup.plan')): El =>
  button(label, { a: 'followup.plan', clientId }, 'primary');

/** On the manager's plan, the first agents' follow-ups get one-tap 安排回访 buttons (a few rows: far under 200 elements). */
const MANAGER_FOLLOW_UP_AGENTS = 5;
const MANAGER_FOLLOW_UP_BUTTONS = 3;

/** The manager's evening card: every agent's list for `day`, with the confirm button (or who confirmed). */
export function managerPlanCard(
  day: string,
  plans: AgentItems[],
  names: Names,
  confirmed?: { by: string; time: string },
): CardJson {
  const withItems = plans.filter((p) => p.items.length > 0);
  const elements: El[] = [md(t('plan.intro', { day }))];
  if (withItems.length === 0) elements.push(md(t('plan.empty')));
  let followUpRows = 0;
  for (const p of withItems.slice(0, MAX_AGENTS)) {
    elements.push(
      hr(),
      md(`${tmd('plan.agent', { name: nameOf(names, p.agentOpenId), count: p.items.length })}\n${itemList(p.items)}`),
    );
    const followUps = p.items.filter((i) => i.kind === 'follow_up' && i.clientId !== undefined && !i.more);
    if (followUps.length && followUpRows++ < MANAGER_FOLLOW_UP_AGENTS)
      elements.push(
        buttonRow(
          followUps
            .slice(0, MANAGER_FOLLOW_UP_BUTTONS)
            .map((i) => followUpButton(i.clientId!, t('followup.plan_for', { client: i.clientName.slice(0, 20) }))),
        ),
      );
  }
  elements.push(hr());
  if (confirmed)
    elements.push(md(tmd('plan.confirmed', { name: confirmed.by, time: confirmed.time, agents: withItems.length })));
  else if (withItems.length > 0) {
    elements.push(
      buttonRow([
        button(t('plan.confirm'), { a: 'jobs.plan.confirm', day }, 'primary_filled', {
          confirm: { title: t('plan.confirm_title'), text: t('plan.confirm_text', { agents: withItems.length }) },
        }),
      ]),
    );
  }
  const items = withItems.reduce((n, p) => n + p.items.length, 0);
  return card({
    title: t('plan.title', { day }),
    template: confirmed ? 'green' : 'blue',
    elements,
    summary: t('plan.summary', { agents: withItems.length, items }),
  });
}

/** One agent's own list, sent when the manager confirms. */
export function agentPlanCard(day: string, name: string, items: PlanItem[]): CardJson {
  return card({
    title: t('plan.agent_title', { day }),
    template: 'turquoise',
    elements: [md(tmd('plan.agent_intro', { name, day })), ...actionableList(items, { src: 'plan', day })],
  });
}

/** R-REM-1: today's due revisits, and the overdue ones repeated. */
export function revisitReminderCard(date: string, name: string, items: PlanItem[]): CardJson {
  const overdue = items.filter((i) => i.overdue).length;
  const followUpLines = items.filter((i) => i.kind === 'follow_up');
  const followUps = followUpLines.reduce((n, i) => n + (i.more ?? 1), 0);
  const due = items.length - overdue - followUpLines.length;
  // Counts said as people say them: "今天没有到期的回访", never "你今天有 0 项".
  const intro = tmd(due ? 'remind.intro' : 'remind.intro_none', {
    name,
    due,
    overdueText:
      (overdue ? t('remind.overdue_text', { n: overdue }) : '') +
      (followUps ? t('remind.follow_up_text', { n: followUps }) : ''),
  });
  return card({
    title: t('remind.title', { date }),
    template: overdue ? 'orange' : 'wathet',
    elements: [md(intro), ...actionableList(items, { src: 'remind', day: date })],
  });
}

/** R-REM-2: forms due today not yet filed. */
export function formDeadlineCard(
  name: string,
  forms: Array<{ label: string; clientName?: string; dueTime: string; overdue?: boolean }>,
): CardJson {
  const lines = forms
    .slice(0, MAX_ITEMS)
    .map(
      (f) =>
        `- ${tmd(f.overdue ? 'deadline.line_overdue' : 'deadline.line', { label: f.label, client: f.clientName ? `（${f.clientName}）` : '', time: f.dueTime })}`,
    );
  return card({
    title: t('deadline.title'),
    template: 'orange',
    elements: [md(tmd('deadline.intro', { name })), md(lines.join('\n'))],
  });
}

/** R-CON-3: both directions of the difference, or that there is none; contracts in review (R-CON-4) apart. */
export function reconciliationCard(
  date: string,
  r: {
    signedWithoutCollection: ContractRef[];
    collectedWithoutSigned: ContractRef[];
    underReview?: ReviewedContractRef[];
  },
  names: Names,
): CardJson {
  const line = (c: ContractRef) =>
    `- ${tmd('recon.line', { no: c.contractNo, client: c.clientName, agent: nameOf(names, c.agentOpenId), date: c.date })}`;
  const elements: El[] = [];
  if (!r.signedWithoutCollection.length && !r.collectedWithoutSigned.length) elements.push(md(t('recon.ok')));
  if (r.signedWithoutCollection.length)
    elements.push(
      md(
        `${t('recon.signed_only', { n: r.signedWithoutCollection.length })}\n${r.signedWithoutCollection.slice(0, MAX_ITEMS).map(line).join('\n')}`,
      ),
    );
  if (r.collectedWithoutSigned.length)
    elements.push(
      md(
        `${t('recon.collected_only', { n: r.collectedWithoutSigned.length })}\n${r.collectedWithoutSigned.slice(0, MAX_ITEMS).map(line).join('\n')}`,
      ),
    );
  const underReview = r.underReview ?? [];
  if (underReview.length) {
    const reviewLine = (c: ReviewedContractRef) =>
      c.status === 'returned'
        ? `- ${tmd('recon.line_returned', { no: c.contractNo, client: c.clientName, agent: nameOf(names, c.agentOpenId), date: c.date })}`
        : line(c);
    elements.push(
      md(
        `${t('recon.under_review', { n: underReview.length })}\n${underReview.slice(0, MAX_ITEMS).map(reviewLine).join('\n')}`,
      ),
    );
  }
  const clean = !r.signedWithoutCollection.length && !r.collectedWithoutSigned.length;
  return card({ title: t('recon.title', { date }), template: clean ? 'green' : 'red', elements });
}

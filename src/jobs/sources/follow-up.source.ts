import type { FollowUpItem } from '../../domain/follow-up/follow-up.js';
import type { FollowUpService } from '../../domain/follow-up/follow-up.service.js';
import type { Tx } from '../../domain/shared/tx.js';
import { t } from '../../i18n/index.js';
import type { AgentItems, NextDayPlanSource, PlanItem, RevisitReminderSource } from '../ports.js';

/**
 * Follow-ups shown one by one per agent (A first, longest silence first); the rest are one summary line.
 * An agent may have hundreds past their cadence: the evening plan shows every agent on one card
 * (30 KB), the morning list draws a button per line.
 */
export const PLAN_FOLLOW_UPS = 5;
export const REMINDER_FOLLOW_UPS = 10;

/** A client to follow up as a line of a plan or reminder, carrying the client for its 安排回访 button. */
export function followUpItem(i: FollowUpItem): PlanItem {
  return {
    kind: 'follow_up',
    clientId: i.clientId,
    clientName: i.clientName,
    date: i.lastContactDate,
    note: t('followup.note', { grade: i.grade, days: i.days }),
  };
}

/** The first `max` follow-ups as lines, then one line for how many more. */
export function followUpLines(items: FollowUpItem[], max: number): PlanItem[] {
  const lines = items.slice(0, max).map(followUpItem);
  if (items.length > max)
    lines.push({ kind: 'follow_up', clientName: '', date: items[max]!.lastContactDate, more: items.length - max });
  return lines;
}

/** Each agent's list with their follow-ups after what is already on it (dated work first). */
async function merge(
  tx: Tx,
  lists: AgentItems[],
  followUps: FollowUpService,
  date: string,
  max: number,
): Promise<AgentItems[]> {
  const by = new Map(lists.map((l) => [l.agentOpenId, [...l.items]]));
  for (const f of await followUps.dueFor(tx, date)) {
    by.set(f.agentOpenId, [...(by.get(f.agentOpenId) ?? []), ...followUpLines(f.items, max)]);
  }
  return [...by.entries()].map(([agentOpenId, items]) => ({ agentOpenId, items }));
}

/** R-DAY-4 on the 09:00 list: the day's revisits, then the clients to follow up that day. */
export function withFollowUpReminders(base: RevisitReminderSource, followUps: FollowUpService): RevisitReminderSource {
  return { dueFor: async (tx, date) => merge(tx, await base.dueFor(tx, date), followUps, date, REMINDER_FOLLOW_UPS) };
}

/** R-DAY-4 on the manager's evening plan: the next working day's plan, then who will be due to follow up by then. */
export function withFollowUpPlans(base: NextDayPlanSource, followUps: FollowUpService): NextDayPlanSource {
  return {
    planFor: async (tx, input) => merge(tx, await base.planFor(tx, input), followUps, input.day, PLAN_FOLLOW_UPS),
  };
}

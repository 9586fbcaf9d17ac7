import type { FollowUpItem } from '../../domain/followup/follow-up.js';
import type { FollowUpService } from '../../domain/followup/follow-up.service.js';
import type { Tx } from '../../domain/shared/tx.js';
import { t } from '../../i18n/index.js';
import type { AgentItems, NextDayPlanSource, PlanItem, RevisitReminderSource } from '../ports.js';

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

/** Each agent's list with their follow-ups after what is already on it (dated work first). */
async function merge(tx: Tx, lists: AgentItems[], followUps: FollowUpService, date: string): Promise<AgentItems[]> {
  const by = new Map(lists.map((l) => [l.agentOpenId, [...l.items]]));
  for (const f of await followUps.dueFor(tx, date)) {
    by.set(f.agentOpenId, [...(by.get(f.agentOpenId) ?? []), ...f.items.map(followUpItem)]);
  }
  return [...by.entries()].map(([agentOpenId, items]) => ({ agentOpenId, items }));
}

/** R-DAY-4 on the 09:00 list: the day's revisits, then the clients to follow up that day. */
export function withFollowUpReminders(base: RevisitReminderSource, followUps: FollowUpService): RevisitReminderSource {
  return { dueFor: async (tx, date) => merge(tx, await base.dueFor(tx, date), followUps, date) };
}

/** R-DAY-4 on the manager's evening plan: the next working day's plan, then who will be due to follow up by then. */
export function withFollowUpPlans(base: NextDayPlanSource, followUps: FollowUpService): NextDayPlanSource {
  return { planFor: async (tx, input) => merge(tx, await base.planFor(tx, input), followUps, input.day) };
}

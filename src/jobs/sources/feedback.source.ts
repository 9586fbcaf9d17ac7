import type { Tx } from '../../domain/shared/tx.js';
import type { AgentItems, NextDayPlanSource, PlanItem } from '../ports.js';

/** Open items on one plan are capped: the card cuts long lists anyway, and the query stays on its index. */
const MAX_OPEN = 500;
const NOTE_CHARS = 40;

/**
 * R-FB-1 on the manager's evening plan: every open tenant complaint or suggestion under its owner,
 * overdue once its due date is before the day planned (it was not closed in time).
 */
export function withFeedbackPlans(base: NextDayPlanSource): NextDayPlanSource {
  return {
    planFor: async (tx: Tx, input) => {
      const lists = await base.planFor(tx, input);
      const by = new Map<string, PlanItem[]>(lists.map((l) => [l.agentOpenId, [...l.items]]));
      for (const f of await tx.feedback.listOpen({ limit: MAX_OPEN })) {
        if (!f.ownerOpenId) continue;
        const item: PlanItem = {
          kind: 'feedback',
          clientName: f.clientName,
          date: f.dueDate,
          note: Array.from(f.content).slice(0, NOTE_CHARS).join(''),
          overdue: f.dueDate < input.day,
        };
        by.set(f.ownerOpenId, [...(by.get(f.ownerOpenId) ?? []), item]);
      }
      return [...by.entries()].map(([agentOpenId, items]): AgentItems => ({ agentOpenId, items }));
    },
  };
}

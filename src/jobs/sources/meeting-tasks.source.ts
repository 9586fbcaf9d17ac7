import type { AgentItems, RevisitReminderSource } from '../ports.js';

/**
 * R-DAY-1: an assignment from the morning meeting's minutes is a dated task that shows on its
 * agent's 09:00 list (R-REM-1) next to the revisits due that day.
 */
export function withMeetingTasks(inner: RevisitReminderSource): RevisitReminderSource {
  return {
    dueFor: async (tx, date) => {
      const lists = await inner.dueFor(tx, date);
      const tasks = await tx.day.tasksDue(date);
      if (!tasks.length) return lists;
      const byAgent = new Map<string, AgentItems>(lists.map((l) => [l.agentOpenId, { ...l, items: [...l.items] }]));
      for (const task of tasks) {
        let l = byAgent.get(task.agentOpenId);
        if (!l) byAgent.set(task.agentOpenId, (l = { agentOpenId: task.agentOpenId, items: [] }));
        l.items.push({ kind: 'task', clientName: task.text, date: task.dueDate });
      }
      return [...byAgent.values()];
    },
  };
}

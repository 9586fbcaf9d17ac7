import { agentPlanCard, managerPlanCard } from '../bot/cards/plan-cards.js';
import type { Member } from '../domain/members/roles.js';
import { hasRole } from '../domain/members/roles.js';
import { forbidden } from '../domain/shared/errors.js';
import type { Tx } from '../domain/shared/tx.js';
import { t } from '../i18n/index.js';
import { defineJob, periods } from './job.js';
import type { JobDeps } from './deps.js';
import type { AgentItems } from './ports.js';
import { memberNames, membersWithRole } from './recipients.js';

/**
 * R-PLAN-1: at 18:00 on a working day each manager receives the plan for the next working day — per
 * agent, due revisits, due signings, approved field visits and everything overdue — with a button
 * that sends each agent their own list.
 */
export function nextDayPlanJob(d: JobDeps) {
  return defineJob({
    name: 'nextDayPlan',
    titleKey: 'job.nextDayPlan',
    aliases: ['工作计划', '次日计划', '明日计划'],
    defaultCron: '0 18 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const day = ctx.calendar.nextWorkingDay(period.date);
      const plans = await d.ports.plans.planFor(ctx.tx, { day, today: period.date });
      const names = await memberNames(ctx.tx);
      const managers = await membersWithRole(ctx.tx, 'manager');
      for (const m of managers) {
        await ctx.notify(
          { openId: m },
          {
            card: managerPlanCard(day, plans, names),
            cardKey: planCardKey(day, m),
          },
        );
      }
      return {
        summary: t('jobs.summary.plan', {
          day,
          managers: managers.length,
          agents: plans.filter((p) => p.items.length).length,
        }),
      };
    },
  });
}

export function planCardKey(day: string, managerOpenId: string): string {
  return `plan:${day}:${managerOpenId}`;
}

/**
 * The manager's confirm: the plan for `day` as it stands now goes to each agent, once per (day, agent)
 * whoever presses and however often; every manager's card shows who confirmed.
 */
export async function confirmPlan(
  tx: Tx,
  deps: Pick<JobDeps, 'ports'>,
  input: { actor: Member; day: string; today: string; timeText: string; now: Date },
): Promise<{ plans: AgentItems[]; names: Record<string, string>; sentTo: number }> {
  if (!hasRole(input.actor, 'manager')) throw forbidden('error.forbidden_role', { roles: t('role.manager') });
  const plans = await deps.ports.plans.planFor(tx, { day: input.day, today: input.today });
  const names = await memberNames(tx);
  let sentTo = 0;
  for (const p of plans.filter((x) => x.items.length > 0)) {
    await tx.outbox.send({
      to: { openId: p.agentOpenId },
      card: agentPlanCard(input.day, names[p.agentOpenId] ?? p.agentOpenId, p.items),
      dedupeKey: `plan:${input.day}:${p.agentOpenId}`,
    });
    sentTo++;
  }
  const confirmed = { by: input.actor.name, time: input.timeText };
  for (const m of await membersWithRole(tx, 'manager')) {
    if (m !== input.actor.openId)
      await tx.outbox.patchCard(planCardKey(input.day, m), managerPlanCard(input.day, plans, names, confirmed));
  }
  await tx.audit.append(
    {
      actor: input.actor.openId,
      action: 'plan.confirmed',
      subjectType: 'plan',
      subjectId: input.day,
      after: { agents: sentTo },
      rule: 'R-PLAN-1',
    },
    input.now,
  );
  return { plans, names, sentTo };
}

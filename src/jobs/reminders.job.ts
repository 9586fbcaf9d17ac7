import { formDeadlineCard, revisitReminderCard } from '../bot/cards/plan-cards.js';
import { wallClock } from '../domain/shared/zoned-time.js';
import { t } from '../i18n/index.js';
import { defineJob, periods, type JobContext, type Period } from './job.js';
import type { JobDeps } from './deps.js';
import type { FormDeadlineSource } from './ports.js';
import { memberNames } from './recipients.js';

/** R-REM-1: at 09:00 each agent gets today's due revisits; overdue ones are repeated every morning. */
export function revisitRemindersJob(d: JobDeps) {
  return defineJob({
    name: 'revisitReminders',
    titleKey: 'job.revisitReminders',
    aliases: ['回访提醒'],
    defaultCron: '0 9 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const lists = (await d.ports.revisitReminders.dueFor(ctx.tx, period.date)).filter((l) => l.items.length > 0);
      const names = await memberNames(ctx.tx);
      for (const l of lists) {
        await ctx.notify(
          { openId: l.agentOpenId },
          {
            card: revisitReminderCard(period.date, names[l.agentOpenId] ?? l.agentOpenId, l.items),
          },
        );
      }
      return { summary: t('jobs.summary.reminded', { n: lists.length }) };
    },
  });
}

/** The owed forms due today and not filed, to each agent who owes them (R-REM-2); shared by the 16:00 and the 09:00 run. */
async function remindOwedForms(source: FormDeadlineSource, ctx: JobContext, period: Period) {
  const lists = (await source.unfiledDue(ctx.tx, { date: period.date, now: ctx.now, calendar: ctx.calendar })).filter(
    (l) => l.forms.length > 0,
  );
  const names = await memberNames(ctx.tx);
  for (const l of lists) {
    const forms = l.forms.map((f) => {
      const w = wallClock(f.dueAt, ctx.timezone);
      return {
        label: f.label,
        ...(f.clientName ? { clientName: f.clientName } : {}),
        dueTime: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
        ...(f.overdue ? { overdue: true } : {}),
      };
    });
    await ctx.notify(
      { openId: l.agentOpenId },
      {
        card: formDeadlineCard(names[l.agentOpenId] ?? l.agentOpenId, forms),
      },
    );
  }
  return { summary: t('jobs.summary.reminded', { n: lists.length }) };
}

/** R-REM-2: before the end of the working day, an agent with an owed form due today is reminded. */
export function formDeadlinesJob(d: JobDeps) {
  return defineJob({
    name: 'formDeadlines',
    titleKey: 'job.formDeadlines',
    aliases: ['表单提醒', '截止提醒'],
    defaultCron: '0 16 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: (ctx, period) => remindOwedForms(d.ports.formDeadlines, ctx, period),
  });
}

/**
 * R-REM-2: the morning run, before the visit log of an earlier day's approved visit is due (10:00 of
 * the next working day); it names whatever else is owed today too.
 */
export function morningFormDeadlinesJob(d: JobDeps) {
  return defineJob({
    name: 'morningFormDeadlines',
    titleKey: 'job.morningFormDeadlines',
    aliases: ['走访日志提醒', '上午表单提醒'],
    defaultCron: '0 9 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: (ctx, period) => remindOwedForms(d.ports.morningFormDeadlines, ctx, period),
  });
}

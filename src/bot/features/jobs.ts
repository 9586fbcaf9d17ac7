import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import type { CalendarChange } from '../../domain/calendar/calendar.service.js';
import { yearsMissingHolidays } from '../../domain/calendar/holiday-coverage.rules.js';
import { addDays } from '../../domain/shared/zoned-time.js';
import type { RunOutcome } from '../../jobs/job-claims.js';
import { confirmPlan } from '../../jobs/next-day-plan.job.js';
import { managerPlanCard } from '../cards/plan-cards.js';
import { formatLocal, jobsCard, type JobsCardState } from '../cards/job-cards.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { JobsFacade } from '../../jobs/facade.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['jobs.page', 'jobs.plan.confirm', 'jobs.run', 'jobs.schedule', 'jobs.toggle'] as const;

/**
 * Scheduled jobs for admins: see the schedule and last runs, switch a job off/on, change
 * its time, run one now (立即发送周报); edit the working calendar. Also the manager's confirm on the
 * evening plan (R-PLAN-1).
 */
export function jobsFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const jobs = services.jobs;
  const tz = config.timezone;
  menu.add({ labelKey: 'jobs.title', command: '定时任务', roles: ['admin'], order: 95 });

  const render = async (ctx: BotContext, state: JobsCardState = {}) => {
    const list = await jobs.scheduler.status();
    const cal = await ctx.transaction((tx) => jobs.calendar.load(tx));
    return jobsCard(list, { tz, now: ctx.now(), isWorkingDay: cal.isWorkingDay(jobs.calendar.today()) }, state);
  };

  r.command(['定时任务', '任务', 'jobs'], requireRole('admin'), async (ctx) => {
    await ctx.replyCard(await render(ctx));
  });

  r.command(/^(关闭任务|开启任务)\s*(.*)$/, requireRole('admin'), async (ctx) => {
    const enabled = ctx.match?.[1] === '开启任务';
    await ctx.transaction(async (tx) => {
      const job = await jobs.settings.setEnabled(tx, ctx.member!, ctx.match?.[2] ?? '', enabled);
      await ctx.reply(ctx.t(enabled ? 'jobs.saved_enabled' : 'jobs.saved_disabled', { title: ctx.t(job.titleKey) }));
    });
    await jobs.scheduler.reload();
  });

  // 任务时间 周报 10:00  |  任务时间 周报 0 10 * * 1
  r.command(/^(任务时间|修改任务时间)\s*(\S*)\s*(.*)$/, requireRole('admin'), async (ctx) => {
    await ctx.reply(await setSchedule(ctx, ctx.match?.[2] ?? '', ctx.match?.[3] ?? ''));
  });

  r.command(/^(立即运行|立即发送)\s*(.+)$/, requireRole('admin'), async (ctx) => {
    await ctx.reply(await runNow(ctx, ctx.match?.[2] ?? ''));
  });

  const page = z.number().int().min(1).max(1000).optional();

  r.action(
    'jobs.page',
    z.object({ a: z.string(), page: z.number().int().min(1).max(1000) }),
    requireRole('admin'),
    async (ctx) => {
      ctx.updateCard(await render(ctx, { page: ctx.value.page }));
    },
  );

  r.action(
    'jobs.toggle',
    z.object({ a: z.string(), job: z.string().max(64), enabled: z.boolean(), page }),
    requireRole('admin'),
    async (ctx) => {
      const job = await ctx.transaction((tx) =>
        jobs.settings.setEnabled(tx, ctx.member!, ctx.value.job, ctx.value.enabled),
      );
      await jobs.scheduler.reload();
      const notice = ctx.t(ctx.value.enabled ? 'jobs.saved_enabled' : 'jobs.saved_disabled', {
        title: ctx.t(job.titleKey),
      });
      ctx.toast('success', notice);
      ctx.updateCard(await render(ctx, { notice, ...(ctx.value.page ? { page: ctx.value.page } : {}) }));
    },
  );

  r.action(
    'jobs.run',
    z.object({ a: z.string(), job: z.string().max(64), page }),
    requireRole('admin'),
    async (ctx) => {
      const text = await runNow(ctx, ctx.value.job);
      ctx.toast('info', text);
      ctx.updateCard(await render(ctx, { notice: text, ...(ctx.value.page ? { page: ctx.value.page } : {}) }));
    },
  );

  r.action('jobs.schedule', z.object({ a: z.string() }), requireRole('admin'), async (ctx) => {
    const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
    const job = typeof fv.job === 'string' ? fv.job : '';
    const schedule = typeof fv.schedule === 'string' ? fv.schedule : '';
    try {
      const text = await setSchedule(ctx, job, schedule);
      ctx.toast('success', text);
      ctx.updateCard(await render(ctx, { notice: text }));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // The form comes back as typed, with the reason; the schedule in force is untouched.
      const msg = ctx.t(err.messageKey, err.params);
      ctx.toast('error', msg);
      ctx.updateCard(await render(ctx, { error: msg, values: { job, schedule } }));
    }
  });

  r.action(
    'jobs.plan.confirm',
    z.object({ a: z.string(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    requireRole('manager'),
    async (ctx) => {
      const day = ctx.value.day;
      const timeText = formatLocal(ctx.now(), tz);
      const res = await ctx.transaction((tx) =>
        confirmPlan(tx, jobs, {
          actor: ctx.member!,
          day,
          today: planToday(jobs.calendar.today(), day),
          timeText,
          now: ctx.now(),
        }),
      );
      ctx.toast('success', ctx.t('plan.confirmed', { name: ctx.member!.name, time: timeText, agents: res.sentTo }));
      ctx.updateCard(managerPlanCard(day, res.plans, res.names, { by: ctx.member!.name, time: timeText }));
    },
  );

  r.command('工作日历', requireRole('admin', 'manager'), async (ctx) => {
    const cal = await ctx.transaction((tx) => jobs.calendar.load(tx));
    const days = cal.days();
    const today = jobs.calendar.today();
    const none = ctx.t('calendar.none');
    // The same check as the weekly calendarCheck job, said where the admin is looking.
    const missing = yearsMissingHolidays(days, today);
    const warning = missing.length
      ? `\n⚠️ ${ctx.t('calendar.missing_holidays', { years: missing.join('、'), example: missing[0]! })}`
      : '';
    await ctx.reply(
      `${ctx.t('calendar.title')}\n${ctx.t('calendar.body', { holidays: days.holidays.join('、') || none, makeup: days.makeupWorkdays.join('、') || none, today, workday: ctx.t(cal.isWorkingDay(today) ? 'jobs.workday' : 'jobs.dayoff'), next: cal.nextWorkingDay(today) })}${warning}`,
    );
  });

  r.command(/^(设置假期|设置调休|取消假期)\s*(.*)$/, requireRole('admin'), async (ctx) => {
    const kind: CalendarChange['kind'] =
      ctx.match?.[1] === '设置假期' ? 'holiday' : ctx.match?.[1] === '设置调休' ? 'makeup' : 'remove';
    const dates = (ctx.match?.[2] ?? '').split(/[\s,，、]+/).filter(Boolean);
    await ctx.transaction(async (tx) => {
      await jobs.calendar.change(tx, ctx.senderOpenId, { kind, dates });
      await ctx.reply(ctx.t('calendar.saved', { kind: ctx.t(`calendar.kind.${kind}`), dates: dates.join('、') }));
    });
  });

  async function setSchedule(ctx: BotContext, jobName: string, input: string): Promise<string> {
    const { job, cron } = await ctx.transaction((tx) => jobs.settings.setSchedule(tx, ctx.member!, jobName, input));
    await jobs.scheduler.reload();
    const s = (await jobs.scheduler.status(0)).find((x) => x.job.name === job.name);
    return ctx.t('jobs.saved_cron', {
      title: ctx.t(job.titleKey),
      cron,
      next: s?.nextRun ? formatLocal(s.nextRun, tz) : ctx.t('jobs.none_next'),
    });
  }

  async function runNow(ctx: BotContext, nameOrAlias: string): Promise<string> {
    const job = jobs.settings.resolve(nameOrAlias);
    const outcome: RunOutcome = await jobs.scheduler.runNow(job.name);
    const title = ctx.t(job.titleKey);
    if (outcome.status === 'done')
      return ctx.t('jobs.ran', { title, summary: outcome.summary ?? ctx.t('jobs.ran_nothing') });
    if (outcome.status === 'failed') return ctx.t('jobs.ran_failed', { title, error: outcome.error.slice(0, 200) });
    return ctx.t('jobs.ran_skipped', { title });
  }

  return r;
}

/** The plan's "today" (what counts as overdue): the real today, or the eve of `day` if confirmed on the day itself. */
function planToday(today: string, day: string): string {
  return today < day ? today : addDays(day, -1);
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    jobs: JobsFacade;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

import { agendaCard, minutesFormCard, minutesMissingCard } from '../bot/cards/day-cards.js';
import { MeetingService } from '../domain/day/meeting.service.js';
import { RosterService } from '../domain/day/roster.service.js';
import { hasRole } from '../domain/members/roles.js';
import { t } from '../i18n/index.js';
import { activity } from './digests.job.js';
import type { JobDeps } from './deps.js';
import { defineJob, periods, type JobContext } from './job.js';
import { departmentChat, memberNames, membersWithRole } from './recipients.js';

function services(ctx: JobContext) {
  const roster = new RosterService({ clock: { now: () => ctx.now }, timezone: ctx.timezone });
  return { roster, meeting: new MeetingService({ timezone: ctx.timezone, roster }) };
}

export function minutesCardKey(day: string, openId: string): string {
  return `minutes:${day}:${openId}`;
}

/**
 * R-DAY-1: at 08:20 on a working day the department group gets the meeting's agenda (on duty today,
 * yesterday's results, today's plan per agent, everything overdue) and the person on reception duty
 * (the managers when nobody is rostered) gets the minutes form.
 */
export function morningMeetingJob(d: JobDeps) {
  return defineJob({
    name: 'morningMeeting',
    titleKey: 'job.morningMeeting',
    aliases: ['早例会', '早会'],
    defaultCron: '20 8 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const day = period.date;
      const { roster, meeting } = services(ctx);
      const m = await meeting.open(ctx.tx, day, ctx.now);
      const rostered = await roster.dayOf(ctx.tx, day);
      const yesterday = ctx.calendar.previousWorkingDay(day);
      const plans = await d.ports.plans.planFor(ctx.tx, { day, today: day });
      const planConfirmed = (await ctx.tx.audit.list({ subjectType: 'plan', subjectId: day, limit: 1 })).length > 0;
      const names = await memberNames(ctx.tx);
      const chat = await departmentChat(ctx.tx);
      if (chat)
        await ctx.notify(
          { chatId: chat },
          {
            card: agendaCard(
              {
                day,
                duty: m.dutyOpenId,
                off: rostered.off,
                yesterday: { date: yesterday, report: await activity(ctx.tx, yesterday, yesterday, ctx.timezone) },
                plans,
                planConfirmed,
              },
              names,
            ),
          },
        );
      const members = await ctx.tx.members.list({ activeOnly: true });
      const agents = members.filter((x) => hasRole(x, 'agent'));
      const filers = m.dutyOpenId ? [m.dutyOpenId] : await membersWithRole(ctx.tx, 'manager');
      for (const to of filers)
        await ctx.notify(
          { openId: to },
          { card: minutesFormCard(day, members, agents), cardKey: minutesCardKey(day, to) },
        );
      return { summary: t('jobs.summary.agenda', { n: filers.length }) };
    },
  });
}

/** R-DAY-1 / R-FORM-1: at 10:00 minutes not filed count as not done, and the managers are told. */
export function minutesCheckJob(_d: JobDeps) {
  return defineJob({
    name: 'minutesCheck',
    titleKey: 'job.minutesCheck',
    aliases: ['纪要检查'],
    defaultCron: '0 10 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const { meeting } = services(ctx);
      const missing = await meeting.checkMissing(ctx.tx, period.date, ctx.now);
      if (!missing) return { summary: t('jobs.summary.minutes_ok') };
      const names = await memberNames(ctx.tx);
      const managers = await membersWithRole(ctx.tx, 'manager');
      for (const to of managers)
        await ctx.notify({ openId: to }, { card: minutesMissingCard(period.date, missing.dutyOpenId, names) });
      return { summary: t('jobs.summary.minutes_missing', { n: managers.length }) };
    },
  });
}

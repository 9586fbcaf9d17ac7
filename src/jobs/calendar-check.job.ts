import { yearsMissingHolidays } from '../domain/calendar/holiday-coverage.rules.js';
import { localDate } from '../domain/shared/zoned-time.js';
import { t } from '../i18n/index.js';
import { defineJob, periods } from './job.js';
import { membersWithRole } from './recipients.js';

/**
 * Every Monday the admins are asked to enter a year's public holidays when the working calendar has
 * none for it (the current year; from November also the next). Nothing is sent when it is complete.
 */
export function calendarCheckJob() {
  return defineJob({
    name: 'calendarCheck',
    titleKey: 'job.calendarCheck',
    aliases: ['节假日检查', '假期检查'],
    defaultCron: '30 9 * * 1',
    periodKey: periods.weekly,
    run: async (ctx) => {
      const years = yearsMissingHolidays(ctx.calendar.days(), localDate(ctx.now, ctx.timezone));
      if (years.length === 0) return { summary: t('jobs.summary.calendar_ok') };
      const admins = await membersWithRole(ctx.tx, 'admin');
      for (const a of admins) {
        await ctx.notify(
          { openId: a },
          { text: t('calendar.missing_holidays', { years: years.join('、'), example: years[0]! }) },
        );
      }
      return { summary: t('jobs.summary.calendar_missing', { years: years.join('、'), admins: admins.length }) };
    },
  });
}

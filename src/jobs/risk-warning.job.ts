import { t } from '../i18n/index.js';
import { defineJob, periods } from './job.js';
import type { JobDeps } from './deps.js';

/** R-TGT-5: each working afternoon the targets service checks the month's pace and warns the manager. */
export function riskWarningJob(d: JobDeps) {
  return defineJob({
    name: 'riskWarning',
    titleKey: 'job.riskWarning',
    aliases: ['风险预警'],
    defaultCron: '0 17 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const { warned } = await d.ports.risk.warnIfLagging(ctx.tx, period.date, ctx.calendar);
      return { summary: warned.length ? t('jobs.summary.warned', { n: warned.length }) : t('jobs.summary.on_track') };
    },
  });
}

import { satisfactionCards } from '../bot/cards/kpi-cards.js';
import { quarterOf, SatisfactionService } from '../domain/feedback/satisfaction.service.js';
import { localDate } from '../domain/shared/zoned-time.js';
import { t } from '../i18n/index.js';
import { defineJob, periods } from './job.js';

const service = (now: Date, tz: string) =>
  new SatisfactionService({ clock: { now: () => now }, timezone: tz, cards: satisfactionCards });

/** R-FB-2 after opening: every working day, tenants whose opening was recorded get their first survey. */
export function satisfactionOpeningJob() {
  return defineJob({
    name: 'satisfactionOpening',
    titleKey: 'job.satisfactionOpening',
    aliases: ['开业满意度'],
    defaultCron: '0 10 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      const n = await service(ctx.now, ctx.timezone).promptAfterOpening(ctx.tx, period.date);
      return { summary: t('jobs.summary.satisfaction', { n }) };
    },
  });
}

/** R-FB-2 each quarter (once per quarter through the claims): every tenant opened before it is surveyed. */
export function satisfactionQuarterlyJob() {
  return defineJob({
    name: 'satisfactionQuarterly',
    titleKey: 'job.satisfactionQuarterly',
    aliases: ['季度满意度', '满意度调查'],
    defaultCron: '0 10 1 1,4,7,10 *',
    periodKey: (at, tz) => quarterOf(localDate(at, tz)),
    run: async (ctx, period) => {
      const n = await service(ctx.now, ctx.timezone).promptQuarter(ctx.tx, quarterOf(period.date));
      return { summary: t('jobs.summary.satisfaction', { n }) };
    },
  });
}

import { defineJob, periods } from './job.js';
import type { JobDeps } from './deps.js';

/** R-ROT-1: each working day the rotation starts over (the rotation service decides the order). */
export function rotationResetJob(d: JobDeps) {
  return defineJob({
    name: 'rotationReset',
    titleKey: 'job.rotationReset',
    aliases: ['轮续重置', '轮续表重置'],
    defaultCron: '0 8 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      await d.ports.rotation.startDay(ctx.tx, period.date);
      return { summary: period.date };
    },
  });
}

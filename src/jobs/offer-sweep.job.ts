import { defineJob, periods } from './job.js';
import type { JobDeps } from './deps.js';

/**
 * R-ROT-4: an offer not answered within the timeout loses the turn. The deadline is a row, swept
 * here — never a setTimeout, which a restart would lose. Not exclusive: each offer is resolved with
 * a conditional update, so sweeps on several instances cannot both act on one offer.
 */
export function offerSweepJob(d: JobDeps) {
  return defineJob({
    name: 'offerSweep',
    titleKey: 'job.offerSweep',
    aliases: ['接待超时'],
    defaultCron: '*/15 * * * * *',
    exclusive: false,
    periodKey: periods.minutely,
    run: async (ctx) => {
      const n = await d.ports.offers.sweepExpired(ctx.tx, ctx.now);
      return { summary: `${n}` };
    },
  });
}

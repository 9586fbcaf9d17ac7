import { recalledCard, recallWarningCard } from '../bot/cards/pool-cards.js';
import { RecallService } from '../domain/pool/recall.service.js';
import type { RecallLine } from '../domain/pool/recall.rules.js';
import { t } from '../i18n/index.js';
import type { JobDeps } from './deps.js';
import { defineJob, periods } from './job.js';

const byAgent = (lines: RecallLine[]) => {
  const m = new Map<string, RecallLine[]>();
  for (const l of lines) m.set(l.ownerOpenId, [...(m.get(l.ownerOpenId) ?? []), l]);
  return m;
};

/**
 * R-POOL-1 (off by default, `poolRecall.enabled`): each working morning clients past their grade's
 * idle days go back to the public pool and their agents are told; agents whose clients are due within
 * `warnDaysBefore` days are warned, with a button to log a follow-up.
 */
export function poolRecallJob(d: JobDeps) {
  return defineJob({
    name: 'poolRecall',
    titleKey: 'job.poolRecall',
    aliases: ['公海回收'],
    defaultCron: '30 7 * * *',
    workingDaysOnly: true,
    periodKey: periods.daily,
    run: async (ctx, period) => {
      if (!d.settings.poolRecall.enabled) return { summary: t('jobs.summary.recall_off') };
      const service = new RecallService({
        clock: { now: () => ctx.now },
        timezone: ctx.timezone,
        settings: d.settings.poolRecall,
      });
      const { recalled, warn } = await service.run(ctx.tx, period.date);
      for (const [agent, lines] of byAgent(recalled))
        await ctx.notify({ openId: agent }, { card: recalledCard(lines) });
      const warned = byAgent(warn);
      // A second message to the same agent in one run needs its own dedupe key.
      for (const [agent, lines] of warned)
        await ctx.tx.outbox.send({
          to: { openId: agent },
          card: recallWarningCard(lines),
          dedupeKey: `job:poolRecall:${period.key}:warn:${agent}`.slice(0, 150),
        });
      return { summary: t('jobs.summary.recall', { recalled: recalled.length, warned: warned.size }) };
    },
  });
}

import { tierRecheckCard } from '../bot/cards/tier-cards.js';
import { t } from '../i18n/index.js';
import { defineJob, periods } from './job.js';
import type { JobDeps } from './deps.js';
import { memberNames, membersWithRole } from './recipients.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Clients listed on the card (the count covers all of them). */
const RECHECK_LIMIT = 40;

/**
 * R-TIER-2: every Monday the manager is reminded to re-check merchant tiers — clients (not lost) never
 * tiered, or whose tier was confirmed more than `tiers.recheckAfterDays` days ago. Nothing is sent
 * when there is nothing to re-check.
 */
export function tierRecheckJob(d: JobDeps) {
  return defineJob({
    name: 'tierRecheck',
    titleKey: 'job.tierRecheck',
    aliases: ['分档复核', '复核分档'],
    defaultCron: '0 10 * * 1',
    periodKey: periods.weekly,
    run: async (ctx) => {
      const days = d.settings.tiers.recheckAfterDays;
      const { items, total } = await ctx.tx.tiers.listDueForRecheck({
        confirmedBefore: new Date(ctx.now.getTime() - days * DAY_MS),
        limit: RECHECK_LIMIT,
      });
      if (total === 0) return { summary: t('jobs.summary.tier_recheck_none') };
      const names = await memberNames(ctx.tx);
      const managers = await membersWithRole(ctx.tx, 'manager');
      for (const m of managers) {
        await ctx.notify(
          { openId: m },
          {
            card: tierRecheckCard({ items, total, days, names, tz: ctx.timezone }),
          },
        );
      }
      return { summary: t('jobs.summary.tier_recheck', { n: total, managers: managers.length }) };
    },
  });
}

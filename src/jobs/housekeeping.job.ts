import { defineJob, periods } from './job.js';
import type { JobDeps } from './deps.js';

/** Keeps finished job runs well past any catch-up horizon (and for the admin's history). */
const JOB_RUN_RETENTION_DAYS = 35;

/**
 * Hourly: inbox rows older than the retention (longer than Feishu's ≈7.1 h redelivery window) and
 * old job runs are deleted. Only the latest missed hour is caught up — pruning is idempotent.
 */
export function housekeepingJob(d: JobDeps) {
  return defineJob({
    name: 'housekeeping',
    titleKey: 'job.housekeeping',
    aliases: ['清理'],
    defaultCron: '15 * * * *',
    catchUp: 'latest',
    periodKey: periods.hourly,
    run: async (ctx) => {
      const runs = await ctx.tx.jobs.prune(new Date(ctx.now.getTime() - JOB_RUN_RETENTION_DAYS * 86_400_000));
      const inboxBefore = new Date(ctx.now.getTime() - d.settings.inbox.retentionHours * 3_600_000);
      // The inbox store has its own connection discipline (SQLite queue), so it runs after this commit.
      ctx.afterCommit(() => d.pruneInbox(inboxBefore));
      return { summary: `job_run -${runs}` };
    },
  });
}

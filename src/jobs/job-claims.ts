import type { CalendarService } from '../domain/calendar/calendar.service.js';
import type { JobClaim } from '../domain/jobs/job-run.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/shared/tx.js';
import type { Logger } from '../shared/logger.js';
import type { Job, JobContext, JobResult, Period } from './job.js';
import { jobDedupeKey } from './recipients.js';

/**
 * Runs one (job, period) at most once across every instance (R-JOB-1):
 * 1. claim — INSERT the period's row in its own short transaction; a duplicate key means someone else
 *    owns it, unless that run crashed or failed and its lease ran out, then a conditional UPDATE
 *    re-takes it with `attempt + 1`;
 * 2. run — the job's work and `complete` (conditional on our attempt) in one transaction, so the
 *    messages it enqueues commit exactly when the period is marked done; if another instance re-took
 *    the period meanwhile, completing fails and everything rolls back.
 * Sends carry dedupe keys `job:<name>:<period>:<recipient>` too, so even a re-run sends nothing twice.
 */
export interface RunDeps {
  uow: UnitOfWork;
  clock: Clock;
  calendar: CalendarService;
  log: Logger;
  owner: string;
  leaseMs: number;
  maxAttempts: number;
  retryAfterMs: number;
}

export type RunOutcome =
  | { status: 'done'; summary: string | null }
  | { status: 'skipped' }
  | { status: 'lost' }
  | { status: 'failed'; error: string };

class LostClaimError extends Error {
  constructor(claim: JobClaim) {
    super(`claim on ${claim.jobName}/${claim.periodKey} attempt ${claim.attempt} was re-taken by another instance`);
  }
}

export async function runClaimed(d: RunDeps, job: Job, period: Period): Promise<RunOutcome> {
  const claim = await d.uow.run((tx) =>
    tx.jobs.claim({
      jobName: job.name,
      periodKey: period.key,
      owner: d.owner,
      now: d.clock.now(),
      leaseMs: d.leaseMs,
      maxAttempts: d.maxAttempts,
    }),
  );
  if (!claim) return { status: 'skipped' };
  const log = d.log.child({ job: job.name, period: period.key, attempt: claim.attempt });
  try {
    const summary = await runInTransaction(d, job, period, log, async (tx, s) => {
      if (!(await tx.jobs.complete(claim, d.clock.now(), s))) throw new LostClaimError(claim);
    });
    log.info({ summary }, 'job period done');
    return { status: 'done', summary };
  } catch (err) {
    if (err instanceof LostClaimError) {
      log.warn('job period was re-taken by another instance; this run rolled back');
      return { status: 'lost' };
    }
    const message = String((err as Error)?.message ?? err);
    log.error({ err }, 'job period failed; it will be retried after the lease');
    const now = d.clock.now();
    await d.uow
      .run((tx) => tx.jobs.fail(claim, message, now, new Date(now.getTime() + d.retryAfterMs)))
      .catch((e) => log.error({ err: e }, 'could not record the job failure'));
    return { status: 'failed', error: message };
  }
}

/** A job without a claim (a sweep safe to run anywhere): just its work in one transaction. */
export async function runUnclaimed(d: RunDeps, job: Job, period: Period): Promise<RunOutcome> {
  try {
    const summary = await runInTransaction(d, job, period, d.log.child({ job: job.name }), async () => undefined);
    return { status: 'done', summary };
  } catch (err) {
    d.log.error({ err, job: job.name }, 'job run failed');
    return { status: 'failed', error: String((err as Error)?.message ?? err) };
  }
}

async function runInTransaction(
  d: RunDeps,
  job: Job,
  period: Period,
  log: Logger,
  finish: (tx: Parameters<Parameters<UnitOfWork['run']>[0]>[0], summary: string | null) => Promise<void>,
): Promise<string | null> {
  let after: Array<() => Promise<unknown>> = [];
  const summary = await d.uow.run(async (tx) => {
    after = [];
    const ctx: JobContext = {
      tx,
      now: d.clock.now(),
      timezone: d.calendar.timezone,
      calendar: await d.calendar.load(tx),
      log,
      notify: (to, message) =>
        tx.outbox.send({
          ...message,
          to,
          dedupeKey: jobDedupeKey(job.name, period.key, 'openId' in to ? to.openId : to.chatId),
        }),
      afterCommit: (work) => void after.push(work),
    };
    const result: JobResult | void = await job.run(ctx, period);
    const s = result?.summary ?? null;
    await finish(tx, s);
    return s;
  });
  for (const work of after) await work().catch((err) => log.error({ err }, 'job housekeeping failed'));
  return summary;
}

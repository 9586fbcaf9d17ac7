import type { ClaimRequest, JobClaim, JobRun, JobSetting } from './job-run.js';

export interface JobRunRepository {
  /** INSERT the period's row; on a duplicate key, re-take it only if its lease expired (not when done). */
  claim(req: ClaimRequest): Promise<JobClaim | undefined>;
  /** Marks the claim done — false when another instance re-took it (the caller must roll back). */
  complete(claim: JobClaim, now: Date, summary: string | null): Promise<boolean>;
  /** Marks the claim failed; it may be re-taken after `retryAt`. */
  fail(claim: JobClaim, error: string, now: Date, retryAt: Date): Promise<boolean>;
  /** The rows of these periods of one job, by period key. */
  find(jobName: string, periodKeys: string[]): Promise<Map<string, JobRun>>;
  /** The rows of any of these jobs with any of these period keys (one query for a whole tick). */
  findAny(jobNames: string[], periodKeys: string[]): Promise<JobRun[]>;
  /** The newest runs, optionally of one job. */
  recent(limit: number, jobName?: string): Promise<JobRun[]>;
  /** Deletes finished rows started before `before` (history older than the catch-up horizon). */
  prune(before: Date): Promise<number>;
  settings(): Promise<JobSetting[]>;
  saveSetting(setting: JobSetting): Promise<void>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    jobs: JobRunRepository;
  }
}

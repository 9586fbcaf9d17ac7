/**
 * The record of scheduled runs (R-JOB-1). A run of (job, period) is *claimed* by inserting its row
 * under a unique key; whoever inserted it owns the period. A crashed owner's claim is re-taken once
 * its lease ran out, and `attempt` fences the old owner out: finishing is a conditional update on it.
 */
export type JobRunStatus = 'running' | 'done' | 'failed';

export interface JobRun {
  id: number;
  jobName: string;
  periodKey: string;
  status: JobRunStatus;
  attempt: number;
  owner: string;
  leaseUntil: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  summary: string | null;
  error: string | null;
}

/** What the owner of a period holds: enough to finish it only if nobody re-took it meanwhile. */
export interface JobClaim {
  id: number;
  jobName: string;
  periodKey: string;
  attempt: number;
}

/** An admin's override of a job's schedule; absent fields fall back to config/settings.json. */
export interface JobSetting {
  jobName: string;
  enabled: boolean;
  cron: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface ClaimRequest {
  jobName: string;
  periodKey: string;
  owner: string;
  now: Date;
  leaseMs: number;
  /** A failed or expired period is re-taken only while `attempt < maxAttempts`. */
  maxAttempts: number;
}

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

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

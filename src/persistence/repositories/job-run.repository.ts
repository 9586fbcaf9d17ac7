import type { EntityManager } from 'typeorm';
import type { JobRunRepository } from '../../domain/jobs/job-runs.ports.js';
import type { ClaimRequest, JobClaim, JobRun, JobSetting } from '../../domain/jobs/job-run.js';
import { JobRunEntity, JobSettingEntity, type JobRunRow } from '../entities/jobs.entities.js';
import { isDuplicateKey } from '../json.js';

/**
 * Claims by unique key and conditional updates only, so that the same code is correct on MariaDB
 * with several instances and on SQLite (no SELECT … FOR UPDATE anywhere).
 */
export class TypeOrmJobRunRepository implements JobRunRepository {
  constructor(private readonly em: EntityManager) {}

  private get runs() {
    return this.em.getRepository(JobRunEntity);
  }

  async claim(req: ClaimRequest): Promise<JobClaim | undefined> {
    const leaseUntil = new Date(req.now.getTime() + req.leaseMs);
    const key = { jobName: req.jobName, periodKey: req.periodKey };
    try {
      const res = await this.runs.insert({
        job_name: req.jobName,
        period_key: req.periodKey,
        status: 'running',
        attempt: 1,
        owner: req.owner.slice(0, 100),
        lease_until: leaseUntil,
        started_at: req.now,
        finished_at: null,
        summary: null,
        error: null,
      });
      return { id: Number(res.identifiers[0]?.id), ...key, attempt: 1 };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Someone owns (or owned) this period: take it over only from a crashed or failed run whose lease ran out.
    const row = await this.runs.findOneBy({ job_name: req.jobName, period_key: req.periodKey });
    if (!row || row.status === 'done' || row.attempt >= req.maxAttempts) return undefined;
    if (row.lease_until && row.lease_until.getTime() > req.now.getTime()) return undefined;
    const res = await this.runs
      .createQueryBuilder()
      .update()
      .set({
        status: 'running',
        attempt: row.attempt + 1,
        owner: req.owner.slice(0, 100),
        lease_until: leaseUntil,
        started_at: req.now,
        finished_at: null,
      })
      .where('id = :id AND attempt = :attempt AND status <> :done AND (lease_until IS NULL OR lease_until < :now)', {
        id: row.id,
        attempt: row.attempt,
        done: 'done',
        now: req.now,
      })
      .execute();
    return res.affected === 1 ? { id: row.id, ...key, attempt: row.attempt + 1 } : undefined;
  }

  async complete(claim: JobClaim, now: Date, summary: string | null): Promise<boolean> {
    const res = await this.runs
      .createQueryBuilder()
      .update()
      .set({
        status: 'done',
        finished_at: now,
        lease_until: null,
        summary: summary?.slice(0, 500) ?? null,
        error: null,
      })
      .where('id = :id AND attempt = :attempt AND status = :running', {
        id: claim.id,
        attempt: claim.attempt,
        running: 'running',
      })
      .execute();
    return res.affected === 1;
  }

  async fail(claim: JobClaim, error: string, now: Date, retryAt: Date): Promise<boolean> {
    const res = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'failed', finished_at: now, lease_until: retryAt, error: error.slice(0, 2000) })
      .where('id = :id AND attempt = :attempt AND status = :running', {
        id: claim.id,
        attempt: claim.attempt,
        running: 'running',
      })
      .execute();
    return res.affected === 1;
  }

  async find(jobName: string, periodKeys: string[]): Promise<Map<string, JobRun>> {
    const out = new Map<string, JobRun>();
    if (periodKeys.length === 0) return out;
    const rows = await this.runs
      .createQueryBuilder('r')
      .where('r.job_name = :jobName AND r.period_key IN (:...keys)', { jobName, keys: periodKeys })
      .getMany();
    for (const r of rows) out.set(r.period_key, toRun(r));
    return out;
  }

  async findAny(jobNames: string[], periodKeys: string[]): Promise<JobRun[]> {
    if (jobNames.length === 0 || periodKeys.length === 0) return [];
    const rows = await this.runs
      .createQueryBuilder('r')
      .where('r.job_name IN (:...jobNames) AND r.period_key IN (:...keys)', {
        jobNames,
        keys: [...new Set(periodKeys)],
      })
      .getMany();
    return rows.map(toRun);
  }

  async recent(limit: number, jobName?: string): Promise<JobRun[]> {
    const qb = this.runs.createQueryBuilder('r').orderBy('r.started_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit);
    if (jobName) qb.where('r.job_name = :jobName', { jobName });
    return (await qb.getMany()).map(toRun);
  }

  async prune(before: Date): Promise<number> {
    const res = await this.runs
      .createQueryBuilder()
      .delete()
      .where('status IN (:...st) AND started_at < :before', { st: ['done', 'failed'], before })
      .execute();
    return res.affected ?? 0;
  }

  async settings(): Promise<JobSetting[]> {
    const rows = await this.em.getRepository(JobSettingEntity).find();
    return rows.map((r) => ({
      jobName: r.job_name,
      enabled: Boolean(r.enabled),
      cron: r.cron,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  async saveSetting(s: JobSetting): Promise<void> {
    await this.em.getRepository(JobSettingEntity).save({
      job_name: s.jobName,
      enabled: s.enabled,
      cron: s.cron,
      updated_by: s.updatedBy,
      updated_at: s.updatedAt,
    });
  }
}

function toRun(r: JobRunRow): JobRun {
  return {
    id: r.id,
    jobName: r.job_name,
    periodKey: r.period_key,
    status: r.status,
    attempt: r.attempt,
    owner: r.owner,
    leaseUntil: r.lease_until,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    summary: r.summary,
    error: r.error,
  };
}

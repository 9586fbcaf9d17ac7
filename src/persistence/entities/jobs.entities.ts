import { EntitySchema } from 'typeorm';

/** Scheduled-job tables (migration 1763800000500). */
export interface JobRunRow {
  id: number;
  job_name: string;
  period_key: string;
  status: 'running' | 'done' | 'failed';
  attempt: number;
  owner: string;
  lease_until: Date | null;
  started_at: Date;
  finished_at: Date | null;
  summary: string | null;
  error: string | null;
}
export const JobRunEntity = new EntitySchema<JobRunRow>({
  name: 'job_run',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    job_name: { type: 'varchar', length: 64 },
    period_key: { type: 'varchar', length: 64 },
    status: { type: 'varchar', length: 16 },
    attempt: { type: 'integer' },
    owner: { type: 'varchar', length: 100 },
    lease_until: { type: 'datetime', precision: 3, nullable: true },
    started_at: { type: 'datetime', precision: 3 },
    finished_at: { type: 'datetime', precision: 3, nullable: true },
    summary: { type: 'varchar', length: 500, nullable: true },
    error: { type: 'text', nullable: true },
  },
});

export interface JobSettingRow {
  job_name: string;
  enabled: boolean;
  cron: string | null;
  updated_by: string | null;
  updated_at: Date;
}
export const JobSettingEntity = new EntitySchema<JobSettingRow>({
  name: 'job_setting',
  columns: {
    job_name: { type: 'varchar', length: 64, primary: true },
    enabled: { type: 'boolean' },
    cron: { type: 'varchar', length: 100, nullable: true },
    updated_by: { type: 'varchar', length: 64, nullable: true },
    updated_at: { type: 'datetime', precision: 3 },
  },
});

export const jobEntities = [JobRunEntity, JobSettingEntity];

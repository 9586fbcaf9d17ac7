import { EntitySchema } from 'typeorm';
import {
  boolean,
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableText,
  nullableVarchar,
  varchar,
} from './columns.js';

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
    id: generatedId(),
    job_name: varchar(64),
    period_key: varchar(64),
    status: varchar(16),
    attempt: integer(),
    owner: varchar(100),
    lease_until: nullableDatetime(),
    started_at: datetime(),
    finished_at: nullableDatetime(),
    summary: nullableVarchar(500),
    error: nullableText(),
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
    job_name: { ...varchar(64), primary: true },
    enabled: boolean(),
    cron: nullableVarchar(100),
    updated_by: nullableVarchar(64),
    updated_at: datetime(),
  },
});

export const jobEntities = [JobRunEntity, JobSettingEntity];

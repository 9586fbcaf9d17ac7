import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * Scheduled jobs (R-JOB-1): one `job_run` row per (job, period) under a unique key — the claim that
 * makes a period run once across instances — and `job_setting`, the admin's overrides (on/off, time).
 */
export class CreateJobRun1763800000500 implements MigrationInterface {
  name = 'CreateJobRun1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'job_run',
        columns: [
          col.id(),
          col.str('job_name', 64),
          col.str('period_key', 64),
          col.str('status', 16),
          col.int('attempt', false, 1),
          col.str('owner', 100),
          col.time('lease_until', true),
          col.time('started_at'),
          col.time('finished_at', true),
          col.str('summary', 500, true),
          col.text('error'),
        ],
        indices: [
          { name: 'uq_job_run_period', columnNames: ['job_name', 'period_key'], isUnique: true },
          { name: 'idx_job_run_started', columnNames: ['job_name', 'started_at'] },
          { name: 'idx_job_run_started_at', columnNames: ['started_at'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'job_setting',
        columns: [
          { ...col.str('job_name', 64), isPrimary: true },
          col.bool('enabled', true),
          col.str('cron', 100, true),
          col.str('updated_by', 64, true),
          col.time('updated_at'),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job_setting', true);
    await q.dropTable('job_run', true);
  }
}

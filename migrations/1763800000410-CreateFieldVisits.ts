import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/** Field-visit plans with their clients/places (R-FV-1), visit logs with per-client outcomes (R-FV-2/3). */
export class CreateFieldVisits1763800000410 implements MigrationInterface {
  name = 'CreateFieldVisits1763800000410';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'field_visit_plan',
        columns: [
          col.id(),
          col.str('agent_open_id', 64),
          col.date('visit_date'),
          col.str('purpose', 300),
          col.str('status', 16),
          col.int('approval_id', true),
          col.time('created_at'),
          col.time('updated_at'),
        ],
        indices: [
          { name: 'idx_fvplan_agent_date', columnNames: ['agent_open_id', 'visit_date'] },
          { name: 'idx_fvplan_status', columnNames: ['status', 'visit_date'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'field_visit_target',
        columns: [
          col.id(),
          col.int('plan_id'),
          col.int('client_id', true),
          col.str('place', 100, true),
          col.int('position', false, 0),
        ],
        indices: [
          { name: 'idx_fvtarget_plan', columnNames: ['plan_id'] },
          { name: 'idx_fvtarget_client', columnNames: ['client_id'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'visit_log',
        columns: [
          col.id(),
          col.int('plan_id'),
          col.str('agent_open_id', 64),
          col.date('visit_date'),
          col.text('summary'),
          col.time('filed_at'),
          col.time('due_at'),
          col.bool('late', false),
          col.str('reviewed_by', 64, true),
          col.time('reviewed_at', true),
          col.str('review_comment', 500, true),
        ],
        indices: [
          // One log per plan: a double submit is refused by the database, on both dialects.
          { name: 'uq_visit_log_plan', columnNames: ['plan_id'], isUnique: true },
          { name: 'idx_visit_log_reviewed', columnNames: ['reviewed_at', 'filed_at'] },
          { name: 'idx_visit_log_agent', columnNames: ['agent_open_id', 'visit_date'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'visit_outcome',
        columns: [
          col.id(),
          col.int('log_id'),
          col.int('client_id'),
          col.str('outcome', 500),
          col.str('grade', 1, true),
        ],
        indices: [
          { name: 'idx_visit_outcome_log', columnNames: ['log_id'] },
          { name: 'idx_visit_outcome_client', columnNames: ['client_id'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['visit_outcome', 'visit_log', 'field_visit_target', 'field_visit_plan'])
      await q.dropTable(t, true);
  }
}

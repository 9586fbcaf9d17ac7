import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/** One approval table for every kind (field visits, tiers, hand-overs, targets): R-FV-1, R-AUD-1. */
export class CreateApprovals1763800000400 implements MigrationInterface {
  name = 'CreateApprovals1763800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'approval',
        columns: [
          col.id(),
          col.str('kind', 32),
          col.str('subject_id', 64),
          col.str('requester_open_id', 64),
          col.str('approver_role', 16),
          col.str('summary', 500),
          col.text('payload_json'),
          col.str('status', 16),
          col.str('decided_by', 64, true),
          col.time('decided_at', true),
          col.str('comment', 500, true),
          col.text('notified_json'),
          col.time('resent_at', true),
          col.time('created_at'),
        ],
        indices: [
          { name: 'idx_approval_status_created', columnNames: ['status', 'created_at'] },
          { name: 'idx_approval_subject', columnNames: ['kind', 'subject_id'] },
          { name: 'idx_approval_requester', columnNames: ['requester_open_id', 'status'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('approval', true);
  }
}

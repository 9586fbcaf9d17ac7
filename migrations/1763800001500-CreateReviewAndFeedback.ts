import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * Contract review by legal and finance (R-CON-4), tenant feedback (R-FB-1) and satisfaction (R-FB-2).
 * A contract under review lives in `contract_review` only: `signed_contract` (what every count reads)
 * gets its row when both reviewers have approved, so nothing can count it earlier.
 */
export class CreateReviewAndFeedback1763800001500 implements MigrationInterface {
  name = 'CreateReviewAndFeedback1763800001500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'contract_review',
        columns: [
          col.id(),
          col.str('contract_no', 50),
          col.int('client_id'),
          col.str('agent_open_id', 64, true),
          col.date('signed_date'),
          col.str('unit', 50, true),
          col.money('area'),
          col.money('monthly_rent'),
          col.int('collection_id', true),
          col.str('entered_by', 64),
          col.str('status', 16),
          col.int('round', false, 1),
          col.str('legal_status', 16),
          col.str('finance_status', 16),
          col.text('legal_comment'),
          col.text('finance_comment'),
          col.text('form_payload'),
          col.time('submitted_at'),
          col.time('decided_at', true),
        ],
        indices: [
          { name: 'uq_contract_review_no', columnNames: ['contract_no'], isUnique: true },
          { name: 'ix_contract_review_status', columnNames: ['status', 'submitted_at'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'tenant_feedback',
        columns: [
          col.id(),
          col.int('client_id'),
          col.str('kind', 16),
          col.text('content', false),
          col.str('owner_open_id', 64, true),
          col.str('logged_by', 64),
          col.time('logged_at'),
          col.date('due_date'),
          col.str('status', 16),
          col.text('resolution'),
          col.str('closed_by', 64, true),
          col.time('closed_at', true),
        ],
        indices: [
          { name: 'ix_tenant_feedback_open', columnNames: ['status', 'due_date'] },
          { name: 'ix_tenant_feedback_client', columnNames: ['client_id', 'logged_at'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'tenant_satisfaction',
        columns: [
          col.id(),
          col.int('client_id'),
          col.str('agent_open_id', 64, true),
          col.str('period', 32),
          col.int('score', true),
          col.text('note'),
          col.time('prompted_at'),
          col.date('recorded_date', true),
          col.str('recorded_by', 64, true),
        ],
        indices: [
          { name: 'uq_tenant_satisfaction_period', columnNames: ['client_id', 'period'], isUnique: true },
          { name: 'ix_tenant_satisfaction_recorded', columnNames: ['recorded_date', 'agent_open_id'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('tenant_satisfaction', true);
    await q.dropTable('tenant_feedback', true);
    await q.dropTable('contract_review', true);
  }
}

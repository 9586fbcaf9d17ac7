import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * R-FV-4: a request still undecided after its re-send is brought to the leaders, once. The re-sent
 * copies and the leaders' cards are remembered by recipient so that each copy shows the decision.
 */
export class AddApprovalEscalation1763800001100 implements MigrationInterface {
  name = 'AddApprovalEscalation1763800001100';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('approval', [
      new TableColumn(col.text('resent_to_json')),
      new TableColumn(col.time('escalated_at', true)),
      new TableColumn(col.text('escalated_to_json')),
    ]);
    await q.createIndex(
      'approval',
      new TableIndex({ name: 'idx_approval_status_resent', columnNames: ['status', 'resent_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('approval', 'idx_approval_status_resent');
    await q.dropColumns('approval', ['escalated_to_json', 'escalated_at', 'resent_to_json']);
  }
}

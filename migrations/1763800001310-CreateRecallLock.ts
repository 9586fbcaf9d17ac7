import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/** R-POOL-1: clients a manager locked against the recall to the public pool (one row per client). */
export class CreateRecallLock1763800001310 implements MigrationInterface {
  name = 'CreateRecallLock1763800001310';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'client_recall_lock',
        columns: [col.id(), col.int('client_id'), col.str('locked_by', 64), col.time('locked_at')],
        indices: [{ name: 'uq_client_recall_lock_client', columnNames: ['client_id'], isUnique: true }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('client_recall_lock', true);
  }
}

import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * R-KPI-1 开发数量: clients registered in a month per owning agent and source. A covering index (the
 * date first, then the columns filtered and grouped), so the monthly report reads one index range.
 */
export class AddDevelopmentIndex1763800001510 implements MigrationInterface {
  name = 'AddDevelopmentIndex1763800001510';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'client',
      new TableIndex({
        name: 'idx_client_created_dev',
        columnNames: ['created_at', 'source', 'owner_kind', 'owner_open_id'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('client', 'idx_client_created_dev');
  }
}

import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * R-POOL-1 / R-DAY-4: a client's latest contact form is `MAX(filed_at)` over its rows of a few kinds.
 * With (client_id, kind, filed_at) that is read from the index alone; with (client_id, filed_at) every
 * row was looked up for its kind — the recall scan over 100k clients spent half its time there.
 */
export class AddRecallIndexes1763800001320 implements MigrationInterface {
  name = 'AddRecallIndexes1763800001320';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'form_record',
      new TableIndex({ name: 'idx_form_client_kind', columnNames: ['client_id', 'kind', 'filed_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('form_record', 'idx_form_client_kind');
  }
}

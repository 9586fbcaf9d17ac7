import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/** Clients and their owners; the per-day counter behind registration numbers. */
export class CreateClient1763800000100 implements MigrationInterface {
  name = 'CreateClient1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'client',
        columns: [
          col.id(),
          col.str('reg_no', 32, true),
          col.str('name', 100),
          col.str('shop_name', 100, true),
          col.str('contact_person', 50, true),
          col.str('phone', 20, true),
          col.str('category', 50, true),
          col.str('client_type', 16, true),
          col.str('source', 50, true),
          col.str('grade', 1, true),
          col.str('state', 16),
          col.str('lost_reason', 200, true),
          col.str('owner_kind', 8),
          col.str('owner_open_id', 64, true),
          col.time('created_at'),
          col.time('updated_at'),
        ],
        indices: [
          { name: 'uq_client_phone', columnNames: ['phone'], isUnique: true },
          { name: 'uq_client_reg_no', columnNames: ['reg_no'], isUnique: true },
          { name: 'idx_client_owner', columnNames: ['owner_open_id', 'state', 'grade'] },
          { name: 'idx_client_name', columnNames: ['name'] },
          { name: 'idx_client_shop', columnNames: ['shop_name'] },
          { name: 'idx_client_owner_kind', columnNames: ['owner_kind'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'daily_counter',
        columns: [{ ...col.str('counter_key', 64), isPrimary: true }, col.int('value', false, 0)],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('daily_counter', true);
    await q.dropTable('client', true);
  }
}

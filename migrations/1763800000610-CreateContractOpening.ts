import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * When a signed contract's tenant opened (开业): the day the opening part of the commission
 * (R-TGT-4, e.g. the 20 % of 80/20) falls due. One row per contract number.
 */
export class CreateContractOpening1763800000610 implements MigrationInterface {
  name = 'CreateContractOpening1763800000610';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'contract_opening',
        columns: [
          col.id(),
          col.str('contract_no', 50),
          col.date('opened_date'),
          col.str('recorded_by', 64),
          col.time('recorded_at'),
        ],
        indices: [{ name: 'uq_contract_opening_no', columnNames: ['contract_no'], isUnique: true }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('contract_opening', true);
  }
}

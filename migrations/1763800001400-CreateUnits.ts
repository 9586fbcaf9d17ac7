import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * The property's units (R-UNIT-1) and one snapshot of the leasing map per month (R-UNIT-2: the
 * monthly report shows the change from last month). `code_key` is the normalised building+floor+number:
 * unique, so an import or a chat add never creates a unit twice. Reserving and leasing are conditional
 * updates on `status`, so two agents can never hold one unit at once.
 */
export class CreateUnits1763800001400 implements MigrationInterface {
  name = 'CreateUnits1763800001400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'unit',
        columns: [
          col.id(),
          col.str('building', 30),
          col.str('floor', 20),
          col.str('number', 30),
          col.str('code_key', 100),
          col.money('area_sqm', false),
          col.money('standard_rent', false),
          col.str('status', 16),
          col.int('client_id', true),
          col.str('agent_open_id', 64, true),
          col.int('plan_id', true),
          col.str('contract_no', 50, true),
          col.date('lease_start', true),
          col.date('lease_end', true),
          col.money('monthly_rent'),
          col.time('created_at'),
          col.time('updated_at'),
        ],
        indices: [
          { name: 'uq_unit_code_key', columnNames: ['code_key'], isUnique: true },
          { name: 'ix_unit_floor', columnNames: ['building', 'floor'] },
          { name: 'ix_unit_status_end', columnNames: ['status', 'lease_end'] },
          { name: 'ix_unit_client', columnNames: ['client_id'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'unit_month_snapshot',
        columns: [
          col.id(),
          col.str('month', 7),
          col.int('total'),
          col.int('vacant'),
          col.int('leased'),
          col.money('total_area', false),
          col.money('leased_area', false),
          col.money('rent_income', false),
          col.time('taken_at'),
        ],
        indices: [{ name: 'uq_unit_snapshot_month', columnNames: ['month'], isUnique: true }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('unit_month_snapshot', true);
    await q.dropTable('unit', true);
  }
}

import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/** Merchant tier criteria and tier per client (R-TIER-2), hand-over records (R-TIER-1), approved material (R-INFO-1). */
export class CreateTiersAndMaterials1763800000420 implements MigrationInterface {
  name = 'CreateTiersAndMaterials1763800000420';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'client_tier',
        columns: [
          { ...col.int('client_id'), isPrimary: true },
          col.int('store_area_sqm', true),
          col.int('store_count', true),
          col.str('brand_level', 16, true),
          col.int('warehouse_sqm', true),
          col.int('turnover_wan_yuan', true),
          col.str('manufacturer_strength', 16, true),
          col.str('suggested_tier', 1, true),
          col.str('tier', 1, true),
          col.str('proposed_tier', 1, true),
          col.str('status', 16),
          col.int('approval_id', true),
          col.str('confirmed_by', 64, true),
          col.time('confirmed_at', true),
          col.time('updated_at'),
        ],
        indices: [{ name: 'idx_client_tier_tier', columnNames: ['tier'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'client_handover',
        columns: [
          col.id(),
          col.int('client_id'),
          col.str('from_open_id', 64, true),
          col.str('to_open_id', 64),
          col.str('reason', 200, true),
          col.str('requested_by', 64),
          col.str('approved_by', 64),
          col.int('approval_id'),
          col.time('at'),
        ],
        indices: [
          { name: 'uq_handover_approval', columnNames: ['approval_id'], isUnique: true },
          { name: 'idx_handover_from', columnNames: ['from_open_id', 'at'] },
          { name: 'idx_handover_to', columnNames: ['to_open_id', 'at'] },
          { name: 'idx_handover_client', columnNames: ['client_id'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'material',
        columns: [
          col.id(),
          col.str('title', 100),
          col.str('kind', 8),
          col.text('body', false),
          col.str('status', 16),
          col.str('created_by', 64),
          col.str('approved_by', 64, true),
          col.time('approved_at', true),
          col.time('created_at'),
          col.time('updated_at'),
        ],
        indices: [{ name: 'idx_material_status', columnNames: ['status', 'updated_at'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['material', 'client_handover', 'client_tier']) await q.dropTable(t, true);
  }
}

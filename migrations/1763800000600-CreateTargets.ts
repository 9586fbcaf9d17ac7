import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * Department targets (R-TGT-1) and their split across agents (R-TGT-2). Every proposal is a row of
 * its own: the approved one of a period is in force; a later approved one supersedes it, and the
 * old row keeps who approved it and when.
 */
export class CreateTargets1763800000600 implements MigrationInterface {
  name = 'CreateTargets1763800000600';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'target',
        columns: [
          col.id(),
          col.str('period_key', 7),
          col.str('period_kind', 8),
          col.int('contracts'),
          col.money('area_sqm', true),
          col.money('first_year_rent', true),
          col.str('status', 16),
          col.str('proposed_by', 64),
          col.time('proposed_at'),
          col.int('approval_id', true),
          col.str('decided_by', 64, true),
          col.time('decided_at', true),
        ],
        indices: [{ name: 'idx_target_period_status', columnNames: ['period_key', 'status'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'target_split',
        columns: [
          col.id(),
          col.int('target_id'),
          col.str('agent_open_id', 64),
          col.int('contracts'),
          col.money('area_sqm', true),
          col.money('first_year_rent', true),
        ],
        indices: [{ name: 'uq_target_split_agent', columnNames: ['target_id', 'agent_open_id'], isUnique: true }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('target_split', true);
    await q.dropTable('target', true);
  }
}

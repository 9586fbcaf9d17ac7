import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Covering indexes for the digests (R-DIG-1…3, `ReportRepository.activity`): each count reads one
 * index range — the date column first, then the columns it groups and filters by — and never the
 * table rows. Measured by `npm run bench:weekly` (docs/benchmarks.md). These tables are written at
 * human speed (forms, walk-ins), so the extra index upkeep is negligible.
 */
const INDEXES: Array<[table: string, name: string, columns: string[]]> = [
  ['form_record', 'idx_form_filed_cover', ['filed_at', 'agent_open_id', 'kind', 'late', 'incomplete']],
  ['revisit', 'idx_revisit_resolved', ['status', 'resolved_at', 'agent_open_id']],
  ['revisit', 'idx_revisit_open_due', ['status', 'due_date', 'agent_open_id']],
  ['walk_in', 'idx_walk_in_day_cover', ['day', 'status', 'owner_open_id']],
  ['signing_plan', 'idx_signing_plan_paid', ['paid_date', 'agent_open_id']],
  ['signed_contract', 'idx_signed_date_cover', ['signed_date', 'agent_open_id']],
  ['rotation_member', 'idx_rotation_member_passed', ['day', 'open_id', 'passed']],
];

export class AddDigestIndexes1763800000510 implements MigrationInterface {
  name = 'AddDigestIndexes1763800000510';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name);
  }
}

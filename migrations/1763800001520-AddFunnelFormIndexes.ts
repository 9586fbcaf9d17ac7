import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The monthly report with the funnel (R-KPI-1) over a million activity rows (npm run bench:funnel):
 * the digests' form count also sums `flagged` (R-FORM-2), which idx_form_filed_cover does not hold, so
 * MariaDB scanned a whole index for it; and the visitor registrations of a month (read one by one for
 * R-FORM-3) were a full table scan. A cover with `flagged`, and (kind, filed_at) for the visitor forms.
 */
const INDEXES: Array<[name: string, columns: string[]]> = [
  ['idx_form_filed_flag_cover', ['filed_at', 'agent_open_id', 'kind', 'late', 'incomplete', 'flagged']],
  ['idx_form_kind_filed', ['kind', 'filed_at']],
];

export class AddFunnelFormIndexes1763800001520 implements MigrationInterface {
  name = 'AddFunnelFormIndexes1763800001520';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, columnNames] of INDEXES)
      await q.createIndex('form_record', new TableIndex({ name, columnNames }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.dropIndex('form_record', name);
  }
}

import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * The forms (DOMAIN.md §2): one compliance ledger (`form_record`, R-FORM-1/2) plus the tables the
 * forms feed — revisits (R-REV-1/2), signing plans (R-CON-1), contract collections (R-CON-2) and the
 * signed-contract ledger (R-CON-3). Also a reversed-phone column on `client` so that `查 5678`
 * (a phone tail) is an index range scan instead of a table scan.
 */
export class CreateForms1763800000300 implements MigrationInterface {
  name = 'CreateForms1763800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('client', new TableColumn(col.str('phone_rev', 20, true)));
    // Clients registered before this migration get their reversed phone too (SQLite has no REVERSE()).
    const rows: Array<{ id: number; phone: string }> = await q.query(
      'SELECT id, phone FROM client WHERE phone IS NOT NULL',
    );
    for (const r of rows)
      await q.query('UPDATE client SET phone_rev = ? WHERE id = ?', [
        r.phone.replace(/\D/g, '').split('').reverse().join(''),
        r.id,
      ]);
    await q.createIndex('client', new TableIndex({ name: 'idx_client_phone_rev', columnNames: ['phone_rev'] }));
    await q.createIndex(
      'client',
      new TableIndex({ name: 'idx_client_owner_updated', columnNames: ['owner_open_id', 'updated_at', 'id'] }),
    );

    await q.createTable(
      new Table({
        name: 'form_record',
        columns: [
          col.id(),
          col.str('kind', 24),
          col.int('client_id', true),
          col.str('agent_open_id', 64, true),
          col.str('filed_by', 64),
          col.time('filed_at'),
          col.time('due_at', true),
          col.bool('late', false),
          col.bool('incomplete', false),
          col.str('missing_fields', 191, true),
          col.bool('flagged', false),
          col.str('flag_reason', 200, true),
          col.str('flagged_by', 64, true),
          col.time('flagged_at', true),
          col.int('ref_id', true),
          col.str('dedupe_key', 100, true),
          col.text('payload_json'),
        ],
        indices: [
          { name: 'idx_form_agent_filed', columnNames: ['agent_open_id', 'filed_at'] },
          { name: 'idx_form_filed', columnNames: ['filed_at'] },
          { name: 'idx_form_client', columnNames: ['client_id', 'filed_at'] },
          { name: 'uq_form_dedupe', columnNames: ['dedupe_key'], isUnique: true },
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'revisit',
        columns: [
          col.id(),
          col.int('client_id'),
          col.str('agent_open_id', 64),
          col.date('due_date'),
          col.str('purpose', 200, true),
          col.str('status', 16),
          col.str('outcome_note', 200, true),
          col.int('rescheduled_from_id', true),
          col.str('resolved_by', 64, true),
          col.time('resolved_at', true),
          col.time('created_at'),
        ],
        indices: [
          { name: 'idx_revisit_status_due', columnNames: ['status', 'due_date'] },
          { name: 'idx_revisit_agent_status', columnNames: ['agent_open_id', 'status', 'due_date'] },
          { name: 'idx_revisit_client', columnNames: ['client_id'] },
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'signing_plan',
        columns: [
          col.id(),
          col.int('client_id'),
          col.str('agent_open_id', 64),
          col.money('deposit_amount', false),
          col.date('paid_date'),
          col.date('signing_date'),
          col.str('unit', 50, true),
          col.str('status', 16),
          col.time('created_at'),
        ],
        indices: [
          { name: 'idx_signing_plan_client', columnNames: ['client_id', 'status'] },
          { name: 'idx_signing_plan_due', columnNames: ['status', 'signing_date'] },
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'contract_collection',
        columns: [
          col.id(),
          col.str('contract_no', 50),
          col.int('client_id'),
          col.str('agent_open_id', 64),
          col.str('unit', 50, true),
          col.money('area', true),
          col.money('monthly_rent', true),
          col.int('term_months', true),
          col.date('collected_date'),
          col.time('created_at'),
        ],
        indices: [
          { name: 'uq_collection_contract_no', columnNames: ['contract_no'], isUnique: true },
          { name: 'idx_collection_date', columnNames: ['collected_date'] },
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'signed_contract',
        columns: [
          col.id(),
          col.str('contract_no', 50),
          col.int('client_id'),
          col.str('agent_open_id', 64, true),
          col.date('signed_date'),
          col.str('unit', 50, true),
          col.money('area', true),
          col.money('monthly_rent', true),
          col.int('collection_id', true),
          col.str('entered_by', 64),
          col.time('created_at'),
        ],
        indices: [
          { name: 'uq_signed_contract_no', columnNames: ['contract_no'], isUnique: true },
          { name: 'idx_signed_date', columnNames: ['signed_date'] },
          { name: 'idx_signed_agent_date', columnNames: ['agent_open_id', 'signed_date'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['signed_contract', 'contract_collection', 'signing_plan', 'revisit', 'form_record'])
      await q.dropTable(t, true);
    await q.dropIndex('client', 'idx_client_owner_updated');
    await q.dropIndex('client', 'idx_client_phone_rev');
    await q.dropColumn('client', 'phone_rev');
  }
}

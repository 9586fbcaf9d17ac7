import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/** Members and roles, the audit log, run-time settings, the event inbox and the message outbox. */
export class CreateBackbone1763800000000 implements MigrationInterface {
  name = 'CreateBackbone1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'member',
        columns: [
          { ...col.str('open_id', 64), isPrimary: true },
          col.str('name', 100),
          col.str('roles', 191),
          col.bool('active', true),
          col.time('name_refreshed_at', true),
          col.time('created_at'),
          col.time('updated_at'),
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          col.id(),
          col.time('at'),
          col.str('actor', 64, true),
          col.str('action', 64),
          col.str('subject_type', 32),
          col.str('subject_id', 64),
          col.text('before_json'),
          col.text('after_json'),
          col.str('rule', 32, true),
          col.text('note'),
        ],
        indices: [
          { name: 'idx_audit_subject', columnNames: ['subject_type', 'subject_id'] },
          { name: 'idx_audit_at', columnNames: ['at'] },
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'app_setting',
        columns: [
          { ...col.str('setting_key', 100), isPrimary: true },
          col.text('value_json', false),
          col.time('updated_at'),
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'inbox_event',
        columns: [
          col.id(),
          col.str('event_id', 100),
          col.str('message_id', 100, true),
          col.str('event_type', 64),
          col.longText('payload', false),
          col.str('status', 16),
          col.int('attempts', false, 0),
          col.time('received_at'),
          col.time('lease_until', true),
          col.time('processed_at', true),
          col.text('last_error'),
        ],
        indices: [
          { name: 'uq_inbox_event_id', columnNames: ['event_id'], isUnique: true },
          { name: 'uq_inbox_message_id', columnNames: ['message_id'], isUnique: true },
          { name: 'idx_inbox_status_lease', columnNames: ['status', 'lease_until'] },
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          col.id(),
          col.str('uuid', 50),
          col.str('dedupe_key', 150, true),
          col.str('kind', 16),
          col.str('receive_id_type', 16, true),
          col.str('receive_id', 100, true),
          col.str('card_key', 150, true),
          col.str('msg_type', 16),
          col.longText('content', false),
          col.str('status', 16),
          col.int('attempts', false, 0),
          col.time('next_attempt_at'),
          col.time('lease_until', true),
          col.str('message_id', 100, true),
          col.text('last_error'),
          col.time('created_at'),
          col.time('sent_at', true),
        ],
        indices: [
          { name: 'uq_outbox_uuid', columnNames: ['uuid'], isUnique: true },
          { name: 'uq_outbox_dedupe', columnNames: ['dedupe_key'], isUnique: true },
          { name: 'idx_outbox_due', columnNames: ['status', 'next_attempt_at'] },
          { name: 'idx_outbox_card_key', columnNames: ['card_key'] },
        ],
      }),
      true,
    );

    await q.createTable(
      new Table({
        name: 'card_message',
        columns: [{ ...col.str('card_key', 150), isPrimary: true }, col.str('message_id', 100), col.time('created_at')],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['card_message', 'outbox_message', 'inbox_event', 'app_setting', 'audit_log', 'member']) {
      await q.dropTable(t, true);
    }
  }
}

import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * Replies go through the outbox too: a row may answer a user's message in its thread (`/reply`),
 * so it keeps the message it replies to. A patch of a message the bot did not send under a card key
 * (the card a user clicked) is written with the card key `msg:<message_id>`.
 */
export class AddOutboxReplyTo1763800000900 implements MigrationInterface {
  name = 'AddOutboxReplyTo1763800000900';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('outbox_message', new TableColumn(col.str('reply_to', 100, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('outbox_message', 'reply_to');
  }
}

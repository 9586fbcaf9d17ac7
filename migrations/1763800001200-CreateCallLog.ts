import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * The call log (R-DAY-3). "今日 23/50" after every call counts one agent's day through
 * (agent_open_id, call_date); the follow-up cadence (R-DAY-4) reads a client's latest call through
 * (client_id, called_at); the digests count per agent over a range of days through (call_date, agent_open_id).
 */
export class CreateCallLog1763800001200 implements MigrationInterface {
  name = 'CreateCallLog1763800001200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'call_log',
        columns: [
          col.id(),
          col.str('agent_open_id', 64),
          col.int('client_id'),
          col.date('call_date'),
          col.time('called_at'),
          col.str('outcome', 16),
          col.str('grade', 1, true),
          col.str('note', 200, true),
        ],
        indices: [
          { name: 'idx_call_log_agent_day', columnNames: ['agent_open_id', 'call_date'] },
          { name: 'idx_call_log_client', columnNames: ['client_id', 'called_at'] },
          { name: 'idx_call_log_day_agent', columnNames: ['call_date', 'agent_open_id'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('call_log', true);
  }
}

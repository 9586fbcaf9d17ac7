import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * The working day (DOMAIN.md §7): leave taken from Feishu's approval events (R-DAY-2), the morning
 * meeting's minutes (R-DAY-1) and the dated tasks its assignments become. The week's roster is a
 * small run-time setting, not a table.
 */
export class CreateWorkingDay1763800001300 implements MigrationInterface {
  name = 'CreateWorkingDay1763800001300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'day_leave',
        columns: [
          col.id(),
          col.str('instance_code', 100),
          col.str('agent_open_id', 64),
          col.str('kind', 10),
          col.str('name', 100, true),
          col.time('start_at'),
          col.time('end_at'),
          col.str('status', 10),
          // The rotation day on which this leave last took the agent off duty: only that day is put back.
          col.date('off_day', true),
          col.time('received_at'),
          col.time('revoked_at', true),
        ],
        indices: [
          { name: 'uq_day_leave_instance', columnNames: ['instance_code'], isUnique: true },
          { name: 'ix_day_leave_end', columnNames: ['end_at'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'day_meeting',
        columns: [
          col.id(),
          col.date('day'),
          col.str('duty_open_id', 64, true),
          col.str('status', 10),
          col.str('filed_by', 64, true),
          col.time('filed_at', true),
          col.bool('late', false),
          col.text('payload'),
          col.time('created_at'),
        ],
        indices: [{ name: 'uq_day_meeting_day', columnNames: ['day'], isUnique: true }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'day_task',
        columns: [
          col.id(),
          col.date('meeting_day'),
          col.str('agent_open_id', 64),
          col.date('due_date'),
          col.str('text', 400),
          col.str('created_by', 64),
          col.time('created_at'),
        ],
        indices: [{ name: 'ix_day_task_due', columnNames: ['due_date', 'agent_open_id'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('day_task', true);
    await q.dropTable('day_meeting', true);
    await q.dropTable('day_leave', true);
  }
}

import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

/**
 * The front desk: the day's rotation and its members, walk-ins and the offers made for them, the
 * append-only turn ledger, and attribution disputes. Coordination is by unique keys and conditional
 * updates (the day's `version`, an offer's `status`), which behave the same on MySQL and SQLite.
 */
export class CreateRotation1763800000200 implements MigrationInterface {
  name = 'CreateRotation1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rotation_day',
        columns: [
          { ...col.date('day'), isPrimary: true },
          col.int('version', false, 0),
          col.int('next_seq', false, 0),
          col.text('base_order_json', false),
          col.time('created_at'),
          col.time('updated_at'),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'rotation_member',
        columns: [
          col.id(),
          col.date('day'),
          col.str('open_id', 64),
          col.bool('on_duty', true),
          col.int('busy_walk_in_id', true),
          col.int('offered_walk_in_id', true),
          col.int('turns', false, 0),
          col.int('seq', false, 0),
          col.int('received', false, 0),
          col.int('passed', false, 0),
          col.time('updated_at'),
        ],
        indices: [{ name: 'uq_rotation_member_day_agent', columnNames: ['day', 'open_id'], isUnique: true }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'walk_in',
        columns: [
          col.id(),
          col.date('day'),
          col.str('registered_by', 64),
          col.time('arrived_at'),
          col.str('name', 100, true),
          col.str('phone_typed', 40, true),
          col.str('phone', 20, true),
          col.str('card_agent', 64, true),
          col.bool('leader_referral', false),
          col.str('note', 500, true),
          col.str('rule', 16),
          col.str('status', 16),
          col.str('owner_open_id', 64, true),
          col.int('client_id', true),
          col.time('decided_at', true),
        ],
        indices: [
          { name: 'idx_walk_in_day', columnNames: ['day', 'id'] },
          { name: 'idx_walk_in_owner', columnNames: ['owner_open_id', 'day'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'rotation_offer',
        columns: [
          col.id(),
          col.int('walk_in_id'),
          col.date('day'),
          col.str('agent', 64),
          col.int('attempt'),
          col.str('status', 16),
          col.time('offered_at'),
          col.time('deadline_at'),
          col.time('resolved_at', true),
        ],
        indices: [
          // An agent is offered a given walk-in at most once; attempts are numbered without gaps.
          { name: 'uq_offer_walk_in_agent', columnNames: ['walk_in_id', 'agent'], isUnique: true },
          { name: 'uq_offer_walk_in_attempt', columnNames: ['walk_in_id', 'attempt'], isUnique: true },
          { name: 'idx_offer_status_deadline', columnNames: ['status', 'deadline_at'] },
          { name: 'idx_offer_agent_status', columnNames: ['agent', 'status'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'turn_ledger',
        columns: [
          col.id(),
          col.date('day'),
          col.time('at'),
          col.str('actor', 64, true),
          col.str('action', 32),
          col.str('agent', 64, true),
          col.int('walk_in_id', true),
          col.text('event_json', false),
          col.str('rule', 16, true),
          col.text('before_json'),
          col.text('after_json'),
        ],
        indices: [{ name: 'idx_turn_ledger_day', columnNames: ['day', 'id'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'dispute',
        columns: [
          col.id(),
          col.int('client_id'),
          col.str('claimant', 64),
          col.str('holder_kind', 8),
          col.str('holder_open_id', 64, true),
          col.str('reason', 500),
          col.str('status', 16),
          // Set while open, NULL once decided: one open dispute per client and claimant (NULLs never collide).
          col.str('open_key', 100, true),
          col.str('decision', 16, true),
          col.str('decided_by', 64, true),
          col.time('decided_at', true),
          col.time('created_at'),
        ],
        indices: [
          { name: 'uq_dispute_open_key', columnNames: ['open_key'], isUnique: true },
          { name: 'idx_dispute_status', columnNames: ['status', 'id'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['dispute', 'turn_ledger', 'rotation_offer', 'walk_in', 'rotation_member', 'rotation_day'])
      await q.dropTable(t, true);
  }
}

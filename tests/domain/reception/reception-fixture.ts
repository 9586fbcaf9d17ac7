import { loadConfig } from '../../../src/config.js';
import { createReceptionCards } from '../../../src/bot/cards/reception-cards.js';
import { DisputeService } from '../../../src/domain/reception/dispute.service.js';
import { ReceptionService } from '../../../src/domain/reception/reception.service.js';
import type { Member, Role } from '../../../src/domain/members/roles.js';
import { RotationService } from '../../../src/domain/rotation/rotation.service.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { Tx } from '../../../src/domain/shared/tx.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';

/** Services of the front desk on a real, migrated database (both dialects), with a hand-moved clock. */
export interface ReceptionFixture {
  t: TestDb;
  clock: ManualClock;
  uow: TypeOrmUnitOfWork;
  rotation: RotationService;
  reception: ReceptionService;
  disputes: DisputeService;
  members: Record<string, Member>;
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  addMember(openId: string, name: string, roles: Role[]): Promise<Member>;
  /** An empty database with every member saved again in their order, and the clock at MORNING. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

// 2026-11-23 09:00 in Asia/Shanghai.
export const MORNING = '2026-11-23T01:00:00.000Z';

export async function openReceptionFixture(
  opts: { agents?: number; offerTimeoutSeconds?: number } = {},
): Promise<ReceptionFixture> {
  const t = await openTestDb();
  const clock = new ManualClock(MORNING);
  const uow = new TypeOrmUnitOfWork(t.db, clock);
  const config = loadConfig({});
  const settings = { ...config.settings.rotation, offerTimeoutSeconds: opts.offerTimeoutSeconds ?? 180 };
  const cards = createReceptionCards('Asia/Shanghai');
  const rotation = new RotationService({ clock, settings, timezone: 'Asia/Shanghai' });
  const reception = new ReceptionService({ clock, settings, rotation, cards });
  const disputes = new DisputeService({ clock, rotation, cards });
  const members: Record<string, Member> = {};
  const addMember = async (openId: string, name: string, roles: Role[]) => {
    const m: Member = { openId, name, roles, active: true, nameRefreshedAt: clock.now() };
    await uow.run((tx) => tx.members.save(m));
    // created_at orders the member list: keep it distinct so the default order is the insertion order.
    clock.advance(1);
    members[openId] = m;
    return m;
  };
  await addMember('ou_desk', '前台小王', ['front_desk']);
  await addMember('ou_mgr', '李经理', ['manager']);
  for (let i = 1; i <= (opts.agents ?? 3); i++) await addMember(`ou_a${i}`, `招商员${i}`, ['agent']);
  clock.set(MORNING);
  const reset = async () => {
    await t.truncate();
    clock.set('2026-11-20T00:00:00Z');
    for (const m of Object.values(members)) {
      await uow.run((tx) => tx.members.save(m));
      clock.advance(1);
    }
    clock.set(MORNING);
  };
  return {
    t,
    clock,
    uow,
    rotation,
    reception,
    disputes,
    members,
    addMember,
    reset,
    run: (work) => uow.run(work),
    close: () => t.close(),
  };
}

export async function outboxRows(
  f: ReceptionFixture,
): Promise<Array<{ kind: string; receive_id: string | null; card_key: string | null; content: string }>> {
  return f.t.ds.query('SELECT kind, receive_id, card_key, content FROM outbox_message ORDER BY id');
}

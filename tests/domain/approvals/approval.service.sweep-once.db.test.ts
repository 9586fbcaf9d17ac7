import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalCardRenderer } from '../../../src/domain/approvals/approval.js';
import { ApprovalService } from '../../../src/domain/approvals/approval.service.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';

const m = (openId: string, name: string, roles: Member['roles']): Member => ({
  openId,
  name,
  roles,
  active: true,
  nameRefreshedAt: null,
});
const MGR1 = m('ou_so_mgr_one', '王经理', ['manager']);
const MGR2 = m('ou_so_mgr_two', '赵经理', ['manager']);
const AGENT = m('ou_so_agent', '李招商', ['agent']);
const LEADER = m('ou_so_leader', '孙领导', ['leader']);

const cards: ApprovalCardRenderer = {
  approverCard: (v) => ({ who: 'approver', status: v.approval.status }),
  requesterCard: (v) => ({ who: 'requester', status: v.approval.status }),
  escalationCard: (v, info) => ({ who: 'leader', status: v.approval.status, deciders: info.deciderNames }),
};
const sh = (iso: string) => new Date(`${iso}+08:00`);
const settings = {
  resendAfterWorkingMinutes: 120,
  escalateAfterWorkingMinutes: 120,
  workday: {
    start: '08:30',
    end: '17:30',
    timezone: 'Asia/Shanghai',
    calendar: { holidays: [], makeupWorkdays: [] },
  },
};

/** R-FV-4 with several instances: every step of every request happens once, whoever sweeps. */
describe('approval sweeps on several instances', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let clock: ManualClock;
  let instances: ApprovalService[];

  beforeAll(async () => {
    t = await openTestDb();
    clock = new ManualClock(sh('2026-11-23T09:00:00'));
    uow = new TypeOrmUnitOfWork(t.db, clock);
    // Three instances of the service, as three processes would have.
    instances = [0, 1, 2].map(() => {
      const svc = new ApprovalService({ clock, settings, cards });
      svc.register('test', { approverRoles: ['manager'], onDecided: async () => {} });
      return svc;
    });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    clock.set(sh('2026-11-23T09:00:00'));
    await t.truncate();
    await uow.run(async (tx) => {
      for (const x of [MGR1, MGR2, AGENT, LEADER]) await tx.members.save(x);
    });
  });

  const ask = (n: number) =>
    uow.run((tx) =>
      instances[0]!.request(tx, {
        kind: 'test',
        subjectId: String(n),
        requester: AGENT.openId,
        approverRole: 'manager',
        summary: `申请 ${n}`,
        payload: null,
      }),
    );
  const sweepAll = () => Promise.all(instances.map((svc) => uow.run((tx) => svc.sweep(tx, clock.now()))));
  const keys = async (like: string) =>
    (
      (await t.ds.query(
        `SELECT card_key FROM outbox_message WHERE kind = 'send' AND card_key LIKE '${like}'`,
      )) as Array<{
        card_key: string;
      }>
    ).map((r) => r.card_key);

  it('R-FV-4: three instances sweeping at once re-send each request once and tell the leader once', async () => {
    const a = await ask(1);
    const b = await ask(2);
    clock.set(sh('2026-11-23T11:00:00'));
    const first = await sweepAll();
    expect(first.reduce((n, r) => n + r.resent, 0)).toBe(2);
    await sweepAll();
    expect((await keys('%:again')).sort()).toEqual(
      [a.id, b.id].flatMap((id) => [MGR1, MGR2].map((x) => `approval:${id}:approver:${x.openId}:again`)).sort(),
    );
    clock.set(sh('2026-11-23T13:00:00'));
    const second = await sweepAll();
    expect(second.reduce((n, r) => n + r.escalated, 0)).toBe(2);
    await sweepAll();
    expect((await keys('%:leader:%')).sort()).toEqual(
      [a.id, b.id].map((id) => `approval:${id}:leader:${LEADER.openId}`).sort(),
    );
    const audits = await t.ds.query(`SELECT subject_id FROM audit_log WHERE action = 'approval.escalated'`);
    expect(audits).toHaveLength(2);
  });

  it('R-FV-4: a decided request is neither re-sent nor escalated; its copies and the leader card are all patched', async () => {
    const a = await ask(3);
    clock.set(sh('2026-11-23T11:00:00'));
    await sweepAll();
    clock.set(sh('2026-11-23T13:00:00'));
    await sweepAll();
    await uow.run((tx) => instances[1]!.decide(tx, MGR1, a.id, 'approved', null));
    const patched = (
      (await t.ds.query(`SELECT card_key FROM outbox_message WHERE kind = 'patch'`)) as Array<{ card_key: string }>
    ).map((r) => r.card_key);
    expect(patched.sort()).toEqual(
      [
        `approval:${a.id}:approver:${MGR1.openId}`,
        `approval:${a.id}:approver:${MGR2.openId}`,
        `approval:${a.id}:approver:${MGR1.openId}:again`,
        `approval:${a.id}:approver:${MGR2.openId}:again`,
        `approval:${a.id}:leader:${LEADER.openId}`,
        `approval:${a.id}:requester`,
      ].sort(),
    );
    // Every patched key names a card that was sent: none can end as a dead letter.
    const sent = new Set(await keys('approval:%'));
    for (const k of patched) expect(sent.has(k), k).toBe(true);
    // The applicant gets a new message about the decision.
    const notices = await t.ds.query(
      `SELECT receive_id FROM outbox_message WHERE kind = 'send' AND dedupe_key = 'approval:${a.id}:decided'`,
    );
    expect(notices.map((r: { receive_id: string }) => r.receive_id)).toEqual([AGENT.openId]);
    clock.set(sh('2026-11-24T17:00:00'));
    expect(await sweepAll()).toEqual([0, 1, 2].map(() => ({ resent: 0, escalated: 0 })));
  });

  it('R-FV-4: a manager who joined after the request is asked at the re-send; the first copies stay as they were', async () => {
    const a = await ask(4);
    const MGR3 = m('ou_so_mgr_three', '钱经理', ['manager']);
    await uow.run((tx) => tx.members.save(MGR3));
    clock.set(sh('2026-11-23T11:00:00'));
    await sweepAll();
    expect((await keys(`approval:${a.id}:approver:%`)).sort()).toEqual(
      [
        `approval:${a.id}:approver:${MGR1.openId}`,
        `approval:${a.id}:approver:${MGR2.openId}`,
        `approval:${a.id}:approver:${MGR1.openId}:again`,
        `approval:${a.id}:approver:${MGR2.openId}:again`,
        `approval:${a.id}:approver:${MGR3.openId}:again`,
      ].sort(),
    );
    await uow.run((tx) => instances[2]!.decide(tx, MGR3, a.id, 'rejected', null));
    const patched = (
      (await t.ds.query(`SELECT card_key FROM outbox_message WHERE kind = 'patch'`)) as Array<{ card_key: string }>
    ).map((r) => r.card_key);
    // No patch for a first copy 钱经理 never had.
    expect(patched).not.toContain(`approval:${a.id}:approver:${MGR3.openId}`);
    expect(patched).toContain(`approval:${a.id}:approver:${MGR3.openId}:again`);
  });
});

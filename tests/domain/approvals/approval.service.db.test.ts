import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Approval, ApprovalCardRenderer } from '../../../src/domain/approvals/approval.js';
import { ApprovalService } from '../../../src/domain/approvals/approval.service.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { DomainError } from '../../../src/domain/shared/errors.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';

const m = (openId: string, name: string, roles: Member['roles']): Member => ({
  openId,
  name,
  roles,
  active: true,
  nameRefreshedAt: null,
});
const MGR1 = m('ou_mgr_one', '王经理', ['manager']);
const MGR2 = m('ou_mgr_two', '赵经理', ['manager']);
const AGENT = m('ou_agent_a', '李招商', ['agent']);

const cards: ApprovalCardRenderer = {
  approverCard: (v) => ({ who: 'approver', status: v.approval.status, by: v.deciderName }),
  requesterCard: (v) => ({ who: 'requester', status: v.approval.status, by: v.deciderName }),
};

describe('approvals on the database', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let clock: ManualClock;
  let svc: ApprovalService;
  const decided: Approval[] = [];

  beforeAll(async () => {
    t = await openTestDb();
    clock = new ManualClock('2026-11-23T02:00:00Z');
    uow = new TypeOrmUnitOfWork(t.db, clock);
    svc = new ApprovalService({ clock, settings: { resendAfterMinutes: 60 }, cards });
    svc.register('test', { approverRoles: ['manager'], onDecided: async (_tx, a) => void decided.push(a) });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.truncate();
    decided.length = 0;
    await uow.run(async (tx) => {
      for (const x of [MGR1, MGR2, AGENT]) await tx.members.save(x);
    });
  });

  const ask = () =>
    uow.run((tx) =>
      svc.request(tx, {
        kind: 'test',
        subjectId: '42',
        requester: AGENT.openId,
        approverRole: 'manager',
        summary: '2026-11-24 · 张记',
        payload: { x: 1 },
      }),
    );
  const outbox = () =>
    t.ds.query(`SELECT kind, receive_id, card_key, content FROM outbox_message ORDER BY id`) as Promise<
      Array<{ kind: string; receive_id: string | null; card_key: string; content: string }>
    >;

  it('R-FV-1: a request sends every manager a card and the requester a status card, all keyed for later patches', async () => {
    const a = await ask();
    const rows = await outbox();
    expect(rows.map((r) => r.card_key).sort()).toEqual(
      [
        `approval:${a.id}:approver:${MGR1.openId}`,
        `approval:${a.id}:approver:${MGR2.openId}`,
        `approval:${a.id}:requester`,
      ].sort(),
    );
    expect(a.status).toBe('pending');
    expect(a.notified.sort()).toEqual([MGR1.openId, MGR2.openId].sort());
  });

  it('R-FV-1: two managers pressing at once give exactly one decision; the other is told it is already handled', async () => {
    const a = await ask();
    const results = await Promise.allSettled([
      uow.run((tx) => svc.decide(tx, MGR1, a.id, 'approved', '同意')),
      uow.run((tx) => svc.decide(tx, MGR2, a.id, 'rejected', '不同意')),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0]!.reason as DomainError).messageKey).toBe('approval.already_decided');
    const row = (await t.ds.query(`SELECT status, decided_by, comment FROM approval WHERE id = ${a.id}`))[0];
    const winner = (ok[0] as PromiseFulfilledResult<{ approval: Approval }>).value.approval;
    expect(row.status).toBe(winner.status);
    expect(row.decided_by).toBe(winner.decidedBy);
    expect(decided).toHaveLength(1);
    const audits = await t.ds.query(
      `SELECT action FROM audit_log WHERE subject_type = 'approval' AND subject_id = '${a.id}' AND action <> 'approval.requested'`,
    );
    expect(audits).toHaveLength(1);
    // Every card of this approval is patched once, to the winning outcome.
    const patches = (await outbox()).filter((r) => r.kind === 'patch');
    expect(patches).toHaveLength(3);
    for (const p of patches) expect(JSON.parse(p.content).status).toBe(winner.status);
  });

  it('R-FV-1: two concurrent decideOnce calls on one approval: exactly one changes the row', async () => {
    const a = await ask();
    for (let round = 0; round < 3; round++) {
      const id = round === 0 ? a.id : (await ask()).id;
      const results = await Promise.all([
        uow.run((tx) => tx.approvals.decideOnce(id, 'approved', MGR1.openId, null, clock.now())),
        uow.run((tx) => tx.approvals.decideOnce(id, 'rejected', MGR2.openId, null, clock.now())),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const [row] = await t.ds.query(`SELECT status, decided_by FROM approval WHERE id = ${id}`);
      expect(row.status).toBe(results[0] ? 'approved' : 'rejected');
      expect(row.decided_by).toBe(results[0] ? MGR1.openId : MGR2.openId);
    }
  });

  it('R-FV-1: a second press after the decision changes nothing and names who decided', async () => {
    const a = await ask();
    await uow.run((tx) => svc.decide(tx, MGR1, a.id, 'approved', null));
    const err = await uow.run((tx) => svc.decide(tx, MGR2, a.id, 'rejected', 'x')).catch((e: DomainError) => e);
    expect((err as DomainError).messageKey).toBe('approval.already_decided');
    expect((err as DomainError).params.by).toBe('王经理');
    const row = (await t.ds.query(`SELECT status, comment FROM approval WHERE id = ${a.id}`))[0];
    expect(row).toEqual({ status: 'approved', comment: null });
  });

  it('R-FV-1: an agent pressing 批准 is refused and nothing changes', async () => {
    const a = await ask();
    const err = await uow.run((tx) => svc.decide(tx, AGENT, a.id, 'approved', null)).catch((e: DomainError) => e);
    expect((err as DomainError).messageKey).toBe('approval.not_approver.manager');
    expect((await t.ds.query(`SELECT status FROM approval WHERE id = ${a.id}`))[0].status).toBe('pending');
  });

  it('R-AUD-1: request and decision are in the audit log with who and the comment', async () => {
    const a = await ask();
    await uow.run((tx) => svc.decide(tx, MGR2, a.id, 'rejected', '日期再议'));
    const rows = await t.ds.query(
      `SELECT actor, action, after_json FROM audit_log WHERE subject_id = '${a.id}' ORDER BY id`,
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['approval.requested', 'approval.rejected']);
    expect(rows[1].actor).toBe(MGR2.openId);
    expect(JSON.parse(rows[1].after_json).comment).toBe('日期再议');
  });

  it('R-FV-1: the requester withdraws a pending request; then nobody can decide it', async () => {
    const a = await ask();
    await uow.run((tx) => svc.withdraw(tx, AGENT, a.id));
    const err = await uow.run((tx) => svc.decide(tx, MGR1, a.id, 'approved', null)).catch((e: DomainError) => e);
    expect((err as DomainError).messageKey).toBe('approval.already_decided');
  });

  it('R-FV-1: a pending approval older than the setting is re-sent to the approvers once', async () => {
    const a = await ask();
    expect(await uow.run((tx) => svc.resendStale(tx, clock.now()))).toBe(0);
    clock.advance(61 * 60_000);
    expect(await uow.run((tx) => svc.resendStale(tx, clock.now()))).toBe(1);
    clock.advance(120 * 60_000);
    expect(await uow.run((tx) => svc.resendStale(tx, clock.now()))).toBe(0);
    const sends = (await outbox()).filter(
      (r) => r.kind === 'send' && r.card_key.startsWith(`approval:${a.id}:approver:`),
    );
    expect(sends).toHaveLength(4);
  });
});

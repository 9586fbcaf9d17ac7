import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { SentMessage } from '../../../src/sandbox/fake-lark-server.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const AGENT = 'ou_an_agent_li';
const MGR = 'ou_an_mgr_wang';
const MGR2 = 'ou_an_mgr_zhao';
const LEADER = 'ou_an_leader_sun';
const LEADER2 = 'ou_an_leader_qian';

/** Shanghai wall time → instant. */
const sh = (iso: string) => new Date(`${iso}+08:00`);

/**
 * R-FV-4 through the real webhook on both databases: the applicant is told of a decision by a new
 * message, a request nobody decides is re-sent after 2 working hours and brought to the leaders 2
 * working hours later, and every copy of the request shows the decision.
 */
describe('approvals that notify and never stall (R-FV-4)', () => {
  let t: TestApp;
  let clock: ManualClock;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    clock = new ManualClock(sh('2026-11-23T09:00:00')); // Monday
    t = await startTestApp({
      clock,
      members: {
        [AGENT]: { name: '李招商', roles: ['agent'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
        [MGR2]: { name: '赵经理', roles: ['manager'] },
        [LEADER]: { name: '孙领导', roles: ['leader'] },
        [LEADER2]: { name: '钱领导', roles: ['leader'] },
      },
    });
    await t.app.uow.run(async (tx) => {
      const c = await tx.clients.create(
        {
          name: '张记五金',
          shopName: null,
          contactPerson: null,
          phone: null,
          category: null,
          clientType: 'merchant',
          source: null,
          grade: 'C',
          owner: { kind: 'agent', openId: AGENT },
        },
        clock.now(),
      );
      ids.client = c.id;
    });
  });
  afterAll(async () => t?.close());

  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const s = (m: SentMessage) => JSON.stringify(m.current);
  /** The timer's work, run now at the test clock's time. */
  const sweep = async () => {
    const n = await t.app.uow.run((tx) => t.app.services.approvals.sweep(tx, clock.now()));
    await t.delivered();
    return n;
  };
  const filePlan = async (visitDate: string): Promise<number> => {
    const body = await t.click(
      AGENT,
      { a: 'fv.plan.save' },
      {
        formValue: {
          visit_date: `${visitDate} +0800`,
          clients: [String(ids.client)],
          places: '建材城',
          purpose: '邀请看铺',
        },
      },
    );
    expect(body.toast.type).toBe('success');
    await t.delivered();
    const [row] = await q('SELECT approval_id FROM field_visit_plan ORDER BY id DESC LIMIT 1');
    return Number(row.approval_id);
  };
  /** Messages to `openId` since the `from`-th. */
  const copiesTo = (openId: string, from: number) => t.lark.messagesTo(openId).slice(from);

  it('R-FV-4: an approved plan reaches the applicant as a new message, not only as an updated card', async () => {
    const id = await filePlan('2026-11-24');
    const before = t.lark.messagesTo(AGENT).length;
    const body = await t.click(
      MGR,
      { a: 'approval.decide', id, d: 'approved', from: 'card' },
      { formValue: { comment: '注意安全' } },
    );
    expect(body.toast.type).toBe('success');
    await t.delivered();
    const fresh = t.lark.messagesTo(AGENT).slice(before);
    expect(fresh).toHaveLength(1);
    expect(s(fresh[0]!)).toContain('你的走访计划已批准');
    expect(s(fresh[0]!)).toContain('王经理');
    expect(s(fresh[0]!)).toContain('注意安全');
    // The request card itself was patched as well.
    expect(JSON.stringify(t.lark.cardsTo(AGENT).at(-2))).toContain('已批准');
  });

  it('R-FV-4: a rejected plan reaches the applicant as a new message too', async () => {
    const id = await filePlan('2026-11-25');
    const before = t.lark.messagesTo(AGENT).length;
    await t.click(
      MGR2,
      { a: 'approval.decide', id, d: 'rejected', from: 'card' },
      { formValue: { comment: '日期再议' } },
    );
    await t.delivered();
    const fresh = t.lark.messagesTo(AGENT).slice(before);
    expect(fresh).toHaveLength(1);
    expect(s(fresh[0]!)).toContain('你的走访计划被驳回');
    expect(s(fresh[0]!)).toContain('日期再议');
  });

  it('R-FV-4: undecided 2 working hours after filing, the request is sent to every decider again, once', async () => {
    clock.set(sh('2026-11-23T09:00:00'));
    const mark: Record<string, number> = {
      [MGR]: t.lark.messagesTo(MGR).length,
      [MGR2]: t.lark.messagesTo(MGR2).length,
    };
    ids.stale = await filePlan('2026-11-26');
    for (const m of [MGR, MGR2]) expect(copiesTo(m, mark[m]!)).toHaveLength(1);

    clock.set(sh('2026-11-23T10:59:00'));
    expect((await sweep()).resent).toBe(0);
    for (const m of [MGR, MGR2]) expect(copiesTo(m, mark[m]!)).toHaveLength(1);

    clock.set(sh('2026-11-23T11:00:00'));
    expect((await sweep()).resent).toBe(1);
    for (const m of [MGR, MGR2]) {
      const copies = copiesTo(m, mark[m]!);
      expect(copies).toHaveLength(2);
      expect(s(copies[1]!)).toContain('再次提醒');
      expect(s(copies[1]!)).toContain('"form_action_type"');
    }
    clock.set(sh('2026-11-23T11:30:00'));
    expect(await sweep()).toEqual({ resent: 0, escalated: 0 });
    for (const m of [MGR, MGR2]) expect(copiesTo(m, mark[m]!)).toHaveLength(2);
    expect(t.lark.messagesTo(LEADER)).toHaveLength(0);
  });

  it('R-FV-4: still undecided 2 working hours after the re-send, the leaders get a card naming request, applicant, deciders and age', async () => {
    clock.set(sh('2026-11-23T12:59:00'));
    expect((await sweep()).escalated).toBe(0);
    expect(t.lark.messagesTo(LEADER)).toHaveLength(0);

    clock.set(sh('2026-11-23T13:00:00'));
    expect((await sweep()).escalated).toBe(1);
    for (const l of [LEADER, LEADER2]) {
      const cards = t.lark.messagesTo(l);
      expect(cards).toHaveLength(1);
      const c = s(cards[0]!);
      expect(c).toContain('走访计划超时未审批');
      expect(c).toContain('李招商');
      expect(c).toContain('王经理、赵经理');
      expect(c).toContain('4 个工作小时');
      expect(c).toContain('张记五金');
      expect(c).not.toContain('"form_action_type"');
    }
    clock.set(sh('2026-11-23T16:00:00'));
    expect(await sweep()).toEqual({ resent: 0, escalated: 0 });
    expect(t.lark.messagesTo(LEADER)).toHaveLength(1);
    const [row] = await q(`SELECT escalated_at FROM approval WHERE id = ${ids.stale}`);
    expect(row.escalated_at).toBeTruthy();
  });

  it("R-FV-4: once decided, every copy — first, re-sent, the leaders' — shows the decision and the applicant is told", async () => {
    const before = t.lark.messagesTo(AGENT).length;
    // Decided from the FIRST copy: the re-sent copy and the other manager's copies must follow.
    await t.click(MGR2, { a: 'approval.decide', id: ids.stale, d: 'approved', from: 'card' });
    await t.delivered();
    for (const m of [MGR, MGR2]) {
      // The first copy and the re-sent one: both patched, no live buttons, no 待审批 left.
      const copies = t.lark.messagesTo(m).slice(-2);
      expect(copies.map((c) => c.patches.length)).toEqual([1, 1]);
      for (const c of copies) {
        expect(s(c)).toContain('已批准');
        expect(s(c)).toContain('赵经理');
        expect(s(c)).not.toContain('"form_action_type"');
        expect(s(c)).not.toContain('待审批');
      }
    }
    for (const l of [LEADER, LEADER2]) {
      const c = s(t.lark.messagesTo(l)[0]!);
      expect(c).toContain('已批准');
      expect(c).toContain('无需再跟进');
    }
    const fresh = t.lark.messagesTo(AGENT).slice(before);
    expect(fresh).toHaveLength(1);
    expect(s(fresh[0]!)).toContain('你的走访计划已批准');
    // Every patch found its card: nothing was dead-lettered.
    const [dead] = await q(`SELECT COUNT(*) AS n FROM outbox_message WHERE status = 'dead'`);
    expect(Number(dead.n)).toBe(0);
  });

  it('R-FV-4: filed at 17:00 on Friday, the request is re-sent on Monday morning — working hours, not wall hours', async () => {
    clock.set(sh('2026-11-27T17:00:00'));
    const mark = t.lark.messagesTo(MGR).length;
    const id = await filePlan('2026-11-30');
    expect(copiesTo(MGR, mark)).toHaveLength(1);
    for (const at of ['2026-11-27T19:00:00', '2026-11-28T12:00:00', '2026-11-29T20:00:00', '2026-11-30T09:59:00']) {
      clock.set(sh(at));
      expect((await sweep()).resent).toBe(0);
    }
    expect(copiesTo(MGR, mark)).toHaveLength(1);
    clock.set(sh('2026-11-30T10:00:00'));
    expect((await sweep()).resent).toBe(1);
    expect(copiesTo(MGR, mark)).toHaveLength(2);
    expect(s(copiesTo(MGR, mark)[1]!)).toContain('再次提醒');
    // Two working hours later (12:00), not earlier.
    clock.set(sh('2026-11-30T11:59:00'));
    expect((await sweep()).escalated).toBe(0);
    clock.set(sh('2026-11-30T12:00:00'));
    expect((await sweep()).escalated).toBe(1);
    const [row] = await q(`SELECT status, resent_at, escalated_at FROM approval WHERE id = ${id}`);
    expect(row.status).toBe('pending');
  });
});

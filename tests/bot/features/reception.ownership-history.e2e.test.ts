import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const DESK = 'ou_oh_desk';
const MGR = 'ou_oh_mgr';
const A1 = 'ou_oh_agent1';
const A2 = 'ou_oh_agent2';
const A3 = 'ou_oh_agent3';

/** "Why is it yours?" (R-AUD-2) and a ledger that explains itself, through the real webhook. */
describe("ownership history and the day's ledger end to end", () => {
  let t: TestApp;
  let clock: ManualClock;
  let rulingClient: number;
  let poolClient: number;

  beforeAll(async () => {
    // Monday 2026-11-23, 09:00 in Shanghai.
    clock = new ManualClock('2026-11-23T01:00:00Z');
    t = await startTestApp({
      clock,
      members: {
        [DESK]: { name: '前台小王', roles: ['front_desk'] },
        [MGR]: { name: '李经理', roles: ['manager'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [A2]: { name: '周招商', roles: ['agent'] },
        [A3]: { name: '吴四', roles: ['agent'] },
      },
    });
  });
  afterAll(async () => t?.close());

  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const text = (card: unknown) => unescapeMd(JSON.stringify(card));
  const arrive = (formValue: Record<string, string>) =>
    t.click(DESK, { a: 'reception.arrive' }, { formValue: { card_agent: 'none', leader: 'no', ...formValue } });
  const pending = async () =>
    (await q(`SELECT id, agent FROM rotation_offer WHERE status = 'pending' ORDER BY id`)) as Array<{
      id: number;
      agent: string;
    }>;
  const detailOf = async (who: string, clientId: number) =>
    text((await t.click(who, { a: 'client.detail', clientId })).card.data);

  it("R-ATT-6: the manager's dispute card shows how and when the current owner got the client; the ruling then shows in 详情 with rule, decider, time and reason", async () => {
    // 09:00 a walk-in; the first agent lets the offer time out, the next one accepts (R-ATT-1).
    await arrive({ name: '王五服饰', phone: '13900001111' });
    const first = (await pending())[0]!;
    clock.advance(181_000);
    await t.app.uow.run((tx) => t.app.services.reception.sweepExpiredOffers(tx, clock.now()));
    const second = (await pending())[0]!;
    expect(second.agent).not.toBe(first.agent);
    expect((await t.click(second.agent, { a: 'rotation.accept', offerId: Number(second.id) })).toast.type).toBe(
      'success',
    );
    const [c] = await q(`SELECT id, owner_open_id FROM client WHERE phone = '13900001111'`);
    rulingClient = Number(c.id);
    const holder = c.owner_open_id as string;
    const holderName = holder === A1 ? '张招商' : holder === A2 ? '周招商' : '吴四';
    const claimant = holder === A3 ? A1 : A3;
    const claimantName = claimant === A3 ? '吴四' : '张招商';

    // 10:00 the other agent disputes; the manager's card says how the holder got the client, and when.
    clock.advance(57 * 60_000);
    await t.say(claimant, '申诉 13900001111 上周是我接待的');
    await t.delivered();
    const disputeCard = text(t.lark.cardsTo(MGR).at(-1));
    expect(disputeCard).toContain('归属申诉');
    expect(disputeCard).toContain('现归属由来');
    expect(disputeCard).toContain('首次自然到访，按轮续接待（R-ATT-1）');
    expect(disputeCard).toContain(`→ ${holderName}`);
    expect(disputeCard).toContain('11/23 09:03 首次自然到访');

    // 10:05 the manager gives it to the claimant.
    clock.advance(5 * 60_000);
    const [d] = await q(`SELECT id FROM dispute ORDER BY id DESC LIMIT 1`);
    const decided = await t.click(MGR, { a: 'dispute.decide', disputeId: Number(d.id), decision: 'claimant' });
    expect(decided.toast.type).toBe('success');
    expect(text(decided.card.data)).toContain('经理裁决归属申诉（R-ATT-6）');

    const detail = await detailOf(claimant, rulingClient);
    expect(detail).toContain('归属记录');
    expect(detail).toContain(
      `现归属由来：11/23 10:05 经理裁决归属申诉 → ${claimantName}；决定人：李经理；结果：归申诉人；申诉人：${claimantName}；申诉理由：上周是我接待的`,
    );
    // The earlier step stays, oldest first.
    expect(detail.indexOf('首次自然到访')).toBeLessThan(detail.lastIndexOf('经理裁决归属申诉'));
    // Rule IDs are for the manager checking a decision; the agent reads the step in words.
    expect(detail).not.toMatch(/R-[A-Z]+-\d/);
    // The manager sees the same record, with the rule behind each step.
    const managerView = await detailOf(MGR, rulingClient);
    expect(managerView).toContain('申诉理由：上周是我接待的');
    expect(managerView).toContain('经理裁决归属申诉（R-ATT-6）');
  });

  it('R-ATT-4: a public-pool client handed out with a reason shows the hand-out in 详情 with rule, manager, time and reason', async () => {
    // 11:00 a walk-in everybody free passes on: the public pool (R-ROT-5).
    clock.advance(55 * 60_000);
    await arrive({ name: '赵六餐饮', phone: '13900002222' });
    for (let guard = 0; guard < 5; guard++) {
      const open = await pending();
      if (!open.length) break;
      await t.click(open[0]!.agent, { a: 'rotation.pass', offerId: Number(open[0]!.id) });
    }
    const [c] = await q(`SELECT id, owner_kind FROM client WHERE phone = '13900002222'`);
    expect(c.owner_kind).toBe('pool');
    poolClient = Number(c.id);

    // 14:00 the manager hands it to 吴四 with a reason.
    clock.advance(3 * 3600_000);
    const res = await t.click(
      MGR,
      { a: 'pool.assign', page: 1 },
      { formValue: { client: String(poolClient), agent: A3, reason: '客户点名要求吴四' } },
    );
    expect(res.toast.type).toBe('success');

    const detail = await detailOf(A3, poolClient);
    expect(detail).toContain('11/23 11:00 招商员均忙碌或跳过，进入公共客户 → 公共客户；决定人：系统（自动）');
    expect(detail).toContain(
      '现归属由来：11/23 14:00 经理从公共客户分配 → 吴四；决定人：李经理；原因：客户点名要求吴四',
    );
    // Not "自然到访" as the reason it is 吴四's: the owner line is backed by the hand-out.
    expect(detail).not.toMatch(/现归属由来：[^；]*首次自然到访/);
  });

  it("R-AUD-2: an agent who is neither the owner nor a manager does not see the history of someone else's client", async () => {
    const [c] = await q(`SELECT owner_open_id FROM client WHERE id = ${poolClient}`);
    expect(c.owner_open_id).toBe(A3);
    const other = A1;
    const detail = await detailOf(other, poolClient);
    expect(detail).toContain('赵六餐饮');
    expect(detail).not.toContain('归属记录');
    expect(detail).not.toContain('客户点名要求吴四');
    expect(detail).not.toContain('李经理');
    // The front desk sees contact details but not the history either.
    expect(await detailOf(DESK, poolClient)).not.toContain('归属记录');
  });

  it("R-AUD-2: the day's ledger with every kind of event names clients and people, outcomes and reasons — and never an open_id", async () => {
    // A business-card client (R-ATT-2, busy → 接待完成), a leader referral (R-ATT-5), and rotation management.
    await t.say(A2, '接待完成');
    await arrive({ name: '钱七茶叶', phone: '13900003333', card_agent: A3 });
    await arrive({ name: '孙八电器', phone: '13900004444', leader: 'yes' });
    await t.click(DESK, { a: 'rotation.duty', agent: A1, on: false });
    await t.click(DESK, { a: 'rotation.duty', agent: A1, on: true });
    await t.click(DESK, { a: 'rotation.move', agent: A3, dir: 'up' });
    await t.click(DESK, { a: 'rotation.reset' });
    // An agent at the pointer claims the turn for a client at the desk (R-ROT-3).
    const pointer = (
      await q(
        `SELECT open_id FROM rotation_member WHERE day = '2026-11-23' AND on_duty = 1 AND busy_walk_in_id IS NULL ORDER BY turns, seq LIMIT 1`,
      )
    )[0].open_id as string;
    await t.say(pointer, '接待');

    await t.say(MGR, '轮续记录');
    const summary = text(t.lark.messages.at(-1)!.current);
    expect(summary).toContain('轮续记录 2026-11-23');
    for (const name of ['张招商', '周招商', '吴四']) expect(summary).toContain(name);
    for (const ev of [
      '到访登记',
      '发出邀请',
      '超时',
      '接待',
      '忙碌跳过',
      '进入公共客户',
      '公共客户分配',
      '归属申诉',
      '申诉裁决',
      '直接接待',
      '接待完成',
      '标记请假',
      '标记在岗',
      '上移',
      '重置顺序',
      '主动接待',
      '开始当日轮续',
    ]) {
      expect(summary).toContain(ev);
    }
    expect(summary).not.toContain('ou_');

    // The rows, page by page, as a phone reads them.
    const pages: string[] = [];
    const open = async (page: number) =>
      text((await t.click(MGR, { a: 'ledger.page', day: '2026-11-23', page })).card.data);
    const first = await open(1);
    const count = Number(/第 1\/(\d+) 页/.exec(first)?.[1]);
    pages.push(first);
    for (let p = 2; p <= count; p++) pages.push(await open(p));
    for (const p of pages) expect(p).not.toContain('ou_');
    const all = pages.join('\n');
    expect(pages.length).toBeGreaterThan(1);
    expect(all).toContain('公共客户分配 · 客户：赵六餐饮');
    expect(all).toMatch(/公共客户分配 · 客户：赵六餐饮（DJ-[^)）]*）?|公共客户分配 · 客户：赵六餐饮/);
    expect(all).toContain('现归属：吴四 · 原因：客户点名要求吴四 · R-ATT-4 · 操作：李经理');
    expect(all).toMatch(
      /申诉裁决 · 客户：王五服饰[^·]* · 结果：归申诉人 · 现归属：(吴四|张招商) · 申诉人：(吴四|张招商) · R-ATT-6 · 操作：李经理/,
    );
    expect(all).toMatch(/归属申诉 · (吴四|张招商) · 客户：王五服饰[^·]* · 申诉理由：上周是我接待的/);
    expect(all).toContain('进入公共客户 · 客户：赵六餐饮');
    expect(all).toContain('到访登记 · 吴四 · 客户：钱七茶叶');
    expect(all).toContain('直接接待 · 吴四 · 客户：钱七茶叶');
    expect(all).toContain('判定：R-ATT-2');
    expect(all).toContain('进入公共客户 · 客户：孙八电器');
    expect(all).toMatch(/超时 · (张招商|周招商|吴四) · 客户：王五服饰/);
    expect(all).toContain('操作：系统');
  });
});

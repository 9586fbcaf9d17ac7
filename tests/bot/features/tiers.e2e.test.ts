import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const AGENT = 'ou_tm_agent';
const MGR = 'ou_tm_mgr';
const LEADER = 'ou_tm_leader';
const KA = 'ou_tm_ka';

/** R-TIER-1/2 and R-INFO-1 through the real webhook. */
describe('tiers, hand-overs and materials end to end', () => {
  let t: TestApp;
  let clientId: number;
  const clock = new ManualClock('2026-11-23T02:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      members: {
        [AGENT]: { name: '李招商', roles: ['agent'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
        [LEADER]: { name: '陈总', roles: ['leader'] },
        [KA]: { name: '孙大客户', roles: ['key_account'] },
      },
    });
    clientId = await t.app.uow.run(
      async (tx) =>
        (
          await tx.clients.create(
            {
              name: '宏达陶瓷',
              shopName: null,
              contactPerson: null,
              phone: null,
              category: null,
              clientType: 'manufacturer',
              source: null,
              grade: 'B',
              owner: { kind: 'agent', openId: AGENT },
            },
            clock.now(),
          )
        ).id,
    );
  });
  afterAll(async () => t?.close());

  const last = () => t.lark.messages.at(-1)!.current as any;
  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const delivered = () => t.delivered();

  it('menus by role: agents see 走访计划 and 资料, managers 待阅日志 and 商户分档', async () => {
    await t.say(AGENT, '帮助');
    const a = JSON.stringify(last());
    expect(a).toContain('走访计划');
    expect(a).toContain('资料');
    expect(a).not.toContain('待阅日志');
    await t.say(MGR, '帮助');
    const m = JSON.stringify(last());
    expect(m).toContain('待阅日志');
    expect(m).toContain('商户分档');
  });

  it('R-TIER-2: 分档 shows the criteria form; the manager sets a tier and a leader confirms it from a card', async () => {
    await t.say(AGENT, '分档 宏达');
    expect(last().text).toContain('没有执行此操作的权限');
    await t.say(MGR, '分档 宏达');
    expect(JSON.stringify(last())).toContain('厂家实力');
    const body = await t.click(
      MGR,
      { a: 'tier.save', clientId },
      {
        formValue: {
          store_area: '1200',
          store_count: '6',
          brand_level: 'province',
          warehouse: '2500',
          turnover: '1500',
          strength: 'strong',
          tier: '1',
        },
      },
    );
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('等待上级领导确认');
    await delivered();
    const card = JSON.stringify(t.lark.cardsTo(LEADER).at(-1));
    expect(card).toContain('拟定档位：**一档**');
    const [{ id }] = await q(`SELECT id FROM approval WHERE kind = 'tier'`);
    const res = await t.click(LEADER, { a: 'approval.decide', id, d: 'approved', from: 'card' });
    expect(res.toast.type).toBe('success');
    expect((await q(`SELECT tier, status FROM client_tier WHERE client_id = ${clientId}`))[0]).toEqual({
      tier: '1',
      status: 'confirmed',
    });
    await delivered();
    expect(JSON.stringify(t.lark.cardsTo(MGR).at(-1))).toContain('已批准');
  });

  it('R-TIER-1: the agent asks to hand over; the manager approves; both sides are told', async () => {
    await t.say(AGENT, '移交大客户 宏达');
    expect(JSON.stringify(last())).toContain('孙大客户');
    const body = await t.click(AGENT, { a: 'tier.handover', clientId }, { formValue: { to: KA, reason: '连锁' } });
    expect(body.toast.type).toBe('success');
    const [{ id }] = await q(`SELECT id FROM approval WHERE kind = 'handover'`);
    await t.click(MGR, { a: 'approval.decide', id, d: 'approved', from: 'card' });
    await delivered();
    expect((await q(`SELECT owner_open_id FROM client WHERE id = ${clientId}`))[0].owner_open_id).toBe(KA);
    expect(JSON.stringify(t.lark.cardsTo(KA).at(-1))).toContain('大客户移交完成');
    expect(JSON.stringify(t.lark.cardsTo(AGENT).map((c) => JSON.stringify(c)))).toContain('大客户移交完成');
    await t.say(AGENT, '移交记录');
    expect(JSON.stringify(last())).toContain('宏达陶瓷');
  });

  it('R-INFO-1: a draft is seen by managers only; agents receive approved material', async () => {
    let body = await t.click(
      MGR,
      { a: 'material.add' },
      { formValue: { title: '', kind: 'link', body: 'nope', status: 'draft' } },
    );
    expect(body.toast.type).toBe('error');
    expect(JSON.stringify(body.card.data)).toContain('nope');
    body = await t.click(
      MGR,
      { a: 'material.add' },
      { formValue: { title: '优惠政策', kind: 'text', body: '首年免租三个月', status: 'draft' } },
    );
    expect(body.toast.type).toBe('success');
    await t.click(
      MGR,
      { a: 'material.add' },
      { formValue: { title: '项目介绍', kind: 'link', body: 'https://example.com/pitch', status: 'approved' } },
    );
    await t.say(AGENT, '资料');
    const list = JSON.stringify(last());
    expect(list).toContain('项目介绍');
    expect(list).not.toContain('优惠政策');
    const [{ id: draftId }] = await q(`SELECT id FROM material WHERE status = 'draft'`);
    const refused = await t.click(AGENT, { a: 'material.send', id: draftId });
    expect(refused.toast.content).toContain('尚未批准');
    const refusedApprove = await t.click(AGENT, { a: 'material.approve', id: draftId });
    expect(refusedApprove.toast.content).toContain('没有执行此操作的权限');
    await t.click(MGR, { a: 'material.approve', id: draftId });
    const ok = await t.click(AGENT, { a: 'material.send', id: draftId });
    expect(ok.toast.type).toBe('success');
    expect(JSON.stringify(last())).toContain('首年免租三个月');
  });
});

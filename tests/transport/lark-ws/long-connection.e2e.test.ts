import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { TestApp } from '../../helpers/test-app.js';
import { LARK_MODES, startTestAppIn } from '../../helpers/test-app-ws.js';

const ADMIN = 'ou_lc_admin';
const DESK = 'ou_lc_desk';
const A1 = 'ou_lc_agent1';
const MGR = 'ou_lc_mgr';

/**
 * The core stories, once through the webhook and once through Feishu's long connection (the real SDK
 * WSClient against the stand-in endpoint): the same router, inbox and outbox must give the same result.
 */
describe.each(LARK_MODES)('core stories in LARK_MODE=%s', (mode) => {
  let t: TestApp;
  let clock: ManualClock;
  let clientId = 0;

  beforeAll(async () => {
    // Monday 2026-11-23, 09:00 in Shanghai.
    clock = new ManualClock('2026-11-23T01:00:00Z');
    t = await startTestAppIn(mode, {
      clock,
      admins: [ADMIN],
      members: {
        [DESK]: { name: '前台小王', roles: ['front_desk'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
      },
    });
    await t.app.uow.run(async (tx) => {
      clientId = (
        await tx.clients.create(
          {
            name: '张记五金',
            shopName: null,
            contactPerson: null,
            phone: null,
            category: null,
            clientType: 'merchant',
            source: null,
            grade: 'C',
            owner: { kind: 'agent', openId: A1 },
          },
          clock.now(),
        )
      ).id;
    });
  });
  afterAll(async () => t?.close());

  const cardsTo = (openId: string) => t.lark.cardsTo(openId).map((c) => JSON.stringify(c));
  const buttonValue = (card: string, action: string) => {
    const m = new RegExp(`\\{"a":"${action.replace('.', '\\.')}"[^}]*\\}`).exec(card);
    if (!m) throw new Error(`no ${action} button on ${card.slice(0, 300)}`);
    return JSON.parse(m[0]) as Record<string, unknown>;
  };

  it('帮助 gets the menu card', async () => {
    const res = await t.say(ADMIN, '帮助');
    expect(res.status).toBe(200);
    const reply = t.lark.messages.at(-1)!;
    expect(reply.msgType).toBe('interactive');
    expect(JSON.stringify(reply.current)).toContain('成员与角色');
  });

  it('R-ATT-1: a walk-in is registered, the offer reaches the agent at the pointer, 接待 from the card', async () => {
    await t.say(DESK, '新客到访');
    const body = await t.click(
      DESK,
      { a: 'reception.arrive' },
      { formValue: { name: '张记五金', phone: '138-1234-5678', card_agent: 'none', leader: 'no', note: '看一楼铺位' } },
    );
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('已登记到访');
    await t.delivered();
    const offer = cardsTo(A1).at(-1)!;
    expect(offer).toContain('轮到你接待');
    const accept = await t.click(A1, buttonValue(offer, 'rotation.accept'));
    expect(accept.toast.type).toBe('success');
    expect(JSON.stringify(accept.card.data)).toContain('form.visitor.open');
    await t.delivered();
    expect(cardsTo(DESK).at(-1)!).toContain('已接待');
  });

  it('R-ATT-1: a bad phone brings the form back filled in with the error; nothing is written', async () => {
    const before = Number((await t.app.ds.query('SELECT COUNT(*) AS n FROM walk_in'))[0].n);
    const body = await t.click(
      DESK,
      { a: 'reception.arrive' },
      { formValue: { name: '李女士', phone: '555-0100', card_agent: 'none', leader: 'no' } },
    );
    expect(body.toast.type).toBe('error');
    const card = JSON.stringify(body.card.data);
    expect(card).toContain('不是有效的中国手机或座机号码');
    expect(card).toContain('李女士');
    expect(Number((await t.app.ds.query('SELECT COUNT(*) AS n FROM walk_in'))[0].n)).toBe(before);
  });

  it('R-FV-1: a field-visit plan is approved from the card', async () => {
    const saved = await t.click(
      A1,
      { a: 'fv.plan.save' },
      {
        formValue: {
          visit_date: '2026-11-23 +0800',
          clients: [String(clientId)],
          places: '建材城',
          purpose: '邀请看铺',
        },
      },
    );
    expect(saved.toast.type).toBe('success');
    const [plan] = (await t.app.ds.query('SELECT id, approval_id FROM field_visit_plan')) as any[];
    await t.delivered();
    expect(cardsTo(MGR).at(-1)!).toContain('批准');
    const decided = await t.click(
      MGR,
      { a: 'approval.decide', id: plan.approval_id, d: 'approved', from: 'card' },
      { formValue: { comment: '注意安全' } },
    );
    expect(decided.toast.type).toBe('success');
    expect(JSON.stringify(decided.card.data)).toContain('已批准');
    await t.delivered();
    expect(cardsTo(A1).at(-1)!).toContain('注意安全');
    expect((await t.app.ds.query(`SELECT status FROM field_visit_plan WHERE id = ${plan.id}`))[0].status).toBe(
      'approved',
    );
  });

  it('every event went in through the chosen way only', async () => {
    const endpointCalls = t.lark.calls.filter((c) => c.path === '/callback/ws/endpoint').length;
    if (mode === 'ws') expect(endpointCalls).toBeGreaterThanOrEqual(1);
    else expect(endpointCalls).toBe(0);
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grade } from '../../../src/domain/clients/client.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { SETTING_DEPARTMENT_CHAT } from '../../../src/domain/shared/settings.js';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const LI = 'ou_calls_agent_li';
const ZHOU = 'ou_calls_agent_zhou';
const DESK = 'ou_calls_desk';
const MGR = 'ou_calls_mgr';
const CHAT = 'oc_calls_dept';
const SH = 'Asia/Shanghai';
const at = (date: string, h: number, m = 0) => zonedToUtc(date, h, m, 0, SH);

/** Every button value with action `a` in a card, in card order. */
function buttonValues(card: unknown, a: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'callback' && (o.value as { a?: string } | undefined)?.a === a)
      found.push(o.value as Record<string, unknown>);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return found;
}

/** R-DAY-3 call log and R-DAY-4 ABCD follow-up, through the webhook, the cards and the jobs. */
describe('calls and follow-ups by grade (R-DAY-3, R-DAY-4)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-11-15', 10));
  const ids: Record<string, number> = {};
  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const n = async (sql: string) => Number((await q(sql))[0].n);
  const text = (x: unknown) => unescapeMd(JSON.stringify(x));
  const last = () => t.lark.messages.at(-1)!.current as any;
  const tick = async (d: Date) => {
    clock.set(d);
    await t.app.services.jobs.scheduler.tick();
    await t.delivered();
  };

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      members: {
        [LI]: { name: '李招商', roles: ['agent'] },
        [ZHOU]: { name: '周招商', roles: ['agent'] },
        [DESK]: { name: '陈前台', roles: ['front_desk'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
      },
    });
    const member = (openId: string, name: string): Member => ({
      openId,
      name,
      roles: ['agent'],
      active: true,
      nameRefreshedAt: null,
    });
    // Registered on Sunday 2026-11-15 and not contacted since: 8 days on Monday the 23rd.
    await t.app.uow.run(async (tx) => {
      await tx.settings.set(SETTING_DEPARTMENT_CHAT, CHAT);
      const add = async (key: string, owner: Member, name: string, grade: Grade | null, phone: string | null) => {
        const c = await t.app.services.clients.create(
          tx,
          {
            name,
            shopName: null,
            contactPerson: null,
            phone,
            category: null,
            clientType: null,
            source: 'walk_in',
            grade,
            owner: { kind: 'agent', openId: owner.openId },
          },
          owner,
        );
        ids[key] = c.id;
      };
      const li = member(LI, '李招商');
      await add('wang', li, '老王五金', 'B', '13812345678');
      await add('star', li, '星光服饰', 'B', null);
      await add('ming', li, '明辉灯具', 'B', null);
      await add('dahua', li, '大华电器', 'C', null);
      await add('new', li, '未分级客户', null, null);
      await add('zhou', member(ZHOU, '周招商'), '周的客户', 'A', '13900001111');
    });
  });
  afterAll(async () => t?.close());

  it('R-DAY-4: at 09:00 a B client 8 days without contact and nothing planned is on the agent’s list as 待跟进', async () => {
    await tick(at('2026-11-23', 9));
    const card = t.lark.cardsTo(LI).find((c) => text(c).includes('待跟进'));
    expect(card).toBeDefined();
    const s = text(card);
    expect(s).toContain('待跟进：老王五金');
    expect(s).toContain('待跟进：星光服饰');
    expect(s).toContain('B级，上次联系 8 天前');
    expect(s).toContain('3 位客户待跟进');
    // C is on a 14-day cadence; ungraded clients have none.
    expect(s).not.toContain('大华电器');
    expect(s).not.toContain('未分级客户');
    expect(buttonValues(card, 'followup.plan').map((v) => v.clientId)).toEqual(
      expect.arrayContaining([ids.wang, ids.star, ids.ming]),
    );
    // Another agent's list is their own.
    expect(text(t.lark.cardsTo(ZHOU))).not.toContain('星光服饰');
  });

  it('R-DAY-4: 安排回访 opens the revisit plan form prefilled with the client; filed, the client leaves the list', async () => {
    const card = t.lark.cardsTo(LI).find((c) => text(c).includes('待跟进'))!;
    const tap = buttonValues(card, 'followup.plan').find((v) => v.clientId === ids.ming)!;
    await t.click(LI, tap);
    const form = last();
    expect(text(form)).toContain('明辉灯具');
    const submit = buttonValues(form, 'form.revisit_plan.submit')[0];
    expect(submit).toMatchObject({ clientId: ids.ming });
    const body = await t.click(LI, submit!, { formValue: { date: '2026-11-30', purpose: '看铺位' } });
    expect(body.toast.type).toBe('success');
    const due = await t.app.uow.run((tx) => t.app.services.followUps.dueFor(tx, '2026-11-23', LI));
    expect(due[0]!.items.map((i) => i.clientName)).toEqual(['老王五金', '星光服饰']);
  });

  it('R-DAY-3: `call` opens the agent’s clients with a new-number form and 今日 0/50', async () => {
    clock.set(at('2026-11-23', 9, 30));
    await t.say(LI, 'call');
    const s = text(last());
    expect(s).toContain('新号码');
    expect(s).toContain('0/50');
    expect(buttonValues(last(), 'call.open').map((v) => v.clientId)).toContain(ids.wang);
    expect(buttonValues(last(), 'call.submit')).toHaveLength(1);
  });

  it('R-DAY-3: a call to an own client is logged and answered with 今日 1/50', async () => {
    // The picked client's form replaces the list (the callback's answer).
    const form = (await t.click(LI, buttonValues(last(), 'call.open').find((v) => v.clientId === ids.wang)!)).card.data;
    expect(text(form)).toContain('老王五金');
    const submit = buttonValues(form, 'call.submit')[0]!;
    expect(submit).toMatchObject({ clientId: ids.wang });
    const body = await t.click(LI, submit, { formValue: { outcome: 'connected', grade: 'B', note: '下周来看铺' } });
    expect(body.toast.type).toBe('success');
    expect(body.toast.content).toContain('今日 1/50');
    expect(text(body.card.data)).toContain('1/50');
    const [row] = await q(`SELECT agent_open_id, client_id, call_date, outcome, grade, note FROM call_log`);
    expect(row).toMatchObject({ agent_open_id: LI, call_date: '2026-11-23', outcome: 'connected', grade: 'B' });
    expect(Number(row.client_id)).toBe(ids.wang);
  });

  it('R-DAY-4: a call that regrades the client changes its grade, recorded; 今日 2/50', async () => {
    const body = await t.click(
      LI,
      { a: 'call.submit', clientId: ids.wang },
      { formValue: { outcome: 'interested', grade: 'A' } },
    );
    expect(body.toast.content).toContain('今日 2/50');
    expect(text(body.card.data)).toContain('B → A');
    const [c] = await q(`SELECT grade FROM client WHERE id = ${ids.wang}`);
    expect(c.grade).toBe('A');
    expect(await n(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'client.regraded'`)).toBe(1);
  });

  it('R-FORM-3: the same call form tapped twice is logged once', async () => {
    const body = await t.click(
      LI,
      { a: 'call.submit', clientId: ids.wang },
      { formValue: { outcome: 'interested', grade: 'A' } },
    );
    expect(body.toast.type).not.toBe('success');
    expect(body.toast.content).toContain('刚刚已经记录过了');
    expect(await n(`SELECT COUNT(*) AS n FROM call_log WHERE client_id = ${ids.wang}`)).toBe(2);
  });

  it('R-DAY-3: a new number is logged as a new client of the caller; 今日 3/50', async () => {
    const body = await t.click(
      LI,
      { a: 'call.submit' },
      { formValue: { name: '新客户灯饰', phone: '137 0000 0000', outcome: 'no_answer', grade: 'C' } },
    );
    expect(body.toast.type).toBe('success');
    expect(body.toast.content).toContain('今日 3/50');
    const [c] = await q(`SELECT id, owner_open_id, source, grade, phone FROM client WHERE name = '新客户灯饰'`);
    expect(c).toMatchObject({ owner_open_id: LI, source: 'phone', grade: 'C', phone: '13700000000' });
    expect(await n(`SELECT COUNT(*) AS n FROM call_log WHERE client_id = ${Number(c.id)}`)).toBe(1);
  });

  it('R-INFO-2: a new number that is another agent’s client is refused naming whose; nothing is written', async () => {
    const before = [await n(`SELECT COUNT(*) AS n FROM call_log`), await n(`SELECT COUNT(*) AS n FROM client`)];
    const body = await t.click(
      LI,
      { a: 'call.submit' },
      { formValue: { name: '王老板', phone: '+86 139 0000 1111', outcome: 'connected' } },
    );
    expect(body.toast.type).toBe('error');
    expect(body.toast.content).toContain('周招商');
    expect(body.toast.content).toContain('撞单');
    // The form comes back with what was typed.
    expect(text(body.card.data)).toContain('王老板');
    expect([await n(`SELECT COUNT(*) AS n FROM call_log`), await n(`SELECT COUNT(*) AS n FROM client`)]).toEqual(
      before,
    );
  });

  it('R-DAY-3: a bad number or a missing outcome comes back field by field; a front desk member is refused', async () => {
    const body = await t.click(LI, { a: 'call.submit' }, { formValue: { name: '某客户', phone: '12345' } });
    expect(body.toast.type).toBe('error');
    const s = text(body.card.data);
    expect(s).toContain('不是有效的电话号码');
    expect(s).toContain('必填');
    expect(s).toContain('某客户');
    const desk = await t.click(DESK, { a: 'call.submit', clientId: ids.wang }, { formValue: { outcome: 'connected' } });
    expect(desk.toast.type).not.toBe('success');
    expect(desk.toast.content).toContain('招商员');
    expect(await n(`SELECT COUNT(*) AS n FROM call_log`)).toBe(3);
  });

  it('R-DAY-4: at 18:00 the manager’s plan lists what is still to follow up, with one-tap 安排回访', async () => {
    await tick(at('2026-11-23', 18));
    const card = t.lark.cardsTo(MGR).find((c) => text(c).includes('待跟进'));
    expect(card).toBeDefined();
    const s = text(card);
    expect(s).toContain('待跟进：星光服饰');
    // Called today (老王五金) or with a revisit planned (明辉灯具): nothing to follow up.
    expect(s).not.toContain('待跟进：老王五金');
    expect(s).not.toContain('待跟进：明辉灯具');
    const tap = buttonValues(card, 'followup.plan').find((v) => v.clientId === ids.star);
    expect(tap).toBeDefined();
    await t.click(MGR, tap!);
    expect(buttonValues(last(), 'form.revisit_plan.submit')[0]).toMatchObject({ clientId: ids.star });
  });

  it('R-DAY-3: the 18:30 digest lists who fell short of 50 calls', async () => {
    await tick(at('2026-11-23', 18, 30));
    const digest = t.lark.cardsTo(CHAT).find((c) => text(c).includes('电话未达标'));
    expect(digest).toBeDefined();
    const s = text(digest);
    expect(s).toContain('每人每日 50 通');
    expect(s).toContain('周招商 0');
    expect(s).toContain('李招商 3');
    // The group card never carries a number.
    expect(s).not.toContain('13700000000');
  });

  it('R-DAY-3: the weekly summary counts each agent’s calls', async () => {
    await tick(at('2026-11-30', 9));
    const weekly = t.lark
      .cardsTo(CHAT)
      .filter((c) => text(c).includes('本周电话'))
      .at(-1);
    expect(weekly).toBeDefined();
    expect(text(weekly)).toContain('李招商 3');
  });

  it('R-DAY-4: 我的客户 comes grouped by grade, with counts and the clients to follow up', async () => {
    clock.set(at('2026-11-30', 10));
    await t.say(LI, '我的客户');
    const card = last();
    const s = text(card);
    const order = ['A 级', 'B 级', 'C 级', '未分级'].map((g) => s.indexOf(g));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(s).toContain('老王五金');
    expect(s).toMatch(/B 级\*\* · 2 位/);
    // 星光服饰: B, 15 days without contact.
    expect(s).toContain('1 位待跟进');
    expect(buttonValues(card, 'clients.mine.page')).toEqual(
      expect.arrayContaining([expect.objectContaining({ grade: 'B' })]),
    );
  });
});

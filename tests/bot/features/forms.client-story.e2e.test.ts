import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';

const LI = 'ou_story_agent_li';
const ZHOU = 'ou_story_agent_zhou';
const DESK = 'ou_story_desk_chen';
const MGR = 'ou_story_mgr_wang';

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
const buttonValue = (card: unknown, a: string) => buttonValues(card, a)[0];

/** A walk-in to a signed contract, through the real webhook, cards and forms. */
describe('client story: walk-in → registration → revisit → deposit → contract', () => {
  let t: TestApp;
  let clock: ManualClock;
  let clientId = 0;
  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const last = () => t.lark.messages.at(-1)!.current as any;
  const text = (x: unknown) => JSON.stringify(x);
  const delivered = () => t.delivered();
  const n = async (table: string) => Number((await q(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    clock = new ManualClock('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [LI]: { name: '李招商', roles: ['agent'] },
        [ZHOU]: { name: '周招商', roles: ['agent'] },
        [DESK]: { name: '陈前台', roles: ['front_desk'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
      },
    });
  });
  afterAll(async () => t?.close());

  const busyWith = async (openId: string) =>
    (await t.app.uow.run((tx) => t.app.services.rotation.view(tx))).members.find((m) => m.openId === openId)
      ?.busyWalkInId ?? null;

  it('R-ROT-4: the agent takes the walk-in and opens the visitor form from the rotation card', async () => {
    await t.say(LI, '接待');
    expect(await busyWith(LI)).not.toBeNull();
    const open = buttonValue(last(), 'form.visitor.open');
    expect(open).toMatchObject({ a: 'form.visitor.open', walkInId: expect.any(Number) });
    await t.click(LI, open!);
    const form = last();
    expect(text(form)).toContain('来访客户登记表');
    expect(buttonValue(form, 'form.visitor.submit')).toMatchObject({ walkInId: open!.walkInId });
  });

  it("R-ROT-4: a form for another agent's walk-in is refused; nothing is written", async () => {
    const submit = buttonValue(last(), 'form.visitor.submit')!;
    const body = await t.click(ZHOU, submit, { formValue: { name: '老王五金', phone: '13812345678' } });
    expect(body.toast.type).toBe('error');
    expect(body.toast.content).toContain('由其他招商员接待');
    expect(await n('client')).toBe(0);
  });

  it('R-FORM-1: a bad phone comes back field by field with what was typed; nothing is written', async () => {
    const submit = buttonValue(last(), 'form.visitor.submit')!;
    const body = await t.click(LI, submit, {
      formValue: {
        name: '老王五金',
        contact: '王先生',
        phone: '12345',
        category: '五金',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'Z',
      },
    });
    expect(body.toast.type).toBe('error');
    const s = text(body.card.data);
    expect(s).toContain('不是有效的电话号码');
    expect(s).toContain('请从下拉列表中选择');
    expect(s).toContain('老王五金');
    expect(s).toContain('王先生');
    expect(await n('client')).toBe(0);
  });

  it('R-ROT-4: registration gives DJ-20261123-001, links the walk-in and ends the busy state', async () => {
    const submit = buttonValue(last(), 'form.visitor.submit')!;
    const body = await t.click(LI, submit, {
      formValue: {
        name: '老王五金',
        contact: '王先生',
        phone: '138 1234 5678',
        category: '五金',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'B',
      },
    });
    expect(body.toast.type).toBe('success');
    expect(text(body.card.data)).toContain('DJ-20261123-001');
    const [c] = await q(`SELECT id, phone, owner_open_id, state FROM client`);
    expect(c).toMatchObject({ phone: '13812345678', owner_open_id: LI, state: 'intent' });
    clientId = Number(c.id);
    // The deadline runs from the walk-in's acceptance (R-FORM-1): 2 h later, and this one is on time.
    const [fr] = await q(`SELECT due_at, late, incomplete FROM form_record WHERE kind = 'visitor'`);
    expect(new Date(fr.due_at).toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(Number(fr.late)).toBe(0);
    const [w] = await q(`SELECT client_id FROM walk_in WHERE id = ${Number(submit.walkInId)}`);
    expect(Number(w.client_id)).toBe(clientId);
    expect(await busyWith(LI)).toBeNull();
    // The same walk-in's form again is stale.
    const again = await t.click(LI, submit, { formValue: { name: '老王五金', phone: '13812345678' } });
    expect(again.toast.type).toBe('error');
    expect(again.toast.content).toContain('已经登记过');
  });

  it('R-INFO-2: 撞单 — another agent registering the same phone learns whose it is; the owner is told', async () => {
    await t.say(ZHOU, '登记');
    const submit = buttonValue(last(), 'form.visitor.submit')!;
    const body = await t.click(ZHOU, submit, { formValue: { name: '王老板', phone: '+86 13812345678', grade: 'A' } });
    const s = text(body.card.data);
    expect(s).toContain('撞单');
    expect(s).toContain('李招商');
    expect(unescapeMd(s)).toContain('138****5678');
    expect(s).not.toContain('13812345678');
    expect(await n('client')).toBe(1);
    await delivered();
    expect(text(t.lark.cardsTo(LI))).toContain('周招商 刚刚登记了你的客户');
  });

  it('R-INFO-2: 查 shows contact details to the owner only, and never phones in a group', async () => {
    await t.say(ZHOU, '查 老王');
    const other = text(last());
    expect(other).toContain('老王五金');
    expect(other).toContain('李招商');
    expect(unescapeMd(other)).toContain('138****5678');
    expect(other).not.toContain('王先生');
    await t.say(LI, '查 5678');
    expect(text(last())).toContain('13812345678');
    const before = t.lark.messages.length;
    await t.say(LI, '查 老王', {
      chatType: 'group',
      chatId: 'oc_dept',
      mentions: [{ openId: t.lark.botOpenId, name: '招商助手' }],
    });
    expect(t.lark.messages.length).toBe(before + 1);
    expect(unescapeMd(text(last()))).toContain('138****5678');
    expect(text(last())).not.toContain('13812345678');
    // A form asked for in the group goes to the sender privately.
    const mark = t.lark.messages.length;
    await t.say(LI, '定金 老王', {
      chatType: 'group',
      chatId: 'oc_dept',
      mentions: [{ openId: t.lark.botOpenId, name: '招商助手' }],
    });
    await delivered();
    const sent = t.lark.messages.slice(mark);
    expect(
      sent
        .filter((m) => m.msgType === 'text')
        .map((m) => text(m.current))
        .join(),
    ).toContain('私信');
    expect(sent.filter((m) => m.msgType === 'interactive').map((m) => m.receiveId)).toEqual([LI]);
    expect(text(t.lark.cardsTo(LI).at(-1))).toContain('合同计划签订表');
  });

  it('我的客户 lists the agent’s clients; details lead to the revisit plan', async () => {
    await t.say(LI, '我的客户');
    const list = last();
    expect(text(list)).toContain('老王五金');
    const detail = await t.click(LI, buttonValue(list, 'client.detail')!);
    expect(text(detail.card.data)).toContain('王先生');
    const open = await t.click(LI, buttonValue(detail.card.data, 'form.revisit_plan.open')!);
    expect(text(open.card.data)).toContain('回访计划表');
  });

  it('R-REV-1: 下周 is refused with the fix; a fixed date is accepted and the client is 跟进中', async () => {
    const submit = { a: 'form.revisit_plan.submit', clientId };
    const bad = await t.click(LI, submit, { formValue: { date: '下周', purpose: '带看铺位' } });
    expect(bad.toast.type).toBe('error');
    expect(text(bad.card.data)).toContain('不接受“下周”');
    expect(text(bad.card.data)).toContain('带看铺位');
    expect(await n('revisit')).toBe(0);
    const ok = await t.click(LI, submit, { formValue: { date: '2026-11-24 +0800', purpose: '带看铺位' } });
    expect(ok.toast.type).toBe('success');
    expect((await q(`SELECT state FROM client WHERE id = ${clientId}`))[0].state).toBe('following');
  });

  it('R-REV-1: a revisit typed as one line: 下周 is refused naming the field, 11月28日 is a fixed date', async () => {
    await t.say(LI, '回访 老王 下周 再谈租金');
    expect(last().text ?? text(last())).toContain('回访日期：“下周”不是具体日期');
    await t.say(LI, '回访 老王 2026-02-30');
    expect(text(last())).toContain('这一天不存在');
    await t.say(LI, '回访 老王 11月28日 再谈租金');
    expect(text(last())).toContain('已安排回访：老王五金，11月28日');
    expect((await q(`SELECT due_date FROM revisit ORDER BY id DESC LIMIT 1`))[0].due_date).toBe('2026-11-28');
  });

  it('R-REV-2: the revisit is done from a button; the stale button is refused', async () => {
    clock.set('2026-11-24T02:00:00Z');
    await t.say(LI, '回访');
    const done = buttonValue(last(), 'revisit.done')!;
    expect(done).toMatchObject({ revisitId: expect.any(Number) });
    await t.click(LI, done);
    const submit = buttonValue(last(), 'revisit.done.submit')!;
    const saved = await t.click(LI, submit, { formValue: { outcome_note: '看了铺位，下周报价' } });
    expect(saved.toast.type).toBe('success');
    expect(text(saved.card.data)).toContain('看了铺位，下周报价');
    expect(buttonValue(saved.card.data, 'revisit.done.submit')).toBeUndefined();
    const stale = await t.click(LI, submit);
    expect(stale.toast.type).not.toBe('success');
    expect(stale.toast.content).toContain('已经处理过');
  });

  it('R-CON-1: 定金 opens the signing plan; a negative deposit is refused; then 已交定金', async () => {
    await t.say(LI, '定金 老王');
    const submit = buttonValue(last(), 'form.signing.submit')!;
    const bad = await t.click(LI, submit, {
      formValue: { deposit: '-5000', paid_date: '2026-11-24 +0800', signing_date: '2026-11-26 +0800', unit: 'A区-108' },
    });
    expect(text(bad.card.data)).toContain('金额必须大于 0');
    expect(await n('signing_plan')).toBe(0);
    const ok = await t.click(LI, submit, {
      formValue: { deposit: '20000', paid_date: '2026-11-24 +0800', signing_date: '2026-11-26 +0800', unit: 'A区-108' },
    });
    expect(text(ok.card.data)).toContain('已登记定金 20,000 元');
    expect((await q(`SELECT state FROM client WHERE id = ${clientId}`))[0].state).toBe('deposit');
  });

  it("R-INFO-2: a forged or stale card for someone else's client is refused with whose it is, filled in, nothing written", async () => {
    const body = await t.click(
      ZHOU,
      { a: 'form.collection.submit', clientId },
      { formValue: { contract_no: 'ZS-2026-999', unit: 'A区-108', area: '120', rent: '15000', term: '36' } },
    );
    expect(body.toast.type).toBe('error');
    expect(body.toast.content).toContain('是李招商的客户');
    expect(text(body.card.data)).toContain('ZS-2026-999');
    expect(await n('contract_collection')).toBe(0);
  });

  it('R-CON-2: the agent files the collection form, the front desk enters the signed contract against it', async () => {
    clock.set('2026-11-26T02:00:00Z');
    await t.say(LI, '领取 老王');
    const collect = buttonValue(last(), 'form.collection.submit')!;
    const c = await t.click(LI, collect, {
      formValue: { contract_no: 'ZS-2026-118', unit: 'A区-108', area: '120', rent: '15000', term: '36' },
    });
    expect(c.toast.type).toBe('success');

    await t.say(DESK, '签约');
    const sign = buttonValue(last(), 'form.signed.submit')!;
    const s = await t.click(DESK, sign, {
      formValue: {
        contract_no: 'zs-2026-118',
        signed_date: '2026-11-26 +0800',
        unit: 'A区-108',
        area: '120',
        rent: '15000',
      },
    });
    expect(text(s.card.data)).toContain('已登记签约合同 ZS-2026-118');
    expect(text(s.card.data)).toContain('李招商');
    expect((await q(`SELECT state FROM client WHERE id = ${clientId}`))[0].state).toBe('signed');
    const twice = await t.click(DESK, sign, {
      formValue: {
        contract_no: 'ZS-2026-118',
        signed_date: '2026-11-26 +0800',
        unit: 'A区-108',
        area: '120',
        rent: '15000',
      },
    });
    expect(text(twice.card.data)).toContain('已经登记过，不能重复使用');
    expect(await n('signed_contract')).toBe(1);
  });

  it('R-CON-3: the manager reconciles the day: both tables agree', async () => {
    await t.say(MGR, '对账 2026-11-26');
    expect(text(last())).toContain('两表一致');
  });

  it('R-FORM-2: the manager flags a form from the client card; the agent is told', async () => {
    const detail = await t.click(MGR, { a: 'client.detail', clientId });
    // Forms are listed newest first: the last one is the agent's visitor registration.
    const flag = buttonValues(detail.card.data, 'form.flag.open').at(-1)!;
    const form = await t.click(MGR, flag);
    const done = await t.click(MGR, buttonValue(form.card.data, 'form.flag.submit')!, {
      formValue: { reason: '面积与实际不符' },
    });
    expect(done.toast.type).toBe('success');
    await delivered();
    expect(text(t.lark.cardsTo(LI))).toContain('面积与实际不符');
  });

  it('R-ATT-6: the 撞单 card carries a 申诉 button; pressing it sends the manager a dispute card', async () => {
    await t.say(ZHOU, '登记');
    const submit = buttonValue(last(), 'form.visitor.submit')!;
    const body = await t.click(ZHOU, submit, { formValue: { name: '王老板', phone: '13812345678', grade: 'A' } });
    expect(text(body.card.data)).toContain('撞单');
    const raise = buttonValue(body.card.data, 'dispute.raise')!;
    expect(raise).toMatchObject({ a: 'dispute.raise', clientId });
    const res = await t.click(ZHOU, raise);
    expect(res.toast.type).toBe('success');
    const [d] = await q(`SELECT client_id, claimant, holder_open_id, status FROM dispute`);
    expect(d).toMatchObject({ claimant: ZHOU, holder_open_id: LI, status: 'open' });
    expect(Number(d.client_id)).toBe(clientId);
    await delivered();
    expect(buttonValues(t.lark.cardsTo(MGR), 'dispute.decide').length).toBeGreaterThan(0);
  });

  it('every card stays under Feishu limits (30 KB, 200 components)', () => {
    for (const m of t.lark.messages.filter((x) => x.msgType === 'interactive')) {
      expect(Buffer.byteLength(JSON.stringify(m.current))).toBeLessThan(30_000);
      expect(countElements(m.current)).toBeLessThan(200);
    }
  });
});

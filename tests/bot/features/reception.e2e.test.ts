import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';

const DESK = 'ou_rc_desk';
const MGR = 'ou_rc_mgr';
const A1 = 'ou_rc_agent1';
const A2 = 'ou_rc_agent2';
const A3 = 'ou_rc_agent3';

/** The front desk through the real webhook: register → offer card → timeout → next agent accepts → desk card updated. */
describe('front desk reception end to end', () => {
  let t: TestApp;
  let clock: ManualClock;

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
        [A3]: { name: '吴招商', roles: ['agent'] },
      },
    });
  });
  afterAll(async () => t?.close());

  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const delivered = () => t.delivered();
  const cardsTo = (openId: string) => t.lark.cardsTo(openId).map((c) => JSON.stringify(c));
  const buttonValue = (card: string, action: string) => {
    const m = new RegExp(`\\{"a":"${action.replace('.', '\\.')}"[^}]*\\}`).exec(card);
    if (!m) throw new Error(`no ${action} button on ${card.slice(0, 300)}`);
    return JSON.parse(m[0]) as Record<string, unknown>;
  };

  it('R-ATT-1: the desk registers a walk-in → offer card to the agent at the pointer → timeout → next agent accepts → the desk card follows', async () => {
    await t.say(DESK, '新客到访');
    expect(JSON.stringify(t.lark.messages.at(-1)!.current)).toContain('新客到访');

    const body = await t.click(
      DESK,
      { a: 'reception.arrive' },
      { formValue: { name: '张记五金', phone: '138-1234-5678', card_agent: 'none', leader: 'no', note: '看一楼铺位' } },
    );
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('已登记到访');
    await delivered();

    // The offer card reaches the first agent; the desk gets its live card.
    const offerCard = cardsTo(A1).at(-1)!;
    expect(offerCard).toContain('轮到你接待');
    expect(unescapeMd(offerCard)).toContain('138****5678');
    expect(offerCard).not.toContain('13812345678');
    const desk0 = cardsTo(DESK).at(-1)!;
    // The rule in words; its ID is for a manager.
    expect(desk0).toContain('首次自然到访 → 按轮续表轮到的招商员');
    expect(desk0).not.toContain('R-ATT-1');
    expect(desk0).toContain('张招商');

    // Three minutes pass with no answer: the stored deadline is swept (the same call the background timer makes).
    clock.advance(181_000);
    await t.app.uow.run((tx) => t.app.services.reception.sweepExpiredOffers(tx, clock.now()));
    await delivered();
    expect(cardsTo(A1).at(-1)!).toContain('已超时');
    const offer2 = cardsTo(A2).at(-1)!;
    expect(offer2).toContain('轮到你接待');
    expect(cardsTo(DESK).at(-1)!).toContain('周招商');
    expect(cardsTo(DESK).at(-1)!).toContain('超时');

    // The second agent presses 接待: their card becomes the accepted card with the register button.
    const accept = await t.click(A2, buttonValue(offer2, 'rotation.accept'));
    expect(accept.toast.type).toBe('success');
    const acceptedCard = JSON.stringify(accept.card.data);
    expect(acceptedCard).toContain('form.visitor.open');
    expect(acceptedCard).toContain('"phone":"13812345678"');
    await delivered();
    const deskFinal = cardsTo(DESK).at(-1)!;
    expect(deskFinal).toContain('已接待');
    expect(deskFinal).toContain('周招商');
    // Exactly one desk card for this walk-in, patched in place.
    expect(t.lark.messagesTo(DESK).filter((m) => JSON.stringify(m.current).includes('到访号 1')).length).toBe(1);

    // A second press of the same button: one outcome, and a toast saying what happened.
    const again = await t.click(A2, buttonValue(offer2, 'rotation.accept'));
    expect(again.toast.content).toContain('已由你接待');
    const [client] = await q(`SELECT owner_open_id FROM client WHERE phone = '13812345678'`);
    expect(client.owner_open_id).toBe(A2);
  });

  it('R-ROT-4: the agent registers the accepted walk-in: a first registration with its own number, and the agent is free again', async () => {
    const [walkIn] = await q(`SELECT id FROM walk_in ORDER BY id DESC LIMIT 1`);
    const opened = await t.click(A2, {
      a: 'form.visitor.open',
      walkInId: Number(walkIn.id),
      name: '张记五金',
      phone: '13812345678',
    });
    const form = JSON.stringify(opened.card?.data ?? t.lark.messages.at(-1)!.current);
    const submit = buttonValue(form, 'form.visitor.submit');
    const body = await t.click(A2, submit, {
      formValue: {
        name: '张记五金',
        contact: '张老板',
        phone: '13812345678',
        category: '五金',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'B',
      },
    });
    const result = JSON.stringify(body.card?.data ?? {}) + JSON.stringify(body.toast ?? {});
    expect(result).toContain('已登记');
    expect(result).not.toContain('老客户再次到访');
    const [client] = await q(`SELECT reg_no FROM client WHERE phone = '13812345678'`);
    expect(client.reg_no).toMatch(/^DJ-20261123-\d{3}$/);
    expect(result).toContain(client.reg_no);
  });

  it('R-ROT-2: an agent sees the rotation read-only and is refused when trying to change it; the desk can', async () => {
    await t.say(A3, '轮续表');
    const card = JSON.stringify(t.lark.messages.at(-1)!.current);
    expect(card).toContain('轮续表 2026-11-23');
    expect(card).not.toContain('rotation.adjust');
    const refused = await t.click(A3, { a: 'rotation.move', agent: A3, dir: 'up' });
    expect(refused.toast.content).toContain('严禁个人勾画轮续');
    await t.say(DESK, '轮续表');
    const deskCard = JSON.stringify(t.lark.messages.at(-1)!.current);
    expect(deskCard).toContain('rotation.adjust'); // 调整 opens the agent's small card with 上移/下移/请假
    const moved = await t.click(DESK, { a: 'rotation.move', agent: A3, dir: 'up' });
    expect(moved.toast.type).toBe('success');
    await t.say(MGR, '轮续记录');
    const ledger = JSON.stringify(t.lark.messages.at(-1)!.current);
    expect(ledger).toContain('轮续记录 2026-11-23');
    expect(ledger).toContain('超时');
    expect(ledger).toContain('上移');
  });

  it('R-ATT-1: a phone that is not a Chinese number brings the form back filled in with the error', async () => {
    const body = await t.click(
      DESK,
      { a: 'reception.arrive' },
      { formValue: { name: '李女士', phone: '555-0100', card_agent: 'none', leader: 'no' } },
    );
    expect(body.toast.type).toBe('error');
    const card = JSON.stringify(body.card.data);
    expect(card).toContain('不是有效的中国手机或座机号码');
    expect(card).toContain('李女士');
  });
});

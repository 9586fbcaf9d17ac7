import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const DESK = 'ou_taps_desk';
const MGR = 'ou_taps_mgr';
const AGENT = 'ou_taps_agent';

/**
 * Each role's everyday task on a phone, counted in taps (a message typed counts as one, a button or a
 * form submit as one): the walk-in registered by the front desk, accepted and registered by the agent,
 * a field-visit plan filed by the agent and approved by the manager — and every decision reaches the
 * person it concerns as a new message, not only as a changed card.
 */
describe('phone-first: taps per everyday task', () => {
  let t: TestApp;
  let taps = 0;
  const say = (who: string, text: string) => (taps++, t.say(who, text));
  const press = (who: string, value: Record<string, unknown>, o?: Parameters<TestApp['click']>[2]) => (
    taps++, t.click(who, value, o)
  );
  /** The value of a button with this action on the newest card this person got. */
  const buttonOn = (card: unknown, action: string): Record<string, unknown> => {
    const m = new RegExp(`\\{"a":"${action.replace(/\./g, '\\.')}"[^}]*\\}`).exec(JSON.stringify(card));
    if (!m) throw new Error(`no ${action} button on ${JSON.stringify(card).slice(0, 300)}`);
    return JSON.parse(m[0]) as Record<string, unknown>;
  };

  beforeAll(async () => {
    // Tuesday 2026-12-01, 09:00 in Shanghai: a working day.
    t = await startTestApp({
      clock: new ManualClock('2026-12-01T01:00:00Z'),
      members: {
        [DESK]: { name: '前台小孙', roles: ['front_desk'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
        [AGENT]: { name: '李招商', roles: ['agent'] },
      },
    });
  });
  afterAll(async () => t?.close());

  it('R-ATT-1: the front desk registers a walk-in in 2 taps, and the agent whose turn it is gets the offer', async () => {
    taps = 0;
    await say(DESK, '新客到访');
    const body = await press(
      DESK,
      { a: 'reception.arrive' },
      { formValue: { name: '鑫隆灯饰', phone: '13912340001', card_agent: 'none', leader: 'no', note: '' } },
    );
    expect(body.toast.type).toBe('success');
    expect(taps).toBeLessThanOrEqual(2);
    await t.delivered();
    expect(JSON.stringify(t.lark.cardsTo(AGENT).at(-1))).toContain('轮到你接待');
  });

  it('R-ROT-3: the agent accepts and registers the visitor in 3 taps, getting a registration number', async () => {
    taps = 0;
    const offer = t.lark.cardsTo(AGENT).at(-1);
    const accepted = await press(AGENT, buttonOn(offer, 'rotation.accept'));
    const opened = await press(AGENT, buttonOn(accepted.card.data, 'form.visitor.open'));
    const form = opened.card?.data ?? t.lark.messages.at(-1)!.current;
    const done = await press(AGENT, buttonOn(form, 'form.visitor.submit'), {
      formValue: {
        name: '鑫隆灯饰',
        contact: '陈先生',
        phone: '13912340001',
        category: '灯饰',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'B',
      },
    });
    expect(taps).toBeLessThanOrEqual(3);
    expect(JSON.stringify(done.card?.data ?? {})).toMatch(/DJ-20261201-\d{3}/);
  });

  it('R-FV-1: the agent files a field-visit plan in 2 taps; the manager approves it in 1; the agent is told by a new message', async () => {
    const [client] = await t.app.ds.query(`SELECT id FROM client WHERE phone = '13912340001'`);
    taps = 0;
    await say(AGENT, '走访计划');
    const filed = await press(
      AGENT,
      { a: 'fv.plan.save' },
      {
        formValue: {
          visit_date: '2026-12-02 +0800',
          clients: [String(client.id)],
          places: '建材城',
          purpose: '邀请看铺',
        },
      },
    );
    expect(filed.toast.type).toBe('success');
    expect(taps).toBeLessThanOrEqual(2);
    await t.delivered();

    taps = 0;
    const request = t.lark.cardsTo(MGR).at(-1);
    const before = t.lark.messagesTo(AGENT).length;
    const decided = await press(MGR, buttonOn(request, 'approval.decide'));
    expect(decided.toast.type).toBe('success');
    expect(taps).toBe(1);
    await t.delivered();
    // A new message rings the agent's phone; an updated card alone would not.
    const news = t.lark.messagesTo(AGENT).slice(before);
    expect(news.some((m) => JSON.stringify(m.content).includes('已批准'))).toBe(true);
  });
});

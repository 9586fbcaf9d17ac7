import { describe, expect, it } from 'vitest';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import { createReceptionCards } from '../../../src/bot/cards/reception-cards.js';
import { ledgerCard, rotationCard } from '../../../src/bot/cards/rotation-cards.js';
import type { WalkInView } from '../../../src/domain/reception/reception.js';
import { applyEvent, fairness, ordered, startDayState } from '../../../src/domain/rotation/rotation.rules.js';
import type { RotationView } from '../../../src/domain/rotation/rotation.service.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';

const agents = Array.from({ length: 50 }, (_, i) => `ou_agent_${i}`);
function view(): RotationView {
  let s = startDayState('2026-11-23', agents);
  s = applyEvent(s, { type: 'accepted', agent: 'ou_agent_0', walkInId: 1 });
  s = applyEvent(s, { type: 'duty', agent: 'ou_agent_1', onDuty: false });
  return {
    day: s.day,
    members: ordered(s).map((m, i) => ({ ...m, name: `招商员${i}`, position: i + 1 })),
    pointer: 'ou_agent_2',
    fairness: fairness(s),
  };
}
const size = (c: unknown) => Buffer.byteLength(JSON.stringify(c));

describe('front desk cards', () => {
  it('R-ROT-2: the rotation card for 50 agents is paged under Feishu limits; agents get it without buttons', () => {
    const desk = rotationCard(view(), true, 1);
    expect(countElements(desk)).toBeLessThan(200);
    expect(size(desk)).toBeLessThan(30_000);
    // One 调整 button per agent row; leave and order live on the small card it opens.
    expect(JSON.stringify(desk)).toContain('rotation.adjust');
    expect(JSON.stringify(desk)).not.toContain('rotation.move');
    const agent = rotationCard(view(), false, 7);
    expect(JSON.stringify(agent)).not.toContain('rotation.move');
    expect(JSON.stringify(agent)).not.toContain('rotation.duty');
    expect(JSON.stringify(agent)).not.toContain('rotation.adjust');
    expect(JSON.stringify(agent)).toContain('严禁个人勾画轮续');
  });

  it("R-AUD-1: a busy day's ledger is a summary first and pages of ten rows, each under Feishu's limits", () => {
    const entries = Array.from({ length: 400 }, (_, i) => ({
      id: i,
      day: '2026-11-23',
      at: new Date(),
      actor: 'ou_desk',
      event: { type: 'offered' as const, agent: agents[i % 50]!, walkInId: i },
      rule: 'R-ROT-3',
      before: null,
      after: null,
    }));
    const summary = ledgerCard('2026-11-23', entries, undefined, {}, 'Asia/Shanghai');
    expect(size(summary)).toBeLessThan(30_000);
    expect(JSON.stringify(summary)).toContain('发出邀请 400');
    expect(JSON.stringify(summary)).toContain('"a":"ledger.page","day":"2026-11-23","page":1');
    for (const page of [1, 20, 40]) {
      const c = ledgerCard('2026-11-23', entries, undefined, {}, 'Asia/Shanghai', { page });
      expect(size(c)).toBeLessThan(30_000);
      expect(countElements(c)).toBeLessThan(200);
      expect(JSON.stringify(c)).toContain(`第 ${page}/40 页`);
      // Agents who are not (or no longer) members never show as an open_id.
      expect(JSON.stringify(c)).not.toContain('ou_');
    }
    expect(
      JSON.stringify(ledgerCard('2026-11-23', entries, undefined, {}, 'Asia/Shanghai', { page: 40 })),
    ).not.toContain('"page":41');
  });

  it('R-ATT-1: the offer and desk cards mask the phone and say which rule applied', () => {
    const cards = createReceptionCards('Asia/Shanghai');
    const at = new Date('2026-11-23T01:00:00Z');
    const v: WalkInView = {
      walkIn: {
        id: 5,
        day: '2026-11-23',
        registeredBy: 'ou_desk',
        arrivedAt: at,
        name: '张记',
        phoneTyped: '13812345678',
        phone: '13812345678',
        cardAgent: null,
        leaderReferral: false,
        note: null,
        rule: 'R-ATT-1',
        status: 'offered',
        owner: null,
        clientId: null,
        decidedAt: null,
      },
      offers: [
        {
          id: 9,
          walkInId: 5,
          day: '2026-11-23',
          agent: 'ou_a',
          attempt: 1,
          status: 'pending',
          offeredAt: at,
          deadlineAt: new Date(at.getTime() + 180_000),
          resolvedAt: null,
        },
      ],
      names: { ou_a: '张招商', ou_desk: '前台' },
      clientName: null,
      timeoutSeconds: 180,
    };
    const offer = JSON.stringify(cards.offer(v, v.offers[0]!));
    expect(unescapeMd(offer)).toContain('138****5678');
    expect(offer).not.toContain('13812345678');
    expect(offer).toContain('09:03');
    const desk = JSON.stringify(cards.desk(v));
    // The rule in words for the desk; its ID is for a manager checking a decision.
    expect(desk).toContain('首次自然到访 → 按轮续表轮到的招商员');
    expect(desk).not.toContain('R-ATT-1');
    expect(desk).toContain('到访号 5（尚未登记）');
    expect(desk).toContain('张招商');
    expect(desk).not.toContain('13812345678');
  });
});

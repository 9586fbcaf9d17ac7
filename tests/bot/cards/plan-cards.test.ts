import { describe, expect, it } from 'vitest';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import { agentPlanCard, managerPlanCard, revisitReminderCard } from '../../../src/bot/cards/plan-cards.js';
import type { PlanItem } from '../../../src/jobs/ports.js';

/** Every callback value on a card, in order. */
function actions(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'callback' && o.value) out.push(o.value as Record<string, unknown>);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return out;
}

const revisit = (id: number, overdue = false): PlanItem => ({
  kind: 'revisit',
  revisitId: id,
  clientName: `客户${id}`,
  date: '2026-11-24',
  overdue,
});

describe('plan and reminder cards', () => {
  it('R-REM-1 / R-REV-2: each revisit on the reminder carries done / reschedule / lost buttons; other lines none', () => {
    const items: PlanItem[] = [
      revisit(7, true),
      revisit(8),
      { kind: 'signing', clientName: '大华', date: '2026-11-24' },
    ];
    const c = revisitReminderCard('2026-11-24', '李招商', items);
    expect(actions(c)).toEqual([
      // 完成 names the reminder it is on, so that card can be redrawn without it once done.
      { a: 'revisit.done', revisitId: 7, src: 'remind', day: '2026-11-24' },
      { a: 'revisit.reschedule.open', revisitId: 7 },
      { a: 'revisit.lost.open', revisitId: 7 },
      { a: 'revisit.done', revisitId: 8, src: 'remind', day: '2026-11-24' },
      { a: 'revisit.reschedule.open', revisitId: 8 },
      { a: 'revisit.lost.open', revisitId: 8 },
    ]);
    expect(JSON.stringify(c)).toContain('大华');
  });

  it("R-REV-2: the agent's plan list (sent on the manager's confirm) carries the same buttons", () => {
    const c = agentPlanCard('2026-11-24', '李招商', [
      revisit(3),
      { kind: 'field_visit', clientName: '建材市场', date: '2026-11-24', note: '看铺' },
    ]);
    expect(actions(c).map((v) => `${v.a}:${v.revisitId}`)).toEqual([
      'revisit.done:3',
      'revisit.reschedule.open:3',
      'revisit.lost.open:3',
    ]);
    expect(JSON.stringify(c)).toContain('走访：建材市场');
  });

  it("R-PLAN-1: a missing 走访日志 shows as an overdue line on the manager's plan and the agent's list", () => {
    const late: PlanItem = { kind: 'visit_log', clientName: '五金城', date: '2026-11-20', overdue: true };
    const manager = JSON.stringify(
      managerPlanCard('2026-11-24', [{ agentOpenId: 'ou_a', items: [late, revisit(4)] }], { ou_a: '李招商' }),
    );
    expect(manager).toContain('【逾期】走访日志未交：五金城（2026-11-20）');
    expect(JSON.stringify(agentPlanCard('2026-11-24', '李招商', [late]))).toContain(
      '【逾期】走访日志未交：五金城（2026-11-20）',
    );
  });

  it('R-REM-1: a long list stays under 200 elements and 30 KB — the first lines get buttons, the rest is cut with "另 N 项"', () => {
    const items = Array.from({ length: 120 }, (_, i) => revisit(i + 1, i % 2 === 0));
    for (const c of [
      revisitReminderCard('2026-11-24', '李招商', items),
      agentPlanCard('2026-11-24', '李招商', items),
    ]) {
      expect(countElements(c)).toBeLessThan(200);
      expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(30_000);
      expect(actions(c).filter((v) => v.a === 'revisit.done')).toHaveLength(15);
      // 15 with buttons, 30 more as lines, 75 summed up.
      expect(JSON.stringify(c)).toContain('另 75 项');
    }
  });

  it("R-PLAN-1: the manager's plan lists approved field visits next to revisits and signings", () => {
    const c = managerPlanCard(
      '2026-11-24',
      [
        {
          agentOpenId: 'ou_a',
          items: [
            revisit(1),
            { kind: 'field_visit', clientName: '星光服饰、建材市场', date: '2026-11-24', note: '看铺' },
          ],
        },
      ],
      { ou_a: '李招商' },
    );
    const s = JSON.stringify(c);
    expect(s).toContain('走访：星光服饰、建材市场');
    expect(s).toContain('回访：客户1');
  });
});

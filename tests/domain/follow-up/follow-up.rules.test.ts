import { describe, expect, it } from 'vitest';
import { callsDigestLine, gradeGroupsCard, newNumberTop } from '../../../src/bot/cards/call-cards.js';
import { button, card, countElements } from '../../../src/bot/cards/card-kit.js';
import type { FollowUpItem } from '../../../src/domain/follow-up/follow-up.js';
import { PLAN_FOLLOW_UPS, REMINDER_FOLLOW_UPS, followUpLines } from '../../../src/jobs/sources/follow-up.source.js';
import { managerPlanCard, revisitReminderCard } from '../../../src/bot/cards/plan-cards.js';
import type { ClientView } from '../../../src/domain/clients/client.service.js';
import { DEFAULT_CADENCE, daysBetween, followUpDue } from '../../../src/domain/follow-up/follow-up.rules.js';
import type { AgentItems, PlanItem } from '../../../src/jobs/ports.js';
import { checkCard } from '../../../src/lark/card-rules.js';

describe('R-DAY-4 follow-up cadence', () => {
  it('R-DAY-4: a client is due on its grade’s cadence day after the last contact, not before', () => {
    const due = (grade: 'A' | 'B' | 'C' | 'D', last: string, today: string) =>
      followUpDue({ grade, lastContactDate: last, revisitPlanned: false }, today, DEFAULT_CADENCE);
    expect(due('B', '2026-11-15', '2026-11-21').due).toBe(false);
    expect(due('B', '2026-11-15', '2026-11-22')).toEqual({ due: true, days: 7, dueDate: '2026-11-22' });
    expect(due('B', '2026-11-15', '2026-11-23').days).toBe(8);
    expect(due('A', '2026-11-20', '2026-11-23').due).toBe(true);
    expect(due('C', '2026-11-15', '2026-11-23').due).toBe(false);
    expect(due('D', '2026-10-24', '2026-11-23').due).toBe(true);
  });

  it('R-DAY-4: a planned revisit or no grade means nothing to follow up', () => {
    expect(
      followUpDue({ grade: 'A', lastContactDate: '2026-01-01', revisitPlanned: true }, '2026-11-23', DEFAULT_CADENCE)
        .due,
    ).toBe(false);
    expect(
      followUpDue({ grade: null, lastContactDate: '2026-01-01', revisitPlanned: false }, '2026-11-23', DEFAULT_CADENCE)
        .due,
    ).toBe(false);
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
  });
});

const due = (i: number): FollowUpItem => ({
  clientId: i + 1,
  clientName: `客户*${i}*`,
  grade: 'B',
  lastContactDate: '2026-11-15',
  days: 8,
  dueDate: '2026-11-22',
});

describe('R-DAY-3 / R-DAY-4 cards', () => {
  it('R-DAY-3: the digest names who fell short, fewest first; nobody short says so', () => {
    const names = { a: '李招商', b: '周招商', c: '王招商' };
    const counts = new Map([
      ['a', 12],
      ['c', 50],
    ]);
    const line = callsDigestLine({ target: 50, counts, agents: ['a', 'b', 'c'] }, names);
    expect(line).toContain('周招商 0、李招商 12');
    expect(line).not.toContain('王招商');
    expect(callsDigestLine({ target: 10, counts, agents: ['a', 'c'] }, names)).toContain('全员达标');
  });

  it('R-DAY-4: a reminder counts follow-ups apart from revisits, each with 安排回访; a manager plan of 20 agents with long lists stays within Feishu’s limits', () => {
    const many = Array.from({ length: 45 }, (_, i) => due(i));
    const reminder = revisitReminderCard('2026-11-23', '李招商', followUpLines(many, REMINDER_FOLLOW_UPS));
    const s = JSON.stringify(reminder);
    expect(s).toContain('45 位客户待跟进');
    expect(s).toContain('客户&#42;0&#42;');
    expect(s).toContain('还有 35 位');
    expect(s.match(/followup\.plan/g)).toHaveLength(REMINDER_FOLLOW_UPS);
    expect(checkCard(reminder)).toEqual([]);
    const revisit = (i: number): PlanItem => ({ kind: 'revisit', clientName: `回访客户${i}`, date: '2026-11-24' });
    const plans: AgentItems[] = Array.from({ length: 20 }, (_, a) => ({
      agentOpenId: `ou_${a}`,
      items: [
        ...Array.from({ length: 5 }, (_, i) => revisit(i)),
        ...followUpLines(
          Array.from({ length: 45 }, (_, i) => due(a * 100 + i)),
          PLAN_FOLLOW_UPS,
        ),
      ],
    }));
    const plan = managerPlanCard('2026-11-24', plans, {});
    expect(checkCard(plan)).toEqual([]);
    expect(countElements(plan)).toBeLessThan(200);
  });

  it('R-DAY-4: 我的客户 by grade with full groups and the new-number form stay within Feishu’s limits', () => {
    const view = (id: number): ClientView =>
      ({
        client: {
          id,
          regNo: `DJ-20261123-${id}`,
          name: `客户${id}`,
          shopName: null,
          contactPerson: null,
          phone: '13812345678',
          category: null,
          clientType: null,
          source: null,
          grade: 'A',
          state: 'following',
          lostReason: null,
          owner: { kind: 'agent', openId: 'ou_a' },
          createdAt: new Date(),
          updatedAt: new Date(),
        },
        ownerName: '李招商',
        full: true,
        phone: '13812345678',
        phoneShown: true,
        canReveal: false,
        contactPerson: null,
      }) as ClientView;
    const groups = (['A', 'B', 'C', 'D'] as const).map((grade) => ({
      grade,
      total: 500,
      due: 20,
      items: [1, 2, 3].map(view),
    }));
    const c = gradeGroupsCard({
      title: '我的客户',
      total: 2100,
      cadence: DEFAULT_CADENCE,
      groups: [...groups, { grade: null, total: 100, due: 0, items: [] }],
      rowButton: (v) => button('详情', { a: 'client.detail', clientId: v.client.id }),
      filterValue: (g) => ({ a: 'clients.mine.page', page: 1, ...(g ? { grade: g } : {}) }),
      filters: [],
      empty: '—',
    });
    expect(checkCard(c)).toEqual([]);
    expect(JSON.stringify(c)).toContain('20 位待跟进');
    const top = card({ title: '电话记录', elements: newNumberTop({ today: 50, target: 50 }) });
    expect(checkCard(top)).toEqual([]);
    expect(JSON.stringify(top)).toContain('已达标');
  });
});

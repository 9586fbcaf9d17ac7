import { describe, expect, it } from 'vitest';
import { membersCard } from '../../../src/bot/cards/member-cards.js';
import { materialsCard } from '../../../src/bot/cards/material-cards.js';
import { targetFormCard } from '../../../src/bot/cards/target-cards.js';
import { planFormCard } from '../../../src/bot/cards/field-visit-cards.js';
import { checkCard } from '../../../src/lark/card-rules.js';

/**
 * Lists that grow with data stay within Feishu's 200 elements and 30 KB at the largest the features
 * ask for (materials: 30 listed; 走访计划表: 50 client options; 设定目标: one input per agent).
 */
const member = (i: number) => ({ openId: `ou_budget_${i}`, name: `招商员${i}`, roles: ['agent'], active: true }) as any;

describe('card budgets (C13, C14)', () => {
  it('C13: 资料库 for a manager with 30 materials and a returned 1000-character form is paged within the limits', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      title: `资料标题${i}`,
      kind: 'text',
      body: 'x',
      status: i % 2 ? 'draft' : 'approved',
    })) as any;
    for (const page of [1, 2, 3]) {
      const card = materialsCard(items, true, {
        page,
        values: { title: '', body: '字'.repeat(1000) },
        errors: { title: '请填写标题' },
      });
      expect(checkCard(card)).toEqual([]);
    }
    expect(JSON.stringify(materialsCard(items, true, { page: 3 }))).toContain('"a":"material.page","page":2');
  });

  it('C13: 成员管理 with 120 members: every page within the limits', () => {
    const members = Array.from({ length: 120 }, (_, i) => member(i));
    for (let page = 1; page <= 8; page++) expect(checkCard(membersCard(members, page))).toEqual([]);
  });

  it('C13: 走访计划表 with the 50 client options it offers', () => {
    expect(
      checkCard(
        planFormCard(
          Array.from({ length: 50 }, (_, i) => ({ value: String(i + 1), text: `客户名称${i}（店铺${i}）` })),
        ),
      ),
    ).toEqual([]);
  });

  it('C13: 设定目标 with 30 agents', () => {
    expect(
      checkCard(
        targetFormCard(
          Array.from({ length: 30 }, (_, i) => member(i)),
          {},
        ),
      ),
    ).toEqual([]);
  });
});

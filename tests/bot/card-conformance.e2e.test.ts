import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCard, countCardElements } from '../../src/lark/card-rules.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Cards that grow with data stay deliverable (Feishu's documented limits, checked by the stand-in on
 * every send and by the test helper on every callback answer), and forms that come back keep what
 * was typed, with the fields the server cannot do without marked `required` for the Feishu client.
 */
const ADMIN = 'ou_cc_admin';
const MGR = 'ou_cc_manager';

type Card = { body: { elements: any[] } };

/** Every element of a card (containers opened), for finding fields by name. */
function all(node: unknown): any[] {
  if (Array.isArray(node)) return node.flatMap(all);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return [o, ...all(o.elements), ...all(o.columns)];
}
const field = (card: unknown, name: string) => all((card as Card).body.elements).find((e) => e.name === name);

describe('card conformance end to end', () => {
  let t: TestApp;
  beforeAll(async () => {
    const members: Record<string, { name: string; roles: any[] }> = {
      [ADMIN]: { name: '管理员', roles: ['admin'] },
      [MGR]: { name: '王经理', roles: ['manager'] },
    };
    // 成员管理 used to pass Feishu's 200 elements at about 55 members.
    for (let i = 0; i < 70; i++)
      members[`ou_cc_agent_${String(i).padStart(2, '0')}`] = { name: `招商员${i}`, roles: ['agent'] };
    t = await startTestApp({ admins: [ADMIN], members });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('C13: 成员管理 with 72 members is paged, every page within the documented limits', async () => {
    await t.say(ADMIN, '成员管理');
    const [first] = t.lark.cardsTo(`oc_p2p_${ADMIN}`).slice(-1);
    expect(first).toBeDefined();
    expect(checkCard(first)).toEqual([]);
    expect(countCardElements(first)).toBeLessThanOrEqual(200);
    let page = 1;
    for (;;) {
      const next =
        all((first as unknown as Card).body.elements).length &&
        (await t.click(ADMIN, { a: 'admin.members.page', page: page + 1 }));
      const card = next?.card?.data;
      expect(card).toBeDefined();
      expect(checkCard(card)).toEqual([]);
      page++;
      if (!JSON.stringify(card).includes('"admin.members.page","page":' + (page + 1))) break;
    }
    expect(page).toBeGreaterThan(1);
  });

  it('C13: 定时任务 is paged, and a toggle keeps the page it was pressed on', async () => {
    await t.say(ADMIN, '定时任务');
    const [first] = t.lark.cardsTo(`oc_p2p_${ADMIN}`).slice(-1);
    expect(checkCard(first)).toEqual([]);
    expect(JSON.stringify(first)).toContain('"a":"jobs.page","page":2');
    const second = (await t.click(ADMIN, { a: 'jobs.page', page: 2 })).card.data;
    expect(checkCard(second)).toEqual([]);
    const toggle = all(second.body.elements).find(
      (e) => e.tag === 'button' && e.behaviors?.[0]?.value?.a === 'jobs.toggle',
    );
    const after = (await t.click(ADMIN, toggle.behaviors[0].value)).card.data;
    expect(JSON.stringify(after)).toContain('第 2/');
    // Put the job back as it was.
    await t.click(ADMIN, { ...toggle.behaviors[0].value, enabled: !toggle.behaviors[0].value.enabled });
  });

  it('R-FORM-1: a form returned with an error keeps all 1000 typed characters', async () => {
    const typed = '铺'.repeat(999) + '尾';
    const body = await t.click(
      MGR,
      { a: 'material.add' },
      { formValue: { title: '', kind: 'text', body: typed, status: 'draft' } },
    );
    const card = body.card.data;
    expect(checkCard(card)).toEqual([]);
    expect(field(card, 'body').default_value).toBe(typed);
    expect(field(card, 'body').max_length).toBe(1000);
  });

  it("R-FORM-1: what a form sends beyond an input's 1000 characters is not echoed, and the field keeps its limit", async () => {
    const body = await t.click(
      MGR,
      { a: 'material.add' },
      { formValue: { title: '', kind: 'text', body: 'x'.repeat(5000), status: 'draft' } },
    );
    expect(checkCard(body.card.data)).toEqual([]);
    expect(field(body.card.data, 'body').default_value).toHaveLength(1000);
  });

  it('R-FORM-1: fields the form cannot be stored without are required for the Feishu client; the rest only carry the red *', async () => {
    const body = await t.click(
      MGR,
      { a: 'material.add' },
      { formValue: { title: '', kind: 'text', body: '', status: 'draft' } },
    );
    const card = body.card.data;
    expect(field(card, 'title').required).toBe(true);
    expect(field(card, 'body').required).toBe(true);
    expect(field(card, 'status').required).toBeUndefined();
  });
});

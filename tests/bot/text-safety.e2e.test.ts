import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMd } from '../../src/bot/cards/safe-text.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const LI = 'ou_safe_agent_li';
const ZHOU = 'ou_safe_agent_zhou';
const HOSTILE = '<at id=all></at>**阿强**<font color="red">建材</font>';

/** Every markdown text in a card. */
function markdownOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownOf(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ((o.tag === 'markdown' || o.tag === 'lark_md') && typeof o.content === 'string') out.push(o.content);
    Object.values(o).forEach((v) => markdownOf(v, out));
  }
  return out;
}

function buttonValue(card: unknown, a: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'callback' && (o.value as { a?: string } | undefined)?.a === a)
      found = o.value as Record<string, unknown>;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

/** The hostile name is in the card only escaped: no mention of everyone, no colour, no bold from it; read back, it is what was typed. */
function expectEscaped(card: unknown): void {
  const md = markdownOf(card).join('\n');
  expect(md).not.toContain('<at');
  expect(md).not.toContain('<font color="red">建材');
  expect(md).not.toContain('**阿强**');
  expect(unescapeMd(md)).toContain(HOSTILE);
}

describe('R-INFO-3: a client registered with a hostile name, through the real webhook', () => {
  let t: TestApp;
  const last = () => t.lark.messages.at(-1)!.current as unknown;

  beforeAll(async () => {
    t = await startTestApp({
      clock: new ManualClock('2026-11-23T01:00:00Z'),
      env: { JOBS_ENABLED: 'false' },
      members: { [LI]: { name: '李招商', roles: ['agent'] }, [ZHOU]: { name: '周招商', roles: ['agent'] } },
    });
  });
  afterAll(async () => t?.close());

  it("R-INFO-3: the agent's success card shows the name as typed and mentions nobody", async () => {
    await t.say(LI, '接待');
    await t.click(LI, buttonValue(last(), 'form.visitor.open')!);
    const submit = buttonValue(last(), 'form.visitor.submit')!;
    const body = await t.click(LI, submit, {
      formValue: {
        name: HOSTILE,
        contact: '王先生',
        phone: '13812345678',
        category: '建材',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'B',
      },
    });
    expect(body.toast.type).toBe('success');
    expectEscaped(body.card.data);
    const [c] = (await t.app.ds.query('SELECT name FROM client')) as Array<{ name: string }>;
    expect(c!.name).toBe(HOSTILE);
  });

  it('R-INFO-3: 查 in the department group lists the client escaped, with no @所有人', async () => {
    const before = t.lark.messages.length;
    await t.say(LI, '查 阿强', {
      chatType: 'group',
      chatId: 'oc_dept',
      mentions: [{ openId: t.lark.botOpenId, name: '招商助手' }],
    });
    await t.delivered();
    const group = t.lark.messages.slice(before);
    expect(group.length).toBeGreaterThan(0);
    for (const m of group) expect(JSON.stringify(m.current)).not.toContain('<at id=all>');
    expectEscaped(group.at(-1)!.current);
  });

  it("R-INFO-3: the owner's 撞单 notice (another agent registers the same phone) carries the escaped name", async () => {
    await t.say(ZHOU, '登记');
    const form = t.lark.messages.at(-1)!.current;
    const submit = buttonValue(form, 'form.visitor.submit');
    expect(submit).toBeDefined();
    await t.click(ZHOU, submit!, {
      formValue: {
        name: '王老板',
        contact: '王',
        phone: '13812345678',
        category: '建材',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'B',
      },
    });
    await t.delivered();
    const notice = t.lark.cardsTo(LI).at(-1);
    expect(JSON.stringify(notice)).toContain('刚刚登记了你的客户');
    expectEscaped(notice);
  });
});

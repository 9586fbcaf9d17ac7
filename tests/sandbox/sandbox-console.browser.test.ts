import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP, DEMO_PEOPLE } from '../../src/sandbox/demo-department.js';
import {
  cardTitled,
  noBrowser,
  openChat,
  openConsole,
  say,
  screenshot,
  type ConsoleSession,
} from './helpers/console-page.js';

const manager = DEMO_PEOPLE.find((p) => p.roles.includes('manager'))!;

/** Issue #8: the console in a real browser — the help menu and the member form, which exist from the backbone. */
describe.skipIf(noBrowser)('sandbox console in Chromium', () => {
  let c: ConsoleSession;
  beforeAll(async () => {
    c = await openConsole();
  });
  afterAll(async () => c?.close());

  it('lists one chat per demo person and the department group', async () => {
    const ids = await c.page.locator('[data-chat-id]').evaluateAll((els) => els.map((e) => (e as any).dataset.chatId));
    expect(ids).toEqual([DEMO_GROUP.chatId, ...DEMO_PEOPLE.map((p) => p.chatId)]);
  });

  it("帮助 typed on the manager's phone comes back as the menu card, rendered like Feishu", async () => {
    await openChat(c.page, manager.chatId);
    const reply = await say(c.page, '帮助');
    const card = reply.locator('.lk-card');
    await expect.poll(() => card.locator('.lk-header-title').textContent()).toContain('招商助手');
    // The blue template's light header, and the greeting with the member's name.
    expect(
      await card.locator('.lk-header').evaluate((h) => (globalThis as any).getComputedStyle(h).backgroundColor),
    ).toBe('rgb(225, 234, 255)');
    expect(await card.locator('.lk-md').first().textContent()).toContain(manager.name);
    expect(await card.locator('button.lk-btn').count()).toBeGreaterThan(2);
    // What the browser showed is what the bot sent through the stand-in Open API.
    const sent = c.s.sandbox.fake.messages.at(-1)!;
    expect(sent.msgType).toBe('interactive');
    expect(sent.replyTo).toMatch(/^om_sbx_/);
    await screenshot(c.page, 'sandbox-menu.png');
  });

  it('a menu button posts card.action.trigger and the member list arrives', async () => {
    const menu = cardTitled(c.page, '招商助手');
    await menu.locator('button.lk-btn', { hasText: '成员与角色' }).click();
    const members = cardTitled(c.page, '成员管理');
    await members.waitFor();
    for (const p of DEMO_PEOPLE) expect(await members.textContent()).toContain(p.name);
  });

  it('the member form comes back in place with field errors and what was typed', async () => {
    const members = cardTitled(c.page, '成员管理');
    await members.locator('input[data-name="open_id"]').fill('abc');
    // Roles are required: like the Feishu client, the console refuses to submit without one.
    await members.locator('button.lk-btn', { hasText: '保存' }).click();
    await expect.poll(() => members.textContent()).toContain('此项为必填项');
    await members.locator('.lk-multi[data-name="roles"]').click();
    await members.locator('.lk-multi[data-name="roles"] .lk-check-item', { hasText: '前台' }).click();
    await members.locator('.lk-md', { hasText: '角色' }).first().click();
    const request = c.page.waitForRequest((r) => r.url().endsWith('/sandbox/api/action'));
    await members.locator('button.lk-btn', { hasText: '保存' }).click();
    const sent = JSON.parse((await request).postData() ?? '{}');
    expect(sent).toMatchObject({
      tag: 'button',
      name: 'member_submit',
      value: { a: 'admin.member.save' },
      formValue: { open_id: 'abc', roles: ['front_desk'] },
    });
    await c.page.locator('[data-testid="toast"]:not([hidden])').waitFor();
    expect(await c.page.locator('[data-testid="toast"]').getAttribute('data-type')).toBe('error');
    // Replaced in place: the same message, its new card with the errors and the value kept.
    await expect.poll(() => members.textContent()).toContain('不是有效的 open_id');
    expect(await members.locator('input[data-name="open_id"]').inputValue()).toBe('abc');
    await screenshot(c.page, 'sandbox-form-errors.png', { toast: true });
    // The chosen role came back too; unchoose it so the next test starts from no roles.
    await members.locator('.lk-multi[data-name="roles"]').click();
    await members.locator('.lk-multi[data-name="roles"] .lk-check-item', { hasText: '前台' }).click();
    await members.locator('.lk-md', { hasText: '角色' }).first().click();
  });

  it('choosing roles in the multi-select and saving adds the member', async () => {
    const members = cardTitled(c.page, '成员管理');
    await members.locator('input[data-name="open_id"]').fill('ou_demo_newcomer');
    await members.locator('.lk-multi[data-name="roles"]').click();
    await members.locator('.lk-multi[data-name="roles"] .lk-check-item', { hasText: '招商员' }).click();
    await members
      .locator('.lk-label', { hasText: '角色' })
      .or(members.locator('.lk-md', { hasText: '角色' }))
      .first()
      .click();
    await members.locator('button.lk-btn', { hasText: '保存' }).click();
    await expect.poll(() => members.textContent()).toContain('ou_demo_newcomer');
    const saved = await c.s.app.uow.run((tx) => tx.members.get('ou_demo_newcomer'));
    expect(saved?.roles).toEqual(['agent']);
  });

  it('in the group, the chosen speaker @-mentions the bot and it answers there', async () => {
    await openChat(c.page, DEMO_GROUP.chatId);
    await c.page.selectOption('[data-testid="speaker"]', manager.openId);
    const reply = await say(c.page, '帮助');
    expect(await reply.locator('.msg-name').textContent()).toContain('机器人');
    const typed = c.s.sandbox.chats.all().filter((e) => e.chatId === DEMO_GROUP.chatId && e.from === manager.openId);
    expect(typed).toHaveLength(1);
  });

  it('the clock jumps to the next scheduled run', async () => {
    const jump = c.page.locator('[data-testid="clock-jumps"] > button[data-schedule]').last();
    const at = Number(await jump.getAttribute('data-at'));
    expect(at).toBeGreaterThan(c.s.app.clock.now().getTime());
    await jump.click();
    await expect.poll(() => c.s.app.clock.now().getTime()).toBeGreaterThanOrEqual(at);
    await c.page.locator('[data-testid="toast"]:not([hidden])', { hasText: '时间已到' }).waitFor();
  });

  it('renders markdown as Feishu does, and never lets HTML through', async () => {
    // A string, so the test runner does not rewrite the browser's dynamic import.
    const html = await c.page.evaluate<string>(`import('/sandbox/assets/markdown.js').then((md) =>
      md.renderMarkdown('**粗体** <font color="red">红</font> <at id=ou_demo_lina></at>\\n- 一\\n<img src=x onerror=alert(1)>', (id) => (id === 'ou_demo_lina' ? '李娜' : id)))`);
    expect(html).toContain('<b>粗体</b>');
    expect(html).toContain('color:#F54A45');
    expect(html).toContain('@李娜');
    expect(html).toContain('<li>一</li>');
    expect(html).not.toContain('<img');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP, DEMO_PEOPLE } from '../../src/sandbox/demo-department.js';
import { t } from '../../src/i18n/index.js';
import { addDays, localDate } from '../../src/domain/shared/zoned-time.js';
import {
  cardTitled,
  fillForm,
  jumpTo,
  noBrowser,
  openChat,
  openConsole,
  press,
  say,
  screenshot,
  type ConsoleSession,
} from './helpers/console-page.js';

const frontDesk = DEMO_PEOPLE.find((p) => p.roles.includes('front_desk'))!;
const manager = DEMO_PEOPLE.find((p) => p.roles.includes('manager'))!;

/**
 * Issue #8 §6, the whole workflow in the browser, one person's phone at a time: the front desk
 * registers a walk-in, the agent whose turn it is accepts and registers the visit, files a
 * field-visit plan, the manager approves it, and Monday's summary arrives in the group with its chart.
 * Each step is its own test so a failure names the step; they share one sandbox and run in order.
 */
describe.skipIf(noBrowser)('the workflow, end to end in the sandbox console', () => {
  let c: ConsoleSession;
  let agent: (typeof DEMO_PEOPLE)[number];
  const client = { name: '陆氏五金', phone: '13900001111', contact: '陆先生' };
  beforeAll(async () => {
    c = await openConsole();
  });
  afterAll(async () => c?.close());

  /** The chat of whoever the bot has sent a card with this title to. */
  const whoGot = async (title: string) => {
    await expect
      .poll(
        () =>
          c.s.sandbox.chats.all().some((e) => e.from === 'bot' && (e.content as any)?.header?.title?.content === title),
        { timeout: 10_000 },
      )
      .toBe(true);
    const entry = c.s.sandbox.chats
      .all()
      .filter((e) => e.from === 'bot' && (e.content as any)?.header?.title?.content === title)
      .at(-1)!;
    return DEMO_PEOPLE.find((p) => p.chatId === entry.chatId) ?? { chatId: entry.chatId };
  };

  it('1. the front desk registers a walk-in; the bot offers it to the agent whose turn it is', async () => {
    await openChat(c.page, frontDesk.chatId);
    const form = (await say(c.page, '新客到访')).locator('.lk-card');
    await fillForm(form, { name: client.name, phone: client.phone });
    await press(c.page, form, t('reception.form.submit'));
    await expect.poll(() => form.textContent()).toContain(client.name.slice(0, 1));
    const to = await whoGot(t('offer.title'));
    agent = DEMO_PEOPLE.find((p) => p.chatId === to.chatId)!;
    expect(agent.roles).toContain('agent');
    await screenshot(c.page, 'story-1-front-desk.png');
  });

  it('2. the agent accepts the offer on its card', async () => {
    await openChat(c.page, agent.chatId);
    const offer = cardTitled(c.page, t('offer.title'));
    await offer.waitFor();
    await screenshot(c.page, 'story-2-offer.png');
    await press(c.page, offer, t('offer.accept'));
    await c.page
      .locator('[data-testid="messages"] .lk-button, [data-testid="messages"] button.lk-btn', {
        hasText: t('accepted.register'),
      })
      .first()
      .waitFor();
  });

  it('3. the agent registers the visit in the form the accepted card opens', async () => {
    const accepted = c.page
      .locator('[data-testid="messages"] .lk-card', {
        has: c.page.locator('button.lk-btn', { hasText: t('accepted.register') }),
      })
      .last();
    await press(c.page, accepted, t('accepted.register'));
    const form = cardTitled(c.page, t('visitor.title'));
    await form.waitFor();
    await fillForm(form, {
      contact: client.contact,
      category: '五金工具',
      client_type: 'merchant',
      source: '自然到访',
      grade: 'A',
    });
    await press(c.page, form.locator('.lk-form'), /提交|登记|保存/);
    await expect
      .poll(async () => (await c.s.app.uow.run((tx) => tx.clients.findByPhone(client.phone)))?.owner)
      .toEqual({ kind: 'agent', openId: agent.openId });
    await screenshot(c.page, 'story-3-visit-registered.png');
  });

  it('4. the agent files a field-visit plan for tomorrow', async () => {
    const form = (await say(c.page, '走访计划')).locator('.lk-card');
    const tomorrow = addDays(localDate(c.s.app.clock.now(), c.s.app.config.timezone), 1);
    await fillForm(form, {
      visit_date: tomorrow,
      clients: [client.name],
      places: '五金城 B 区',
      purpose: '看新店铺位，谈入驻意向',
    });
    await press(c.page, form, /提交|报审|送审/);
    // The form is replaced in place by the confirmation, and the request goes to the manager.
    await expect.poll(() => form.textContent()).toContain(tomorrow);
    expect(await form.locator('.lk-form').count()).toBe(0);
    await expect.poll(() => c.s.sandbox.fake.messagesTo(manager.openId).length).toBeGreaterThan(0);
    await screenshot(c.page, 'story-4-plan-filed.png');
  });

  it('5. the manager approves the plan on the approval card', async () => {
    await openChat(c.page, manager.chatId);
    const pending = c.page
      .locator('[data-testid="messages"] .lk-card', {
        has: c.page.locator('button.lk-btn', { hasText: t('approval.approve') }),
      })
      .last();
    await pending.waitFor();
    // Held by its message id: once decided, the card no longer has the buttons it was found by.
    const id = await pending.evaluate((el) => el.closest('[data-message-id]')!.getAttribute('data-message-id'));
    const approval = c.page.locator(`[data-message-id="${id}"] .lk-card`);
    await approval.locator('input[data-name="comment"]').fill('同意，注意安全');
    await press(c.page, approval, t('approval.approve'));
    await expect.poll(() => approval.locator('button.lk-btn', { hasText: t('approval.approve') }).count()).toBe(0);
    expect(await approval.textContent()).toContain('同意，注意安全');
    // The agent's request card is patched with the decision too.
    await expect
      .poll(() =>
        c.s.sandbox.chats
          .all()
          .some(
            (e) => e.chatId === agent.chatId && e.version > 1 && JSON.stringify(e.content).includes('同意，注意安全'),
          ),
      )
      .toBe(true);
    await screenshot(c.page, 'story-5-approved.png');
  });

  it('6. Monday 09:00: the weekly summary arrives in the department group, with its chart', async () => {
    await openChat(c.page, DEMO_GROUP.chatId);
    await jumpTo(c.page, 'weeklySummary');
    const summary = c.page.locator('[data-testid="messages"] .lk-card', { has: c.page.locator('.lk-chart') }).last();
    await summary.waitFor({ timeout: 20_000 });
    await summary.locator('.lk-chart[data-chart-state="rendered"] canvas').waitFor();
    // Phone width: the chart, then one line per agent (the full table is an export).
    expect(await summary.locator('.lk-table').count()).toBe(0);
    expect(await summary.textContent()).toContain(agent.name);
    expect(await summary.textContent()).toMatch(/接待 \d+ · 登记 \d+/);
    await summary.locator('.lk-chart').evaluate((chart) => {
      const box = (globalThis as any).document.querySelector('[data-testid="messages"]')!;
      box.scrollTop += chart.getBoundingClientRect().bottom - box.getBoundingClientRect().bottom + 12;
    });
    await screenshot(c.page, 'story-6-weekly-summary.png');
  });
});

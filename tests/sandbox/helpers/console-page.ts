import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startSandboxApp, type SandboxApp } from '../../helpers/sandbox-app.js';

// tsconfig has no DOM lib (this is a Node project): functions that run in the page reach the
// browser's globals through `globalThis as any`.

/**
 * The sandbox console in Debian's headless Chromium (installed by .ci/browser; never a downloaded
 * browser build), driven like a person would: pick a chat, type, press card buttons.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

/** Without Chromium a developer's `npm test` skips these; CI installs it, so there they always run. */
export const noBrowser = !existsSync(CHROMIUM) && !process.env.CI;

export interface ConsoleSession {
  s: SandboxApp;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Monday 2026-11-23 09:30 in Shanghai: a working day, so every run (and screenshot) shows the same week. */
export const STORY_START = '2026-11-23T09:30:00+08:00';

export async function openConsole(): Promise<ConsoleSession> {
  const s = await startSandboxApp({ SANDBOX_START_AT: STORY_START });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 960 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${s.url}/sandbox`);
  await page.waitForSelector('body[data-ready="true"]');
  return {
    s,
    browser,
    page,
    async close() {
      await browser.close();
      await s.close();
      if (errors.length) throw new Error(`the console threw in the browser: ${errors.join('; ')}`);
    },
  };
}

export async function openChat(page: Page, chatId: string): Promise<void> {
  await page.click(`[data-chat-id="${chatId}"]`);
  await page.waitForFunction((id) => (globalThis as any).location.hash.includes(encodeURIComponent(id)), chatId);
}

/** Types into the phone and waits for the bot's answer to appear (a new bot message in this chat). */
export async function say(page: Page, text: string, expectReply = true): Promise<Locator> {
  const before = await page.locator('[data-testid="messages"] .msg[data-from="bot"]').count();
  await page.fill('[data-testid="composer-input"]', text);
  await page.press('[data-testid="composer-input"]', 'Enter');
  if (expectReply)
    await page.waitForFunction(
      (n) => (globalThis as any).document.querySelectorAll('[data-testid="messages"] .msg[data-from="bot"]').length > n,
      before,
    );
  return page.locator('[data-testid="messages"] .msg[data-from="bot"]').last();
}

/** The newest card in the open chat whose header says `title`. */
export function cardTitled(page: Page, title: string): Locator {
  return page
    .locator('[data-testid="messages"] .lk-card', { has: page.locator('.lk-header-title', { hasText: title }) })
    .last();
}

/**
 * Shoots the whole console; a toast is hidden unless it is the point of the picture. The README's
 * pictures in docs/screenshots are written when missing or with UPDATE_SCREENSHOTS=1 (antialiasing
 * differs by a few pixels between runs, so rewriting them every run would only churn git);
 * every run's shots also land in tests/.tmp/screenshots for a look.
 */
export async function screenshot(page: Page, name: string, o: { toast?: boolean } = {}): Promise<string> {
  const readme = join(SCREENSHOTS, name);
  const refresh = process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(readme);
  const dir = refresh ? SCREENSHOTS : join(process.cwd(), 'tests', '.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await page.evaluate(async (keepToast) => {
    await (globalThis as any).document.fonts.ready;
    (globalThis as any).scrollTo(0, 0);
    if (!keepToast) (globalThis as any).document.querySelector('[data-testid="toast"]')?.setAttribute('hidden', '');
  }, o.toast ?? false);
  await page.screenshot({ path });
  return path;
}

/**
 * Fills a card form the way a person would, by component name: text inputs are typed into,
 * selects (static or person) pick a value or a label, multi-selects tick options by label,
 * date/time pickers take "2026-11-25" / "09:30".
 */
export async function fillForm(card: Locator, values: Record<string, string | string[]>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = card.locator(`[data-name="${name}"]`).first();
    const kind = await field.evaluate((el) => (el.classList.contains('lk-multi') ? 'multi' : el.tagName.toLowerCase()));
    if (kind === 'select') {
      const options = await field
        .locator('option')
        .evaluateAll((os) => os.map((o) => ({ value: (o as any).value, label: o.textContent ?? '' })));
      const want = String(value);
      const hit = options.find((o) => o.value === want) ?? options.find((o) => o.label.includes(want));
      if (!hit) throw new Error(`select ${name} has no option ${want}: ${options.map((o) => o.label).join(', ')}`);
      await field.selectOption(hit.value);
    } else if (kind === 'multi') {
      await field.click();
      for (const label of Array.isArray(value) ? value : [value])
        await field.locator('.lk-check-item', { hasText: label }).click();
      await card.locator('.lk-header').click();
    } else {
      await field.fill(String(value));
    }
  }
}

/** Moves the sandbox clock to a schedule's next run with the console's clock control. */
export async function jumpTo(page: Page, schedule: string): Promise<void> {
  const quick = page.locator(`[data-testid="clock-jumps"] button[data-schedule="${schedule}"]`);
  if (!(await quick.isVisible())) await page.click('[data-testid="clock-jumps"] [data-testid="clock-more"]');
  const answered = page.waitForResponse((r) => r.url().endsWith('/sandbox/api/clock'));
  await quick.click();
  await answered;
}

/** Presses a button in a card and waits for the callback to be answered. */
export async function press(page: Page, card: Locator, text: string | RegExp): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/sandbox/api/action'));
  await card.locator('button.lk-btn', { hasText: text }).first().click();
  await answered;
}

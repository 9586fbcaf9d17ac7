import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ButtonValue } from '../../src/bot/actions.js';

/** The gallery only shows components: its buttons are never pressed, so their values name no real action. */
const shown = (v: Record<string, unknown>) => v as ButtonValue;
import {
  button,
  buttonRow,
  card,
  columns,
  datePicker,
  form,
  hr,
  input,
  labelled,
  md,
  multiSelectStatic,
  selectPerson,
  selectStatic,
  submitButton,
  table,
} from '../../src/bot/cards/card-kit.js';
import { DEMO_PEOPLE } from '../../src/sandbox/demo-department.js';
import {
  cardTitled,
  noBrowser,
  openChat,
  openConsole,
  screenshot,
  type ConsoleSession,
} from './helpers/console-page.js';

const agent = DEMO_PEOPLE.find((p) => p.roles.includes('agent'))!;
const others = DEMO_PEOPLE.filter((p) => p.roles.includes('agent')).map((p) => p.openId);

/** Every JSON 2.0 component the bot may send, rendered and operated in the browser. */
function galleryCard(imgKey: string) {
  return card({
    title: '卡片组件一览',
    subtitle: '沙盒渲染器自检',
    template: 'turquoise',
    elements: [
      md(
        `**粗体** 普通 <font color="red">红字</font> <font color="green">绿字</font> <at id=${agent.openId}></at>\n- 列表一\n- 列表二`,
      ),
      { tag: 'div', text: { tag: 'plain_text', content: '纯文本 plain_text' } },
      columns([[md('**左栏**\n已到访 3')], [md('**右栏**\n已签约 1')]]),
      hr(),
      table(
        [
          { name: 'agent', label: '招商员' },
          { name: 'visits', label: '到访', type: 'number' },
          { name: 'note', label: '备注', type: 'lark_md' },
        ],
        [
          { agent: '张伟', visits: 5, note: '**A** 级' },
          { agent: '李娜', visits: 3, note: '<font color="grey">—</font>' },
        ],
      ),
      {
        tag: 'chart',
        aspect_ratio: '16:9',
        chart_spec: {
          type: 'bar',
          data: [
            {
              id: 'd',
              values: [
                { who: '张伟', n: 5 },
                { who: '李娜', n: 3 },
                { who: '王磊', n: 4 },
              ],
            },
          ],
          xField: 'who',
          yField: 'n',
          title: { visible: true, text: '本周到访' },
        },
      },
      { tag: 'img', img_key: imgKey, alt: { tag: 'plain_text', content: '示意图' }, scale_type: 'fit_horizontal' },
      form('gallery_form', [
        ...labelled('客户名称', input('name', { placeholder: '请输入', value: '周建华' }), undefined, true),
        ...labelled(
          '意向等级',
          selectStatic('grade', [
            { value: 'A', text: 'A 级' },
            { value: 'B', text: 'B 级' },
          ]),
          undefined,
          true,
        ),
        ...labelled(
          '经营品类',
          multiSelectStatic('cats', [
            { value: 'tools', text: '五金工具' },
            { value: 'locks', text: '锁具' },
            { value: 'paint', text: '涂料' },
          ]),
        ),
        ...labelled('陪同人', selectPerson('with', others)),
        ...labelled('回访日期', datePicker('date')),
        { tag: 'picker_time', name: 'time', initial_time: '09:30' },
        { ...input('required_note'), required: true },
        submitButton('提交', 'gallery_submit', shown({ a: 'gallery.submit', id: 7 })),
      ]),
      buttonRow([
        button('默认', shown({ a: 'x' })),
        button('主要', shown({ a: 'x' }), 'primary'),
        button('危险', shown({ a: 'x' }), 'danger', { confirm: { title: '确认？', text: '真的吗' } }),
        button('填充', shown({ a: 'x' }), 'primary_filled'),
      ]),
    ],
  });
}

describe.skipIf(noBrowser)('card JSON 2.0 renderer', () => {
  let c: ConsoleSession;
  beforeAll(async () => {
    c = await openConsole();
    await openChat(c.page, agent.chatId);
    // An image as the bot would have one: uploaded through im/v1/images (here: a canvas drawn by the page).
    const png = await c.page.evaluate(() => {
      const cv = (globalThis as any).document.createElement('canvas');
      cv.width = 320;
      cv.height = 120;
      const g = cv.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, 320, 0);
      grad.addColorStop(0, '#3370ff');
      grad.addColorStop(1, '#04b49c');
      g.fillStyle = grad;
      g.fillRect(0, 0, 320, 120);
      g.fillStyle = '#fff';
      g.font = '28px sans-serif';
      g.fillText('img 组件', 100, 70);
      return cv.toDataURL('image/png').split(',')[1]!;
    });
    const key = await c.s.app.lark.uploadImage(Buffer.from(png, 'base64'));
    await c.s.app.lark.sendMessage({
      receiveIdType: 'open_id',
      receiveId: agent.openId,
      msgType: 'interactive',
      content: JSON.stringify(galleryCard(key)),
    });
    await cardTitled(c.page, '卡片组件一览').waitFor();
  });
  afterAll(async () => c?.close());

  it('renders header template, markdown, text, columns, table, image and the VChart chart', async () => {
    const g = cardTitled(c.page, '卡片组件一览');
    expect(await g.locator('.lk-header').evaluate((h) => (globalThis as any).getComputedStyle(h).backgroundColor)).toBe(
      'rgb(213, 246, 242)',
    );
    expect(await g.locator('.lk-header-subtitle').textContent()).toBe('沙盒渲染器自检');
    expect(await g.locator('.lk-md b').first().textContent()).toBe('粗体');
    expect(await g.locator('.lk-md .md-at').first().textContent()).toBe(`@${agent.name}`);
    expect(await g.locator('.lk-text').first().textContent()).toBe('纯文本 plain_text');
    expect(await g.locator('.lk-cols .lk-col').count()).toBeGreaterThanOrEqual(2);
    expect(await g.locator('.lk-table tbody tr').count()).toBe(2);
    expect(await g.locator('.lk-table tbody tr').first().textContent()).toContain('张伟');
    await g.locator('.lk-chart[data-chart-state="rendered"] canvas').waitFor();
    await expect.poll(() => g.locator('.lk-img img').evaluate((i) => (i as any).naturalWidth)).toBe(320);
    // Scroll the phone (not the page) so the table and the chart are on screen.
    await g.locator('.lk-table').evaluate((t) => {
      const box = (globalThis as any).document.querySelector('[data-testid="messages"]')!;
      box.scrollTop += t.getBoundingClientRect().top - box.getBoundingClientRect().top - 60;
    });
    await screenshot(c.page, 'sandbox-card-components.png');
  });

  it('checks required fields in the client before posting anything', async () => {
    const g = cardTitled(c.page, '卡片组件一览');
    let posted = 0;
    const count = () => posted++;
    c.page.on('request', (r) => r.url().endsWith('/sandbox/api/action') && count());
    await g.locator('button.lk-btn', { hasText: '提交' }).click();
    await g.locator('.has-error .lk-field-error', { hasText: '必填' }).first().waitFor();
    // Only `required: true` is checked by the client; a red star in a label is just text.
    expect(await g.locator('.has-error input[data-name="required_note"]').count()).toBe(1);
    expect(await g.locator('.has-error').count()).toBe(1);
    expect(posted).toBe(0);
  });

  it("submits form_value keyed by name, with Feishu's value formats", async () => {
    const g = cardTitled(c.page, '卡片组件一览');
    await g.locator('select[data-name="grade"]').selectOption('B');
    await g.locator('.lk-multi[data-name="cats"]').click();
    await g.locator('.lk-multi[data-name="cats"] .lk-check-item', { hasText: '锁具' }).click();
    await g.locator('.lk-multi[data-name="cats"] .lk-check-item', { hasText: '五金工具' }).click();
    await g.locator('.lk-header').click();
    await g.locator('select[data-name="with"]').selectOption(others[1]!);
    await g.locator('input[data-name="date"]').fill('2026-11-25');
    await g.locator('input[data-name="required_note"]').fill('好');
    const request = c.page.waitForRequest((r) => r.url().endsWith('/sandbox/api/action'));
    await g.locator('button.lk-btn', { hasText: '提交' }).click();
    const sent = JSON.parse((await request).postData() ?? '{}');
    expect(sent).toMatchObject({
      tag: 'button',
      name: 'gallery_submit',
      value: { a: 'gallery.submit', id: 7 },
      formValue: {
        name: '周建华',
        grade: 'B',
        cats: ['locks', 'tools'],
        with: others[1],
        date: '2026-11-25 +0800',
        time: '09:30 +0800',
        required_note: '好',
      },
    });
    // The bot does not know this action: Feishu's client shows its toast.
    await c.page.locator('[data-testid="toast"]:not([hidden])').waitFor();
  });

  it('asks before a button with confirm, and posts nothing when cancelled', async () => {
    const g = cardTitled(c.page, '卡片组件一览');
    await g.locator('button.lk-btn', { hasText: '危险' }).click();
    const dialog = c.page.locator('[data-testid="dialog"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('真的吗');
    let posted = false;
    c.page.on('request', (r) => r.url().endsWith('/sandbox/api/action') && (posted = true));
    await dialog.locator('button[data-answer="no"]').click();
    await c.page.waitForTimeout(200);
    expect(posted).toBe(false);
  });

  it('shows a file the bot sends (an export) with its name and size, and downloads it', async () => {
    const bytes = Buffer.from('客户,电话\n陆氏五金,139****1111\n', 'utf8');
    const key = await c.s.app.lark.uploadFile(bytes, '本周来访.csv', 'stream');
    await c.s.app.lark.sendMessage({
      receiveIdType: 'open_id',
      receiveId: agent.openId,
      msgType: 'file',
      content: JSON.stringify({ file_key: key }),
    });
    const file = c.page.locator('[data-testid="messages"] .file-card').last();
    await file.waitFor();
    expect(await file.locator('.file-name').textContent()).toBe('本周来访.csv');
    expect(await file.locator('.file-size').textContent()).toBe(`${bytes.length} B`);
    const res = await fetch(c.s.url + (await file.getAttribute('href')));
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('本周来访.csv'));
  });

  it('replaces the card when the bot patches it later', async () => {
    const target = c.s.sandbox.fake.messages.filter((m) => m.msgType === 'interactive').at(-1)!;
    await c.s.app.lark.patchCard(
      target.messageId,
      JSON.stringify(card({ title: '已更新', template: 'green', elements: [md('卡片被 PATCH 替换')] })),
    );
    await cardTitled(c.page, '已更新').waitFor();
    expect(await c.page.locator(`[data-message-id="${target.messageId}"] .lk-md`).textContent()).toContain('PATCH');
  });
});

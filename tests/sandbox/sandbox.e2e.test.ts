import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP, DEMO_PEOPLE } from '../../src/sandbox/demo-department.js';
import { startSandboxApp, type SandboxApp } from '../helpers/sandbox-app.js';
import { startTestApp } from '../helpers/test-app.js';

const manager = DEMO_PEOPLE.find((p) => p.roles.includes('manager'))!;

/** Issue #8: the sandbox's server side, without a browser: the console API drives the real webhook path. */
describe('sandbox mode', () => {
  let s: SandboxApp;
  beforeAll(async () => {
    s = await startSandboxApp();
  });
  afterAll(async () => s?.close());

  const api = async (path: string, body?: unknown) => {
    const res = await fetch(
      s.url + path,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    return { status: res.status, body: (await res.json()) as any };
  };

  it('seeds the demo department: members with roles, the bound group, clients; a second seed adds nothing', async () => {
    const members = await s.app.uow.run((tx) => tx.members.list());
    for (const p of DEMO_PEOPLE) expect(members.find((m) => m.openId === p.openId)?.roles).toEqual(p.roles);
    const group = await s.app.uow.run((tx) => tx.settings.get<string>('department.chat_id'));
    expect(group).toBe(DEMO_GROUP.chatId);
    const clients = await s.app.uow.run((tx) => tx.clients.search({ limit: 50 }));
    expect(clients.total).toBeGreaterThanOrEqual(3);
    const { seedDemoDepartment } = await import('../../src/sandbox/demo-department.js');
    expect((await seedDemoDepartment(s.app.uow, s.app.clock)).created).toBe(0);
  });

  it("typing 帮助 goes through the signed, encrypted webhook and the menu card lands in that person's chat", async () => {
    const res = await api('/sandbox/api/say', { chatId: manager.chatId, senderOpenId: manager.openId, text: '帮助' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(200);
    await s.settle();
    const entries = s.sandbox.chats.all().filter((e) => e.chatId === manager.chatId);
    expect(entries.map((e) => e.from)).toEqual([manager.openId, 'bot']);
    const card = entries[1]!.content as any;
    expect(card.schema).toBe('2.0');
    expect(JSON.stringify(card)).toContain(manager.name);
    // It reached the bot as Feishu would send it: stored once in the inbox, as an im.message.receive_v1.
    const rows = await s.app.ds.query(`SELECT event_type FROM inbox_event`);
    expect(rows.map((r: any) => r.event_type)).toContain('im.message.receive_v1');
  });

  it("a card action posts card.action.trigger; the callback's card replaces the clicked one in place", async () => {
    await api('/sandbox/api/say', { chatId: manager.chatId, senderOpenId: manager.openId, text: '成员管理' });
    await s.settle();
    const form = s.sandbox.chats
      .all()
      .filter((e) => e.chatId === manager.chatId && e.from === 'bot')
      .at(-1)!;
    const res = await api('/sandbox/api/action', {
      chatId: manager.chatId,
      operatorOpenId: manager.openId,
      messageId: form.id,
      value: { a: 'admin.member.save' },
      name: 'member_submit',
      formValue: { open_id: 'not-an-id', roles: [] },
    });
    expect(res.body.status).toBe(200);
    expect(res.body.toast.type).toBe('error');
    expect(res.body.replaced).toBe(true);
    const after = s.sandbox.chats.get(form.id)!;
    expect(after.version).toBe(2);
    expect(JSON.stringify(after.content)).toContain('not-an-id');
  });

  it('in the group the console @-mentions the bot, so the bot answers there', async () => {
    await api('/sandbox/api/say', { chatId: DEMO_GROUP.chatId, senderOpenId: manager.openId, text: '帮助' });
    await s.settle();
    const inGroup = s.sandbox.chats.all().filter((e) => e.chatId === DEMO_GROUP.chatId);
    expect(inGroup.at(-1)!.from).toBe('bot');
  });

  it('the clock only moves forward, to the next run of a schedule', async () => {
    const state = await api('/sandbox/api/state');
    const first = state.body.upcoming[0];
    expect(first.name).toBeTruthy();
    const res = await api('/sandbox/api/clock', { schedule: first.name });
    expect(res.status).toBe(200);
    const at = new Date(first.at).getTime();
    // The jump lands on the run's minute; the clock goes on running while the due jobs run.
    expect(res.body.now).toBeGreaterThanOrEqual(at);
    expect(res.body.now).toBeLessThan(at + 60_000);
    expect((await api('/sandbox/api/clock', { at: '2020-01-01T00:00:00Z' })).body.now).toBeGreaterThanOrEqual(
      new Date(first.at).getTime(),
    );
  });

  it('after a restart the clock resumes from where it was moved, never earlier', async () => {
    const db = s.sandbox.config.database;
    const again = await startSandboxApp({ SANDBOX_DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url });
    try {
      expect(again.sandbox.clock.offset).toBeGreaterThan(0);
      expect(Math.abs(again.app.clock.now().getTime() - s.app.clock.now().getTime())).toBeLessThan(5_000);
    } finally {
      await again.close();
    }
  });

  it('rejects malformed console requests with 400', async () => {
    expect((await api('/sandbox/api/say', { chatId: manager.chatId, senderOpenId: 'nobody', text: 'x' })).status).toBe(
      400,
    );
    expect(
      (
        await api('/sandbox/api/action', {
          chatId: manager.chatId,
          operatorOpenId: manager.openId,
          messageId: 'om_nope',
          value: {},
        })
      ).status,
    ).toBe(404);
  });

  it('serves the console page, its scripts and the VChart bundle', async () => {
    for (const path of [
      '/sandbox',
      '/sandbox/assets/console.js',
      '/sandbox/assets/console-clock.js',
      '/sandbox/assets/console-charts.js',
      '/sandbox/assets/cards.js',
      '/sandbox/assets/card-inputs.js',
      '/sandbox/assets/card-media.js',
      '/sandbox/assets/card-util.js',
      '/sandbox/assets/markdown.js',
      '/sandbox/assets/console.css',
      '/sandbox/vendor/vchart.js',
    ]) {
      const res = await fetch(s.url + path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    for (const bad of ['/sandbox/assets/..%2Fsandbox.ts', '/sandbox/assets/index.html', '/sandbox/assets/nope.js'])
      expect((await fetch(s.url + bad)).status, bad).toBe(404);
  });
});

describe('with real Lark credentials', () => {
  it('the sandbox is not mounted: /sandbox and its API answer 404', async () => {
    const t = await startTestApp();
    try {
      for (const path of ['/sandbox', '/sandbox/api/state', '/sandbox/vendor/vchart.js'])
        expect((await fetch(t.url + path)).status, path).toBe(404);
      const say = await fetch(t.url + '/sandbox/api/say', { method: 'POST', body: '{}' });
      expect(say.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { FakeLarkServer } from '../../../src/sandbox/fake-lark-server.js';
import { LarkLongConnection } from '../../../src/transport/lark-ws/long-connection.js';
import { cardActionEvent, messageEvent } from '../../helpers/lark-request.js';
import { startTestAppWs, WS_APP_ID, WS_APP_SECRET, type WsTestApp } from '../../helpers/test-app-ws.js';

const ADMIN = 'ou_lcf_admin';
const DESK = 'ou_lcf_desk';

const inboxRows = async (t: WsTestApp, eventId: string) =>
  Number((await t.app.ds.query(`SELECT COUNT(*) AS n FROM inbox_event WHERE event_id = '${eventId}'`))[0].n);
const repliesTo = (t: WsTestApp, messageId: string) => t.lark.messages.filter((m) => m.replyTo === messageId);
/** Polls until the probe answers (state changes on another connection are not instant). */
async function until<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the long connection under faults (LARK_MODE=ws, real SDK client)', () => {
  let t: WsTestApp;
  beforeAll(async () => {
    t = await startTestAppWs({ admins: [ADMIN], members: { [DESK]: { name: '前台小王', roles: ['front_desk'] } } });
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    t.ws.refuse = undefined;
  });

  it('an event is processed once when the connection drops between its fragments and Feishu pushes it again after the reconnect', async () => {
    const opened = t.ws.connectionsOpened;
    const ev = messageEvent(ADMIN, '帮助', { messageId: 'om_lcf_frag', eventId: 'ev_lcf_frag' });
    const ack = await t.push(ev, { fragments: 3, dropAfterFragments: 1 });
    expect(ack.code).toBe(200);
    await t.settle();
    expect(t.ws.connectionsOpened).toBeGreaterThan(opened);
    expect(t.ws.redeliveries).toBeGreaterThanOrEqual(1);
    expect(repliesTo(t, 'om_lcf_frag')).toHaveLength(1);
    expect(await inboxRows(t, 'ev_lcf_frag')).toBe(1);
  });

  it('an event whose acknowledgement was lost with the connection is pushed again and answered once', async () => {
    const ev = messageEvent(ADMIN, '帮助', { messageId: 'om_lcf_ack', eventId: 'ev_lcf_ack' });
    // Every fragment arrives, then the connection is cut before the client's acknowledgement can leave.
    const ack = await t.push(ev, { fragments: 2, dropAfterFragments: 2 });
    expect(ack.code).toBe(200);
    await t.settle();
    expect(repliesTo(t, 'om_lcf_ack')).toHaveLength(1);
    expect(await inboxRows(t, 'ev_lcf_ack')).toBe(1);
  });

  it('the stand-in redelivers an event: one reply', async () => {
    const ev = messageEvent(ADMIN, '帮助', { messageId: 'om_lcf_dup', eventId: 'ev_lcf_dup' });
    const first = await t.push(ev);
    const second = await t.push(ev);
    expect([first.code, second.code]).toEqual([200, 200]);
    await t.settle();
    expect(repliesTo(t, 'om_lcf_dup')).toHaveLength(1);
    expect(await inboxRows(t, 'ev_lcf_dup')).toBe(1);
  });

  it('a large event arrives in fragments and is answered like any other', async () => {
    const long = `帮助${' '.repeat(40_000)}`;
    const ack = await t.push(messageEvent(ADMIN, long, { messageId: 'om_lcf_big' }));
    expect(ack.code).toBe(200);
    await t.settle();
    expect(repliesTo(t, 'om_lcf_big')).toHaveLength(1);
  });

  it('a card callback answered late: the toast goes back in the acknowledgement now, the card is patched later', async () => {
    await t.say(DESK, '新客到访');
    const form = t.lark.messages.at(-1)!;
    expect(JSON.stringify(form.current)).toContain('新客到访');
    // The registration waits (a slow database, say) past the callback budget, deterministically.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const reception = t.app.services.reception;
    const arrive = reception.arrive.bind(reception);
    reception.arrive = (async (...args: Parameters<typeof arrive>) => {
      await gate;
      return arrive(...args);
    }) as typeof reception.arrive;
    try {
      const ack = await t.push(
        cardActionEvent(
          DESK,
          { a: 'reception.arrive' },
          {
            messageId: form.messageId,
            formValue: { name: '赵先生', phone: '555-0100', card_agent: 'none', leader: 'no' },
          },
        ),
      );
      expect(ack.code).toBe(200);
      expect(ack.data).toEqual({ toast: { type: 'info', content: expect.stringContaining('正在处理') } });
      expect(JSON.stringify(form.current)).not.toContain('赵先生');
    } finally {
      release();
      reception.arrive = arrive;
    }
    await t.delivered();
    const patched = JSON.stringify(form.current);
    expect(patched).toContain('不是有效的中国手机或座机号码');
    expect(patched).toContain('赵先生');
  });

  it('/readyz is not ready while the connection is down, and ready again once the SDK has reconnected', async () => {
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    // Feishu's endpoint answers "internal error" (the one refusal the SDK retries) while the network is out.
    t.ws.refuse = { code: 1000040343, msg: 'internal error' };
    t.ws.drop();
    const down = await until(async () => {
      const r = await fetch(`${t.url}/readyz`);
      return r.status === 503 ? ((await r.json()) as { status: string }) : undefined;
    });
    expect(down.status).toMatch(/^long_connection_/);
    t.ws.refuse = undefined;
    await t.ws.waitForConnections(1);
    await until(async () => (await fetch(`${t.url}/readyz`)).status === 200);
  });
});

describe('why the long connection is not open, in the log', () => {
  const lines: Array<{ level: number; msg: string; reason?: string }> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  let fake: FakeLarkServer;
  beforeAll(async () => {
    fake = new FakeLarkServer({
      longConnection: { appId: WS_APP_ID, appSecret: WS_APP_SECRET, reconnectIntervalSec: 0.05, reconnectNonceSec: 0 },
    });
    await fake.start();
  });
  afterAll(async () => fake?.stop());

  const connect = (appSecret: string) => {
    const config = loadConfig({
      LARK_MODE: 'ws',
      LARK_APP_ID: WS_APP_ID,
      LARK_APP_SECRET: appSecret,
      LARK_BASE_URL: fake.url,
      DATABASE_URL: 'sqlite::memory:',
    });
    const sink = { accept: async () => true, cardAction: async () => ({}) };
    return new LarkLongConnection({
      lark: config.lark!,
      sink,
      log: pino({ level: 'info' }, stream),
      restartAfterFailureMs: 60_000,
    });
  };

  it('a wrong app secret: Feishu refuses the endpoint (514) and the log names LARK_APP_SECRET; not ready', async () => {
    const lc = connect('not_the_secret');
    lc.start();
    try {
      await until(() => lc.state() === 'failed');
      const line = await until(() => lines.find((l) => l.level === 50));
      expect(line.msg).toContain('LARK_APP_SECRET');
      expect(line.reason).toContain('code=514');
      expect(fake.ws!.connections()).toBe(0);
    } finally {
      lc.stop();
    }
  });

  it('the right secret: the log says the connection is open and where in the console to choose it', async () => {
    const lc = connect(WS_APP_SECRET);
    lc.start();
    try {
      await until(() => lc.state() === 'connected');
      const line = await until(() => lines.find((l) => l.msg.includes('long connection to Feishu is open')));
      expect(line.msg).toContain('使用长连接接收事件');
      expect(line.msg).toContain('使用长连接接收回调');
    } finally {
      lc.stop();
    }
  });
});

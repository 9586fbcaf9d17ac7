import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { LarkApi } from '../src/lark/lark-api.js';
import { openDatabase } from '../src/persistence/data-source.js';
import { createLogger } from '../src/shared/logger.js';
import { buildLarkRequest, messageEvent, TEST_TOKEN } from './helpers/lark-request.js';
import { freshDatabaseConfig } from './helpers/test-db.js';
import { schema } from '../src/features/index.js';

const KEY = 'shutdown_encrypt_key';

/** A Lark stand-in in memory whose replies take a while, so work is still running when stop() is called. */
function slowLark(delayMs: number, replies: string[]): LarkApi {
  const reply = async (messageId: string) => {
    await new Promise((r) => setTimeout(r, delayMs));
    replies.push(messageId);
    return { messageId: `om_r_${messageId}` };
  };
  return {
    replyMessage: reply,
    sendMessage: async () => ({ messageId: 'om_x' }),
    patchCard: async () => undefined,
    getUserName: async () => undefined,
    getBotInfo: async () => ({ openId: 'ou_bot', appName: 'bot' }),
    uploadImage: async () => 'img',
    uploadFile: async () => 'file',
    downloadMessageFile: async () => Buffer.alloc(0),
  };
}

/** Graceful shutdown: stop accepting, answer and finish what is in flight, then close the database. */
describe('app.stop()', () => {
  const db = freshDatabaseConfig();
  let app: App | undefined;
  afterEach(async () => {
    if (db.type === 'mysql') {
      const ds = await openDatabase(db, schema);
      await ds.query(`DROP DATABASE IF EXISTS \`${new URL(db.url).pathname.slice(1)}\``);
      await ds.destroy();
    }
    db.cleanup();
  });

  const configFor = () =>
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url,
      LARK_APP_ID: 'cli_test',
      LARK_APP_SECRET: 'secret',
      LARK_ENCRYPT_KEY: KEY,
      LARK_VERIFICATION_TOKEN: TEST_TOKEN,
      LOG_LEVEL: 'silent',
    });

  const statusesInDb = async (): Promise<Map<string, string>> => {
    const ds = await openDatabase(db, schema);
    try {
      const rows: Array<{ event_id: string; status: string }> = await ds.query(
        'SELECT event_id, status FROM inbox_event',
      );
      return new Map(rows.map((r) => [r.event_id, r.status]));
    } finally {
      await ds.destroy();
    }
  };

  it('waits for in-flight events: everything acknowledged with 200 is processed before the database closes', async () => {
    const replies: string[] = [];
    const config = configFor();
    app = await createApp(config, { log: createLogger('silent'), lark: slowLark(300, replies) });
    const url = await app.listen();
    // Strangers (non-members) get a reply card: processing takes 300 ms each, after the 200.
    const events = Array.from({ length: 12 }, (_, i) => messageEvent(`ou_stranger_${i}`, '你好'));
    const posts = events.map(async (ev, i) => {
      await new Promise((r) => setTimeout(r, i * 5));
      const req = buildLarkRequest(ev, { encryptKey: KEY });
      try {
        const res = await fetch(`${url}/lark/events`, { method: 'POST', headers: req.headers, body: req.body });
        return res.status;
      } catch {
        return 0; // refused because the server was closing: Feishu retries it
      }
    });
    // Stop as soon as the first event is acknowledged: its 300 ms of work (and the others') are in flight.
    expect(await posts[0]).toBe(200);
    const started = Date.now();
    await app.stop();
    const statuses = await Promise.all(posts);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250); // it did wait for the work
    const acked = events.filter((_, i) => statuses[i] === 200);
    expect(acked.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 0)).toBe(true);

    const byId = await statusesInDb();
    for (const ev of acked) expect(byId.get(ev.header.event_id)).toBe('done');
    expect(replies.sort()).toEqual(acked.map((ev) => ev.event.message.message_id).sort());
  });

  it('answers a request still arriving when stop() is called, and processes its event before closing the database', async () => {
    const replies: string[] = [];
    app = await createApp(configFor(), { log: createLogger('silent'), lark: slowLark(100, replies) });
    const url = new URL(await app.listen());
    const ev = messageEvent('ou_slow_uploader', '你好');
    const req = buildLarkRequest(ev, { encryptKey: KEY });
    const body = Buffer.from(req.body);
    // The body arrives in two halves 150 ms apart; stop() is called in between, with nothing else running.
    let firstHalfOut!: () => void;
    const firstHalf = new Promise<void>((r) => (firstHalfOut = r));
    const status = new Promise<number>((resolve, reject) => {
      const r = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/lark/events',
          method: 'POST',
          headers: { ...req.headers, 'content-length': String(body.length) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      r.on('error', reject);
      r.write(body.subarray(0, 100), () => firstHalfOut());
      void firstHalf.then(() => setTimeout(() => r.end(body.subarray(100)), 150));
    });
    // Once the first half is on the wire, give the server (same process) a moment to read the headers.
    await firstHalf;
    await new Promise((r) => setTimeout(r, 50));
    await app.stop();
    // Checked the moment stop() returns: the event's work is finished, not still running.
    expect(replies).toEqual([ev.event.message.message_id]);
    expect(await status).toBe(200);
    expect((await statusesInDb()).get(ev.header.event_id)).toBe('done');
  });
});

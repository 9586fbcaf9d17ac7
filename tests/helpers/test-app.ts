import { createApp, type App } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import type { Role } from '../../src/domain/members/roles.js';
import { createLogger } from '../../src/shared/logger.js';
import { FakeLarkServer, type FakeLarkOptions } from '../fakes/fake-lark-server.js';
import { checkCallbackResponse } from './card-conformance.js';
import {
  buildLarkRequest,
  cardActionEvent,
  messageEvent,
  TEST_TOKEN,
  type CardOpts,
  type MessageOpts,
  type SignOptions,
} from './lark-request.js';
import { dropMysqlDatabase, freshDatabaseConfig } from './test-db.js';

export const TEST_ENCRYPT_KEY = 'encrypt_key_for_tests';

export interface TestAppOptions {
  fake?: FakeLarkOptions;
  admins?: string[];
  clock?: Clock;
  /** Extra environment, e.g. { JOBS_ENABLED: 'false' }. */
  env?: Record<string, string>;
  /** Members to create before the test: open_id → { name, roles }. */
  members?: Record<string, { name: string; roles: Role[] }>;
}

export interface TestApp {
  app: App;
  url: string;
  lark: FakeLarkServer;
  config: AppConfig;
  /** POSTs a payload to /lark/events, encrypted and signed unless told otherwise. */
  post(payload: unknown, sign?: Partial<SignOptions>, path?: string): Promise<{ status: number; body: any }>;
  /** A user types `text` to the bot; resolves once the event is processed. */
  say(openId: string, text: string, o?: MessageOpts): Promise<{ status: number; body: any }>;
  /** A user presses a card button / submits a form; resolves with Feishu's callback response body. */
  click(openId: string, value: Record<string, unknown>, o?: CardOpts): Promise<any>;
  /** Waits until background processing and the outbox are drained. */
  settle(): Promise<void>;
  /**
   * settle(), then waits until the outbox holds nothing pending or being sent: a relay pass that a
   * commit kicked off in the background may still hold rows it claimed.
   */
  delivered(): Promise<void>;
  close(): Promise<void>;
}

/** Waits until background processing is done and the outbox has made its passes. */
export async function settleApp(app: Pick<App, 'dispatcher' | 'relay'>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await app.dispatcher.idle();
    await app.relay.drain();
  }
}

/** The whole service on a real port, on the test database, against a fresh stand-in Feishu. */
export async function startTestApp(o: TestAppOptions = {}): Promise<TestApp> {
  const lark = new FakeLarkServer({ checkCards: true, ...o.fake });
  await lark.start();
  const db = freshDatabaseConfig();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url,
    LARK_APP_ID: 'cli_test',
    LARK_APP_SECRET: 'secret_test',
    LARK_ENCRYPT_KEY: TEST_ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: TEST_TOKEN,
    LARK_BASE_URL: lark.url,
    BOT_ADMINS: (o.admins ?? []).join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Scheduled jobs would send their own messages at boot (catch-up) in the middle of a test's
    // conversation; tests that are about the scheduler turn it on or drive it with tick().
    JOBS_ENABLED: 'false',
    ...(o.env ?? {}),
  });
  const app = await createApp(config, { log: createLogger(config.logLevel), ...(o.clock ? { clock: o.clock } : {}) });
  if (o.members) {
    await app.uow.run(async (tx) => {
      for (const [openId, m] of Object.entries(o.members!)) {
        await tx.members.save({ openId, name: m.name, roles: m.roles, active: true, nameRefreshedAt: app.clock.now() });
        lark.users[openId] = m.name;
      }
    });
  }
  const url = await app.listen();

  const post = async (payload: unknown, sign: Partial<SignOptions> = {}, path = '/lark/events') => {
    const message = (payload as { event?: { message?: { message_id?: string; chat_id?: string } } }).event?.message;
    if (message?.message_id && message.chat_id) lark.knowMessage(message.message_id, message.chat_id);
    const req = buildLarkRequest(payload, { encryptKey: TEST_ENCRYPT_KEY, ...sign });
    const res = await fetch(url + path, { method: 'POST', headers: req.headers, body: req.body });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: left as text for the assertion to show */
    }
    checkCallbackResponse(payload, res.status, body);
    return { status: res.status, body };
  };

  const settle = () => settleApp(app);

  return {
    app,
    url,
    lark,
    config,
    post,
    async say(openId, text, mo) {
      const res = await post(messageEvent(openId, text, mo));
      await settle();
      return res;
    },
    async click(openId, value, co) {
      const res = await post(cardActionEvent(openId, value, co));
      await settle();
      return res.body;
    },
    settle,
    async delivered() {
      for (let i = 0; i < 250; i++) {
        await settle();
        const [row] = await app.ds.query(
          `SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('pending', 'sending')`,
        );
        if (Number(row.n) === 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('outbox not drained');
    },
    async close() {
      await app.stop();
      if (db.type === 'mysql') await dropMysqlDatabase(db.url);
      db.cleanup();
      await lark.stop();
    },
  };
}

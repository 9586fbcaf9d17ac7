import type Router from '@koa/router';
import { randomBytes } from 'node:crypto';
import type { App } from '../app.js';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../shared/logger.js';
import { ChatLog } from './chat-log.js';
import { mountConsoleRoutes } from './console-routes.js';
import { DEMO_BOT_OPEN_ID, DEMO_GROUP, DEMO_PEOPLE, seedDemoDepartment } from './demo-department.js';
import { FakeLarkServer, type SentMessage } from './fake-lark-server.js';
import { SandboxConsole } from './sandbox-console.js';
import { OffsetClock } from './sandbox-clock.js';
import { isDailyOrRarer } from './schedule-times.js';

/**
 * Sandbox mode: the real service, on its own SQLite file, against an in-process stand-in
 * for the Feishu Open API, with a demo department and a browser console at /sandbox.
 * It exists only when no real Lark credential is set.
 */
const LARK_CREDENTIALS = ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'] as const;
export const DEFAULT_SANDBOX_DATABASE_URL = 'sqlite:./data/sandbox.sqlite';

export interface SandboxDecision {
  wanted: boolean;
  /** Why not, when it is worth a log line. */
  note?: string;
}

/**
 * Never with a real credential set, whatever SANDBOX says. SANDBOX=false keeps the plain service
 * (503 on /lark/*); SANDBOX=true forces it; unset, it runs unless DATABASE_URL names a MySQL server —
 * that is a deployment waiting for its credentials, not someone trying the bot.
 */
export function sandboxDecision(env: Record<string, string | undefined>): SandboxDecision {
  const flag = (env.SANDBOX ?? '').trim().toLowerCase();
  const setCredentials = LARK_CREDENTIALS.filter((k) => (env[k] ?? '').trim() !== '');
  if (setCredentials.length) {
    return {
      wanted: false,
      ...(flag === 'true' || flag === '1'
        ? { note: `SANDBOX is ignored because ${setCredentials.join(', ')} is set` }
        : {}),
    };
  }
  if (flag === 'false' || flag === '0') return { wanted: false };
  if (flag === 'true' || flag === '1') return { wanted: true };
  if (/^(mysql|mariadb):/.test((env.DATABASE_URL ?? '').trim())) {
    return { wanted: false, note: 'no sandbox on a MySQL DATABASE_URL: set SANDBOX=true to run one there anyway' };
  }
  return { wanted: true };
}

export interface Sandbox {
  config: AppConfig;
  clock: OffsetClock;
  fake: FakeLarkServer;
  chats: ChatLog;
  console: SandboxConsole;
  /** Give these to createApp. */
  overrides: { clock: OffsetClock; extraRoutes: (router: Router) => void };
  /** After app.listen(): seeds the demo department and points the console at the service. */
  attach(app: App, serviceUrl: string): Promise<void>;
  /** The console's address, for the boot log. */
  consoleUrl(serviceUrl: string): string;
  /** Ends the console's streams, stops the app, then the stand-in Open API. */
  stop(app: App): Promise<void>;
}

/** Starts the stand-in Open API and builds the config; throws ConfigError like loadConfig. */
export async function startSandbox(env: Record<string, string | undefined>): Promise<Sandbox> {
  const start = startAt(env.SANDBOX_START_AT);
  const users = Object.fromEntries(DEMO_PEOPLE.map((p) => [p.openId, p.name]));
  const fake = new FakeLarkServer({ users, botOpenId: DEMO_BOT_OPEN_ID, checkCards: true });
  await fake.start();
  const lark = {
    appId: `cli_sandbox_${randomBytes(6).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
    encryptKey: randomBytes(16).toString('hex'),
    verificationToken: randomBytes(16).toString('hex'),
  };
  let config: AppConfig;
  try {
    config = loadConfig({
      ...env,
      DATABASE_URL: env.SANDBOX_DATABASE_URL || DEFAULT_SANDBOX_DATABASE_URL,
      LARK_APP_ID: lark.appId,
      LARK_APP_SECRET: lark.appSecret,
      LARK_ENCRYPT_KEY: lark.encryptKey,
      LARK_VERIFICATION_TOKEN: lark.verificationToken,
      LARK_BASE_URL: fake.url,
      // The console drives the webhook path (encrypted, signed requests), whatever the environment says.
      LARK_MODE: 'webhook',
    });
  } catch (err) {
    await fake.stop();
    throw err;
  }

  const clock = new OffsetClock(Date.now, start);
  const chats = new ChatLog(
    () => clock.now().getTime(),
    (openId) => fake.users[openId],
  );
  for (const p of DEMO_PEOPLE)
    chats.addChat({ chatId: p.chatId, kind: 'p2p', name: p.name, openId: p.openId, title: p.title });
  chats.addChat({ chatId: DEMO_GROUP.chatId, kind: 'group', name: DEMO_GROUP.name });
  fake.onMessage = (m, kind) => chats.onBotMessage(withFileInfo(m, fake), kind);

  let serviceUrl = '';
  const sandboxConsole = new SandboxConsole({
    fake,
    chats,
    clock,
    people: DEMO_PEOPLE,
    lark,
    schedules: config.settings.schedules,
    timezone: config.timezone,
    serviceUrl: () => serviceUrl,
  });
  let routes: ReturnType<typeof mountConsoleRoutes> | undefined;

  return {
    config,
    clock,
    fake,
    chats,
    console: sandboxConsole,
    overrides: {
      clock,
      extraRoutes: (router) => {
        routes = mountConsoleRoutes(router, {
          console: sandboxConsole,
          chats,
          fake,
          people: DEMO_PEOPLE,
          group: DEMO_GROUP,
          timezone: config.timezone,
          now: () => clock.now(),
        });
      },
    },
    async attach(app, url) {
      serviceUrl = url;
      const { created } = await seedDemoDepartment(app.uow, clock, app.config.timezone);
      if (created) app.log.info({ created }, 'sandbox: demo department seeded');
      await keepClockAcrossRestarts(app, clock);
      wireJobs(app, clock, sandboxConsole, app.log);
    },
    consoleUrl(url) {
      return `${url.replace('://127.0.0.1:', '://localhost:')}/sandbox`;
    },
    async stop(app) {
      routes?.closeStreams();
      await app.stop();
      await fake.stop();
    },
  };
}

/** A file message carries only its file_key; the phone shows the name and size Feishu would. */
function withFileInfo(m: SentMessage, fake: FakeLarkServer): SentMessage {
  if (m.msgType !== 'file' || !m.current || typeof m.current !== 'object') return m;
  const up = fake.uploads.get(String((m.current as { file_key?: unknown }).file_key));
  return up ? { ...m, current: { ...m.current, file_name: up.fileName ?? up.key, file_size: up.bytes.length } } : m;
}

/** SANDBOX_START_AT (an ISO instant) starts the clock there, e.g. on a Monday morning for a demo. */
function startAt(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new ConfigError([`SANDBOX_START_AT: not a date-time: ${value} (use e.g. 2026-11-23T09:30:00+08:00)`]);
  return at;
}

const SETTING_CLOCK_OFFSET = 'sandbox.clock_offset_ms';

/**
 * The database remembers how far the clock was moved: after a restart time resumes from there rather
 * than going back (offers, deadlines and claimed job periods assume it only moves forward).
 */
async function keepClockAcrossRestarts(app: App, clock: OffsetClock): Promise<void> {
  const saved = await app.uow.run((tx) => tx.settings.get<number>(SETTING_CLOCK_OFFSET));
  if (typeof saved === 'number' && saved > clock.offset)
    await clock.jumpTo(new Date(clock.now().getTime() + saved - clock.offset));
  clock.onJump(() => app.uow.run((tx) => tx.settings.set(SETTING_CLOCK_OFFSET, clock.offset)));
}

/**
 * When the console's clock jumps, the scheduler runs the periods that came due at the new time now,
 * rather than at its next minute tick. `tick()` claims each period in the database, so a period the
 * regular tick also sees still runs once.
 */
function wireJobs(app: App, clock: OffsetClock, console: SandboxConsole, log: Logger): void {
  const scheduler = (app.services as Partial<App['services']>).jobs?.scheduler;
  if (!scheduler || !app.config.jobsEnabled) return;
  console.useSchedule(async () =>
    (await scheduler.status(0))
      .filter((s) => s.enabled && s.nextRun && isDailyOrRarer(s.cron))
      .map((s) => ({ name: s.job.name, title: t(s.job.titleKey), pattern: s.cron, at: s.nextRun! })),
  );
  clock.onJump(async () => {
    try {
      const report = await scheduler.tick();
      if (report.length)
        log.info(
          { runs: report.map((r) => `${r.job}@${r.period}:${r.outcome.status}`) },
          'sandbox: jobs due after the clock jump ran',
        );
    } catch (err) {
      log.error({ err }, 'sandbox: scheduled jobs after a clock jump failed');
    }
  });
}

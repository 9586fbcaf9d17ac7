import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { buildRouter } from './bot/index.js';
import type { BotDeps } from './bot/context.js';
import { Dispatcher } from './bot/dispatcher.js';
import { Menu } from './bot/menu.js';
import type { Services } from './bot/services.js';
import type { AppConfig } from './config.js';
import { OutboxRelay } from './delivery/outbox-relay.js';
import { MemberService } from './domain/members/member.service.js';
import { systemClock, type Clock } from './domain/shared/clock.js';
import { DisabledLarkApi } from './lark/disabled-lark-api.js';
import type { LarkApi } from './lark/lark-api.js';
import { SdkLarkApi } from './lark/sdk-lark-api.js';
import { openDatabase, runMigrations } from './persistence/data-source.js';
import { Database } from './persistence/database.js';
import { InboxStore } from './persistence/repositories/inbox-store.js';
import { OutboxStore } from './persistence/repositories/outbox-store.js';
import { TypeOrmUnitOfWork } from './persistence/unit-of-work.js';
import { createLogger, type Logger } from './shared/logger.js';
import { createHttpApp } from './transport/http-server.js';
import { mountLarkReceiver, type LarkEventSink } from './transport/lark/receiver.js';

export interface AppOverrides {
  clock?: Clock;
  log?: Logger;
  lark?: LarkApi;
}

export interface App {
  config: AppConfig;
  ds: DataSource;
  db: Database;
  uow: TypeOrmUnitOfWork;
  services: Services;
  dispatcher: Dispatcher;
  relay: OutboxRelay;
  lark: LarkApi;
  log: Logger;
  clock: Clock;
  /** Listens on config.port (0 → any free port) and returns the base URL. */
  listen(): Promise<string>;
  stop(): Promise<void>;
}

/** The composition root: every part built by hand, so tests build the real thing against fakes. */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const ds = await openDatabase(config.database);
  const applied = await runMigrations(ds);
  if (applied.length) log.info({ applied }, 'database migrated');
  const db = new Database(ds);
  const uow = new TypeOrmUnitOfWork(db, clock);
  const lark = overrides.lark ?? (config.lark ? new SdkLarkApi(config.lark, log) : new DisabledLarkApi());

  const services: Services = {
    members: new MemberService(clock, config.admins),
  };

  let botOpenId: string | undefined;
  const botDeps: BotDeps = { config, clock, log, lark, uow, botOpenId: () => botOpenId };
  const menu = new Menu();
  const router = buildRouter({ services, menu, config, clock });
  const inbox = new InboxStore(db);
  const dispatcher = new Dispatcher(router, botDeps, inbox, config.settings.inbox);
  const relay = new OutboxRelay(new OutboxStore(db), config.lark || overrides.lark ? lark : undefined, clock, config.settings.outbox, log);
  uow.kickOutbox = () => relay.kick();

  const leaseMs = config.settings.inbox.redispatchAfterSeconds * 1000;
  const sink: LarkEventSink = {
    accept: async (env, raw) => {
      const message = env.event.message as { message_id?: string } | undefined;
      const id = await inbox.insertOnce({ eventId: env.header.event_id, messageId: message?.message_id, eventType: env.header.event_type, payload: raw }, clock.now(), leaseMs);
      if (id === undefined) {
        log.info({ eventId: env.header.event_id }, 'redelivered event acknowledged and ignored');
        return false;
      }
      dispatcher.enqueue(id, env);
      return true;
    },
    cardAction: async (env, raw) => {
      const id = await inbox.insertOnce({ eventId: env.header.event_id, messageId: undefined, eventType: env.header.event_type, payload: raw }, clock.now(), leaseMs);
      if (id === undefined) return {};
      return { ...(await dispatcher.handleCard(id, env)) };
    },
  };

  const http = createHttpApp({
    log,
    ready: () => db.ping(),
    mount: (r) => mountLarkReceiver(r, { lark: config.lark, missing: config.missingLark, sink, log, nowMs: () => Date.now() }),
  });

  const timers: NodeJS.Timeout[] = [];
  let server: Server | undefined;

  const startBackground = () => {
    if (!config.lark && !overrides.lark) return;
    relay.start();
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err) => log.error({ err }, 'background task failed')), ms);
      t.unref();
      timers.push(t);
    };
    every(config.settings.inbox.redispatchIntervalSeconds * 1000, () => dispatcher.redispatchStale());
    every(3_600_000, () => inbox.prune(new Date(clock.now().getTime() - config.settings.inbox.retentionHours * 3_600_000)));
    // Rows a crash left behind are picked up at boot.
    void dispatcher.redispatchStale().catch((err) => log.error({ err }, 'boot re-dispatch failed'));
    void lark
      .getBotInfo()
      .then((info) => {
        botOpenId = info.openId || undefined;
        log.info({ botOpenId, appName: info.appName }, 'bot identity loaded');
      })
      .catch((err) => log.warn({ err: (err as Error).message }, 'could not read the bot info; any @-mention in a group will count as addressing the bot'));
  };

  return {
    config, ds, db, uow, services, dispatcher, relay, lark, log, clock,
    async listen() {
      server = await new Promise<Server>((resolve, reject) => {
        const s = http.listen(config.port, config.host, () => resolve(s));
        s.once('error', reject);
      });
      startBackground();
      const addr = server.address() as AddressInfo;
      return `http://${addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address}:${addr.port}`;
    },
    async stop() {
      // Stop accepting, finish what is in flight, then close the database.
      const closing = server ? new Promise<void>((r) => server!.close(() => r())) : Promise.resolve();
      server?.closeIdleConnections?.();
      for (const t of timers) clearInterval(t);
      await dispatcher.idle();
      await relay.stop();
      await closing;
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

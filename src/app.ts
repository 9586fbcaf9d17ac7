import type Router from '@koa/router';
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
import { systemClock, type Clock } from './domain/shared/clock.js';
import { composeServices } from './features/compose.js';
import { features, routers, schema } from './features/index.js';
import { DisabledLarkApi } from './lark/disabled-lark-api.js';
import type { LarkApi } from './lark/lark-api.js';
import { SdkLarkApi } from './lark/sdk-lark-api.js';
import { openDatabase, runMigrations } from './persistence/data-source.js';
import { Database } from './persistence/database.js';
import { InboxStore } from './persistence/repositories/inbox-store.js';
import { OutboxStore } from './persistence/repositories/outbox-store.js';
import { TypeOrmUnitOfWork } from './persistence/unit-of-work.js';
import { createLogger, type Logger } from './shared/logger.js';
import { createHttpApp, createNodeServer } from './transport/http-server.js';
import { mountLarkReceiver, type LarkEventSink } from './transport/lark/receiver.js';
import { LarkLongConnection } from './transport/lark-ws/long-connection.js';
import { mountWebhookDisabled } from './transport/lark-ws/webhook-disabled.js';

export interface AppOverrides {
  clock?: Clock;
  log?: Logger;
  lark?: LarkApi;
  /** More routes on the same Koa app (the sandbox console); mounted after the Lark receiver. */
  extraRoutes?: (router: Router) => void;
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
  const ds = await openDatabase(config.database, schema);
  const applied = await runMigrations(ds);
  if (applied.length) log.info({ applied }, 'database migrated');
  const db = new Database(ds);
  const uow = new TypeOrmUnitOfWork(db, clock);
  const lark = overrides.lark ?? (config.lark ? new SdkLarkApi(config.lark, log) : new DisabledLarkApi());
  // Every feature's services (src/features/): each module builds its own, asking for the others' it needs.
  const services = composeServices(features, { config, clock, log, db, uow });
  const { approvals, jobs } = services;

  let botOpenId: string | undefined;
  const botDeps: BotDeps = { config, clock, log, lark, uow, botOpenId: () => botOpenId };
  const menu = new Menu();
  const router = buildRouter({ services, menu, config, clock }, routers);
  const inbox = new InboxStore(db);
  const dispatcher = new Dispatcher(router, botDeps, inbox, config.settings.inbox);
  const relay = new OutboxRelay(
    new OutboxStore(db),
    config.lark || overrides.lark ? lark : undefined,
    clock,
    config.settings.outbox,
    log,
  );
  // A commit that wrote messages hands them to the relay at once: replies leave within milliseconds.
  uow.outboxCommitted = (rows) => relay.adopt(rows);
  uow.outboxLease = () => relay.leaseForNewRows();

  const leaseMs = config.settings.inbox.redispatchAfterSeconds * 1000;
  const sink: LarkEventSink = {
    accept: async (env, raw) => {
      const message = env.event.message as { message_id?: string } | undefined;
      const id = await inbox.insertOnce(
        {
          eventId: env.header.event_id,
          messageId: message?.message_id,
          eventType: env.header.event_type,
          payload: raw,
        },
        clock.now(),
        leaseMs,
      );
      if (id === undefined) {
        log.info({ eventId: env.header.event_id }, 'redelivered event acknowledged and ignored');
        return false;
      }
      dispatcher.enqueue(id, env);
      return true;
    },
    cardAction: async (env, raw) => {
      const id = await inbox.insertOnce(
        { eventId: env.header.event_id, messageId: undefined, eventType: env.header.event_type, payload: raw },
        clock.now(),
        leaseMs,
      );
      if (id === undefined) return {};
      return { ...(await dispatcher.handleCard(id, env)) };
    },
  };

  // LARK_MODE=ws: events and card callbacks come over Feishu's long connection into the same sink.
  const longConnection =
    config.lark?.mode === 'ws' ? new LarkLongConnection({ lark: config.lark, sink, log }) : undefined;
  const http = createHttpApp({
    log,
    ready: () => db.ping(),
    notReady: () =>
      longConnection && longConnection.state() !== 'connected'
        ? `long_connection_${longConnection.state()}`
        : undefined,
    mount: (r) => {
      if (longConnection) mountWebhookDisabled(r); // registered first, so it answers before the receiver
      mountLarkReceiver(r, {
        lark: config.lark,
        missing: config.missingLark,
        sink,
        log,
        nowMs: () => Date.now(),
        replayWindowMs: config.webhook.replayWindowMs,
      });
      overrides.extraRoutes?.(r);
    },
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
    // Offer deadlines and inbox pruning are scheduled jobs (offerSweep, housekeeping): claimed once across instances.
    // R-FV-4 re-sends and escalations: each step is a conditional update, so every instance may sweep.
    every(config.settings.approvals.resendCheckSeconds * 1000, () => uow.run((tx) => approvals.sweep(tx, clock.now())));
    if (config.jobsEnabled) void jobs.scheduler.start().catch((err) => log.error({ err }, 'scheduler failed to start'));
    longConnection?.start();
    // Rows a crash left behind are picked up at boot.
    void dispatcher.redispatchStale().catch((err) => log.error({ err }, 'boot re-dispatch failed'));
    void lark
      .getBotInfo()
      .then((info) => {
        botOpenId = info.openId || undefined;
        log.info({ botOpenId, appName: info.appName }, 'bot identity loaded');
      })
      .catch((err) =>
        log.warn(
          { err: (err as Error).message },
          'could not read the bot info; any @-mention in a group will count as addressing the bot',
        ),
      );
  };

  return {
    config,
    ds,
    db,
    uow,
    services,
    dispatcher,
    relay,
    lark,
    log,
    clock,
    async listen() {
      server = await new Promise<Server>((resolve, reject) => {
        const s = createNodeServer(http, config.webhook).listen(config.port, config.host, () => resolve(s));
        s.once('error', reject);
      });
      startBackground();
      const addr = server.address() as AddressInfo;
      return `http://${addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address}:${addr.port}`;
    },
    async stop() {
      longConnection?.stop(); // no new events; Feishu re-pushes any not yet acknowledged
      // Answer the requests in flight first, so every event they acknowledge is queued before idle() below.
      // Keep-alive sockets would hold close() open for seconds: each is closed as soon as it has no request.
      const sweep = server ? setInterval(() => server!.closeIdleConnections(), 20) : undefined;
      if (server)
        await new Promise<void>((r) => {
          server!.close(() => r());
          server!.closeIdleConnections();
        });
      if (sweep) clearInterval(sweep);
      // No longer accepting: finish what is in flight, then close the database.
      for (const t of timers) clearInterval(t);
      await dispatcher.idle();
      await jobs.scheduler.stop();
      await relay.stop();
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

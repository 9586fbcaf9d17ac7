import type { Settings } from '../../src/config.js';
import { OutboxRelay, type RelayOptions } from '../../src/delivery/outbox-relay.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import type { OutboundMessage } from '../../src/domain/shared/outbox.js';
import type { LarkApi } from '../../src/lark/lark-api.js';
import { SdkLarkApi } from '../../src/lark/sdk-lark-api.js';
import type { OutboxRow } from '../../src/persistence/entities/outbox.entities.js';
import { OutboxEntity } from '../../src/persistence/entities/outbox.entities.js';
import { OutboxStore } from '../../src/persistence/repositories/outbox-store.js';
import { TypeOrmUnitOfWork } from '../../src/persistence/unit-of-work.js';
import { createLogger } from '../../src/shared/logger.js';
import { FakeLarkServer, type FakeLarkOptions } from '../fakes/fake-lark-server.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

/**
 * The relay against a real database (SQLite or MariaDB, per vitest project) and the stand-in Feishu,
 * with a manual business clock: a retry "in 30 s" is due as soon as the test advances the clock, so
 * nothing here waits for backoffs. Pacing (Feishu's 5/s and 50/s) runs on real time, because the
 * stand-in enforces its limits on real time.
 */
export const MESSAGES = 'POST /open-apis/im/v1/messages';
export const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export const relaySettings = (o: Partial<Settings['outbox']> = {}): Settings['outbox'] => ({
  maxAttempts: 4,
  pollIntervalMs: 1000,
  perRecipientPerSecond: 5,
  globalPerSecond: 50,
  leaseSeconds: 60,
  ...o,
});

export interface Harness {
  tdb: TestDb;
  fake: FakeLarkServer;
  lark: SdkLarkApi;
  clock: ManualClock;
  store: OutboxStore;
  uow: TypeOrmUnitOfWork;
  relay(
    settings?: Partial<Settings['outbox']>,
    options?: RelayOptions,
    api?: LarkApi,
    store?: OutboxStore,
  ): OutboxRelay;
  /** Writes messages the way features do: in a transaction, through tx.outbox. */
  enqueue(messages: OutboundMessage[]): Promise<void>;
  /** One message to each of `recipients` users, `perRecipient` times, interleaved like a fan-out. */
  fanOut(recipients: number, perRecipient: number, prefix?: string): Promise<void>;
  rows(): Promise<OutboxRow[]>;
  /** Drains, moving the clock past every scheduled retry, until nothing is pending or sending. */
  drainAll(relay: OutboxRelay, maxPasses?: number): Promise<void>;
  /** create calls per uuid at the stand-in (more than one means the row went out twice). */
  createCallsByUuid(): Map<string, number>;
  /** Empties the tables and the stand-in's records (between tests of one file: a new MariaDB schema costs a second). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function openHarness(
  fakeOpts: FakeLarkOptions = { enforceRateLimits: { perRecipientPerSecond: 5, globalPerSecond: 50 } },
): Promise<Harness> {
  const tdb = await openTestDb();
  const fake = new FakeLarkServer(fakeOpts);
  await fake.start();
  const lark = new SdkLarkApi(
    { appId: 'cli_relay', appSecret: 'secret', encryptKey: 'k', verificationToken: 't', baseUrl: fake.url },
    log,
  );
  const clock = new ManualClock('2026-11-23T01:00:00.000Z');
  const store = new OutboxStore(tdb.db);
  const uow = new TypeOrmUnitOfWork(tdb.db, clock);

  const h: Harness = {
    tdb,
    fake,
    lark,
    clock,
    store,
    uow,
    // Feishu's per-recipient "wait" is shortened from 1–2 s so the tests stay fast.
    relay: (settings = {}, options = {}, api = lark, s = store) =>
      new OutboxRelay(s, api, clock, relaySettings(settings), log, { recipientLimitWaitMs: () => 100, ...options }),
    enqueue: async (messages) => {
      await uow.run(async (tx) => {
        for (const m of messages) await tx.outbox.send(m);
      });
    },
    fanOut: async (recipients, perRecipient, prefix = 'ou_fan') => {
      const messages: OutboundMessage[] = [];
      for (let round = 0; round < perRecipient; round++) {
        for (let r = 0; r < recipients; r++)
          messages.push({ to: { openId: `${prefix}_${r}` }, text: `#${round} to ${r}` });
      }
      await h.enqueue(messages);
    },
    rows: () => tdb.ds.getRepository(OutboxEntity).find({ order: { id: 'ASC' } }),
    drainAll: async (relay, maxPasses = 50) => {
      for (let i = 0; i < maxPasses; i++) {
        await relay.drain();
        const open = (await h.rows()).filter((r) => r.status === 'pending' || r.status === 'sending');
        if (open.length === 0) return;
        clock.advance(60_000);
      }
      throw new Error('outbox did not drain');
    },
    createCallsByUuid: () => {
      const n = new Map<string, number>();
      for (const c of fake.calls) {
        if (c.method !== 'POST' || c.path !== '/open-apis/im/v1/messages') continue;
        const uuid = String((c.body as { uuid?: string }).uuid);
        n.set(uuid, (n.get(uuid) ?? 0) + 1);
      }
      return n;
    },
    reset: async () => {
      await tdb.truncate();
      fake.reset();
    },
    close: async () => {
      await fake.stop();
      await tdb.close();
    },
  };
  return h;
}

/** Largest number of calls matching `pred` that arrived within any `windowMs` at the stand-in. */
export function peakInWindow(at: number[], windowMs = 1000): number {
  const sorted = [...at].sort((a, b) => a - b);
  let peak = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    peak = Math.max(peak, hi - lo + 1);
  }
  return peak;
}

/**
 * `npm run bench:relay` — the outbox relay draining a backlog of 10,000 messages (spread over 1,000
 * recipients, written as a fan-out would write them) to the stand-in Feishu with Feishu's limits
 * enforced: 5/s per recipient and 50/s overall. The ceiling is the limit itself (50 msg/s); the
 * target is ≥ 40 msg/s with nothing refused twice in a row, nothing lost and nothing sent twice.
 *
 * Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_RELAY_MESSAGES (default 10000),
 * BENCH_RELAY_RECIPIENTS (default 1000).
 */
import { cpus, loadavg } from 'node:os';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../src/config.js';
import { OutboxRelay } from '../src/delivery/outbox-relay.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { SdkLarkApi } from '../src/lark/sdk-lark-api.js';
import { openDatabase, runMigrations } from '../src/persistence/data-source.js';
import { Database } from '../src/persistence/database.js';
import { OutboxStore } from '../src/persistence/repositories/outbox-store.js';
import { TypeOrmUnitOfWork } from '../src/persistence/unit-of-work.js';
import { createLogger } from '../src/shared/logger.js';
import { FakeLarkServer } from '../tests/fakes/fake-lark-server.js';
import { schema } from '../src/features/index.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'zs_bench_relay';
const N = Number(process.env.BENCH_RELAY_MESSAGES ?? 10_000);
const RECIPIENTS = Number(process.env.BENCH_RELAY_RECIPIENTS ?? 1_000);
const LIMITS = { perRecipientPerSecond: 5, globalPerSecond: 50 };

/** Largest number of arrivals within any 1 s window. */
function peak(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let hi = 0, lo = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, node ${process.version}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const admin = await createConnection(BASE);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  const ds = await openDatabase({ type: 'mysql', url: `${BASE}/${DB}` }, schema);
  await runMigrations(ds);
  const db = new Database(ds);
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const uow = new TypeOrmUnitOfWork(db, systemClock);

  // The backlog, as a fan-out writes it: round after round over every recipient.
  const seedStart = performance.now();
  for (let start = 0; start < N; start += 500) {
    await uow.run(async (tx) => {
      for (let i = start; i < Math.min(N, start + 500); i++)
        await tx.outbox.send({ to: { openId: `ou_bench_${i % RECIPIENTS}` }, text: `通知 ${i}` });
    });
  }
  console.log(
    `seeded ${N} messages for ${RECIPIENTS} recipients in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const fake = new FakeLarkServer({ enforceRateLimits: LIMITS });
  await fake.start();
  const settings = { ...loadConfig({}).settings.outbox, ...LIMITS };
  const lark = new SdkLarkApi(
    { appId: 'cli_bench', appSecret: 's', encryptKey: 'k', verificationToken: 't', baseUrl: fake.url },
    log,
  );
  const relay = new OutboxRelay(new OutboxStore(db), lark, systemClock, settings, log);

  const t0 = performance.now();
  let handled = 0;
  const progress = setInterval(
    () =>
      console.log(
        `  … ${fake.messages.length} delivered, ${((fake.messages.length * 1000) / (performance.now() - t0)).toFixed(1)} msg/s`,
      ),
    30_000,
  );
  while (fake.messages.length < N) {
    handled += await relay.drain();
    if (fake.messages.length < N) await new Promise((r) => setTimeout(r, 100)); // rows waiting out a 230020
    if (performance.now() - t0 > 30 * 60_000) throw new Error('relay did not drain within 30 minutes');
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(progress);

  const creates = fake.calls.filter((c) => c.path === '/open-apis/im/v1/messages');
  const perUuid = new Map<string, number>();
  for (const c of creates)
    perUuid.set(
      String((c.body as { uuid: string }).uuid),
      (perUuid.get(String((c.body as { uuid: string }).uuid)) ?? 0) + 1,
    );
  const byRecipient = new Map<string, number[]>();
  for (const m of fake.messages) byRecipient.set(m.receiveId, []);
  const okTimes: number[] = [];
  // Arrival times of accepted sends: the first call of each uuid that produced the message.
  const seen = new Set<string>();
  for (const c of creates) {
    const b = c.body as { uuid: string; receive_id: string };
    const m = fake.messages.find((x) => x.uuid === b.uuid);
    if (!m || seen.has(b.uuid) || c.at < 0) continue;
    seen.add(b.uuid);
    okTimes.push(c.at);
    byRecipient.get(b.receive_id)!.push(c.at);
  }
  const refused = creates.length - N;
  const [[status]] = (await admin.query(
    `SELECT SUM(status = 'sent') AS sent, SUM(status = 'dead') AS dead FROM ${DB}.outbox_message`,
  )) as unknown as [Array<{ sent: number; dead: number }>];
  const peakRecipient = Math.max(...[...byRecipient.values()].map(peak));
  console.log(
    '\n| messages | recipients | seconds | msg/s | limit (ceiling) | refused by Feishu (230020/429) | sent twice | lost | dead | peak/s one recipient | peak/s overall |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${N} | ${RECIPIENTS} | ${seconds.toFixed(1)} | ${(N / seconds).toFixed(1)} | ${LIMITS.globalPerSecond} | ${refused} | ${fake.messages.length - new Set(fake.messages.map((m) => m.uuid)).size} | ${N - Number(status!.sent) - Number(status!.dead)} | ${Number(status!.dead)} | ${peakRecipient} | ${peak(okTimes)} |`,
  );
  console.log(
    `(relay passes handled ${handled} claims; load average now ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );

  await fake.stop();
  await ds.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.end();
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});

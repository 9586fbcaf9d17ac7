/**
 * `npm run bench:calls` — the call log's quick path (R-DAY-3) with 100k clients and 1M call rows on
 * MariaDB: an agent submits the call form for one of their clients (a signed, encrypted
 * `card.action.trigger` through the real webhook and the whole service, `createApp`), and the
 * callback's answer — the result card with "今日 n/50" — comes back in the HTTP response. Measured
 * from sending the event to receiving that answer, p50/p95/p99/max.
 *
 * Baseline, in the same run and alternating request by request: the same work as raw SQL on one
 * connection — BEGIN; INSERT the call_log row; SELECT COUNT(*) of the agent's calls today; COMMIT.
 *
 * Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_ITER (default 500),
 * BENCH_CLIENTS (default 100000), BENCH_CALLS (default 1000000). The seeded database
 * (zs_bench_calls) is kept between runs and reused when its counts match.
 */
import { request, Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createConnection, type Connection } from 'mysql2/promise';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { localDate } from '../src/domain/shared/zoned-time.js';
import { createLogger } from '../src/shared/logger.js';
import { openDatabase, runMigrations } from '../src/persistence/data-source.js';
import { FakeLarkServer } from '../tests/fakes/fake-lark-server.js';
import { buildLarkRequest, cardActionEvent, TEST_TOKEN } from '../tests/helpers/lark-request.js';
import { percentile } from './open-loop.js';
import { schema } from '../src/features/index.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'zs_bench_calls';
const URL_DB = `${BASE}/${DB}`;
const ITER = Number(process.env.BENCH_ITER ?? 500);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const AGENTS = 50;
const KEY = 'bench_encrypt_key';
const TZ = 'Asia/Shanghai';
const agentId = (a: number) => `ou_bench_call_${String(a).padStart(3, '0')}`;
/** The agent who logs the measured calls, and the client ids they own (every AGENTS-th client). */
const CALLER = agentId(0);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const count = async (c: Connection, sql: string) => Number(((await c.query(sql))[0] as Array<{ n: unknown }>)[0]!.n);

/** 100k clients spread over 50 agents and 1M calls over the past year: multi-row INSERTs, reused if present. */
async function seed(): Promise<void> {
  const admin = await createConnection(BASE);
  await admin.query(`CREATE DATABASE IF NOT EXISTS ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const ds = await openDatabase({ type: 'mysql', url: URL_DB }, schema);
  await runMigrations(ds);
  await ds.destroy();
  const c = await createConnection({ uri: URL_DB, timezone: 'Z' });
  const t0 = performance.now();
  if ((await count(c, 'SELECT COUNT(*) AS n FROM client')) !== CLIENTS) {
    await c.query('DELETE FROM call_log');
    await c.query('DELETE FROM client');
    await c.query('ALTER TABLE client AUTO_INCREMENT = 1');
    const r = rng(7);
    const at = new Date('2026-01-01T02:00:00Z');
    for (let start = 1; start <= CLIENTS; start += 5000) {
      const rows: unknown[][] = [];
      for (let i = start; i < Math.min(CLIENTS + 1, start + 5000); i++) {
        const phone = `139${String(i).padStart(8, '0')}`;
        rows.push([
          `客户${i}`,
          phone,
          [...phone].reverse().join(''),
          'ABCD'[Math.floor(r() * 4)],
          ['intent', 'following', 'deposit', 'signed'][Math.floor(r() * 4)],
          'agent',
          agentId(i % AGENTS),
          at,
          at,
        ]);
      }
      await c.query(
        `INSERT INTO client (name, phone, phone_rev, grade, state, owner_kind, owner_open_id, created_at, updated_at) VALUES ${rows
          .map(() => '(?,?,?,?,?,?,?,?,?)')
          .join(',')}`,
        rows.flat(),
      );
    }
  }
  if ((await count(c, 'SELECT COUNT(*) AS n FROM call_log')) < CALLS) {
    await c.query('DELETE FROM call_log');
    const r = rng(11);
    const outcomes = ['connected', 'interested', 'callback', 'no_answer', 'refused'];
    const yearAgo = Date.parse('2025-12-01T01:30:00Z');
    for (let start = 0; start < CALLS; start += 5000) {
      const rows: unknown[][] = [];
      for (let i = start; i < Math.min(CALLS, start + 5000); i++) {
        const agent = i % AGENTS;
        // A client of that agent: ids ≡ agent (mod AGENTS).
        const client = agent + AGENTS * Math.floor(r() * (CLIENTS / AGENTS)) || AGENTS;
        const when = new Date(yearAgo + Math.floor(r() * 365) * 86_400_000 + Math.floor(r() * 7_200_000));
        rows.push([agentId(agent), client, localDate(when, TZ), when, outcomes[i % 5], null, null]);
      }
      await c.query(
        `INSERT INTO call_log (agent_open_id, client_id, call_date, called_at, outcome, grade, note) VALUES ${rows
          .map(() => '(?,?,?,?,?,?,?)')
          .join(',')}`,
        rows.flat(),
      );
    }
    await c.query('ANALYZE TABLE client, call_log');
  }
  console.error(`seeded/checked in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await c.end();
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One call form submitted through the webhook; resolves with the milliseconds until the answer arrived. */
function submitCall(url: string, i: number, clientId: number): Promise<number> {
  const ev = cardActionEvent(
    CALLER,
    { a: 'call.submit', clientId },
    { formValue: { outcome: 'connected', grade: 'B' }, eventId: `ev_calls_bench_${Date.now()}_${i}` },
  );
  const req = buildLarkRequest(ev, { encryptKey: KEY });
  const body = Buffer.from(req.body);
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: u.hostname,
        port: u.port,
        path: '/lark/events',
        method: 'POST',
        agent,
        headers: { ...req.headers, 'content-length': String(body.length) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          if (res.statusCode !== 200 || !text.includes('/50'))
            return reject(new Error(`bad answer: ${text.slice(0, 300)}`));
          resolve(performance.now() - t0);
        });
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

/** The same insert + count as raw SQL in one transaction. */
async function rawCall(c: Connection, clientId: number): Promise<number> {
  const t0 = performance.now();
  const now = new Date();
  const day = localDate(now, TZ);
  await c.query('BEGIN');
  await c.query(
    'INSERT INTO call_log (agent_open_id, client_id, call_date, called_at, outcome, grade, note) VALUES (?,?,?,?,?,?,?)',
    [CALLER, clientId, day, now, 'connected', 'B', null],
  );
  await c.query('SELECT COUNT(*) AS n FROM call_log WHERE agent_open_id = ? AND call_date = ?', [CALLER, day]);
  await c.query('COMMIT');
  return performance.now() - t0;
}

async function main(): Promise<void> {
  await seed();
  const lark = new FakeLarkServer();
  await lark.start();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: URL_DB,
    LARK_APP_ID: 'cli_bench',
    LARK_APP_SECRET: 'secret_bench',
    LARK_ENCRYPT_KEY: KEY,
    LARK_VERIFICATION_TOKEN: TEST_TOKEN,
    LARK_BASE_URL: lark.url,
    LOG_LEVEL: 'error',
    JOBS_ENABLED: 'false',
  });
  const app = await createApp(config, { log: createLogger('error') });
  await app.uow.run(async (tx) => {
    for (let a = 0; a < AGENTS; a++) {
      await tx.members.save({
        openId: agentId(a),
        name: `招商${a}`,
        roles: ['agent'],
        active: true,
        nameRefreshedAt: systemClock.now(),
      });
    }
  });
  const url = await app.listen();
  const raw = await createConnection({ uri: URL_DB, timezone: 'Z' });
  // A different client each call: the same call twice within seconds is a double tap, refused (R-FORM-3).
  let k = 0;
  const ownClient = () => AGENTS * (1 + (k++ % (CLIENTS / AGENTS - 1)));

  for (let i = 0; i < 30; i++) {
    await submitCall(url, -i - 1, ownClient());
    await rawCall(raw, ownClient());
  }
  const service: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < ITER; i++) {
    service.push(await submitCall(url, i, ownClient()));
    baseline.push(await rawCall(raw, ownClient()));
  }
  const row = (label: string, xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const f = (p: number) => percentile(s, p).toFixed(1);
    return `| ${label} | ${xs.length} | ${f(50)} | ${f(95)} | ${f(99)} | ${s.at(-1)!.toFixed(1)} |`;
  };
  const clients = await count(raw, 'SELECT COUNT(*) AS n FROM client');
  const calls = await count(raw, 'SELECT COUNT(*) AS n FROM call_log');
  console.log(
    `\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, node ${process.versions.node}, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; ${clients} clients, ${calls} call rows after the run\n`,
  );
  console.log('| path | calls | p50 ms | p95 ms | p99 ms | max ms |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('raw SQL: INSERT + COUNT in one transaction (baseline)', baseline));
  console.log(row('service: call form event → answer card (webhook, createApp)', service));
  await raw.end();
  await app.stop();
  await lark.stop();
  agent.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench:webhook` — the real service (createApp, MariaDB, stand-in Lark) taking signed,
 * encrypted, distinct `im.message.receive_v1` events from non-members at fixed rates, next to a bare
 * Koa server answering `{}` (the ceiling) in the same run. Reports ack latency p50/p99/max and the
 * rate at which rows land in inbox_event. The service runs in a child process; this process
 * generates the load and plays Feishu's Open API (the bot answers each stranger with a card).
 *
 * Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_RATES (default 250,500,1000,2000),
 * BENCH_SECONDS (default 10), BENCH_MAX_IN_FLIGHT (default 256), BENCH_CPU_PROF (a directory: profile the children).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { FakeLarkServer } from '../tests/fakes/fake-lark-server.js';
import { buildLarkRequest, messageEvent, TEST_TOKEN } from '../tests/helpers/lark-request.js';
import { percentile, runOpenLoop, type LoadResult, type Prepared } from './open-loop.js';
import { cpuSeconds, stopChild } from './proc.js';
import { serviceNodeFlags } from './service-flags.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'zs_bench_webhook';
const RATES = (process.env.BENCH_RATES ?? '250,500,1000,2000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 256);
const KEY = 'bench_encrypt_key';

const logCounts = new Map<string, number>();

function startChild(
  mode: 'service' | 'ingest' | 'bare' | 'rawdb',
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const file = fileURLToPath(new URL('./webhook-server.ts', import.meta.url));
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the child (open in Chrome devtools) to find hot spots.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...serviceNodeFlags(), ...prof, '--import', 'tsx', file, mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string; level?: number; msg?: string };
        if (msg.url && !msg.level) resolve({ child, url: msg.url });
        if (process.env.BENCH_LOG_COUNTS && msg.msg) logCounts.set(msg.msg, (logCounts.get(msg.msg) ?? 0) + 1);
        else if (msg.level !== undefined && msg.level >= 40) console.error('  [service]', msg.msg);
      } catch {
        /* not ours */
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a child has used: per event, it stays meaningful on a busy machine. */
/** Distinct events from strangers (non-members): the bot stores each, then answers with a card. */
function prepare(n: number, seq: { i: number }): Prepared[] {
  const out: Prepared[] = [];
  for (let k = 0; k < n; k++) {
    const i = seq.i++;
    const ev = messageEvent(`ou_bench_stranger_${i % 2000}`, '你好', {
      messageId: `om_bench_${i}`,
      eventId: `ev_bench_${i}`,
    });
    const req = buildLarkRequest(ev, { encryptKey: KEY });
    out.push({ path: '/lark/events', headers: req.headers, body: Buffer.from(req.body) });
  }
  return out;
}

interface Row {
  target: string;
  rate: number;
  r: LoadResult;
  persistedPerSec?: number;
  processedPerSec?: number;
  cpuMsPerEvent?: number;
}

function fmt(row: Row): string {
  const s = [...row.r.latenciesMs].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  return `| ${row.target} | ${row.rate} | ${(row.r.ok / row.r.seconds).toFixed(0)} | ${row.r.non2xx + row.r.errors} | ${row.r.skipped} | ${f(percentile(s, 50))} | ${f(percentile(s, 99))} | ${f(s[s.length - 1] ?? NaN)} | ${row.persistedPerSec?.toFixed(0) ?? '—'} | ${row.processedPerSec?.toFixed(0) ?? '—'} | ${row.cpuMsPerEvent?.toFixed(2) ?? '—'} |`;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}; ${SECONDS} s per rate, ≤${MAX_IN_FLIGHT} in flight; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const admin = await createConnection(BASE);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE IF NOT EXISTS ${DB}_raw`);
  const fake = new FakeLarkServer();
  await fake.start();
  const rows: Row[] = [];
  const seq = { i: 0 };
  /** Every rate against one child: its latencies and its own CPU per acknowledged event. */
  const sweep = async (child: Parameters<typeof cpuSeconds>[0], url: string, target: string, persisted: boolean) => {
    for (const rate of RATES) {
      const cpu0 = cpuSeconds(child);
      const r = await runOpenLoop(url, prepare(rate * SECONDS, seq), rate, MAX_IN_FLIGHT);
      const cpuMsPerEvent = ((cpuSeconds(child) - cpu0) * 1000) / Math.max(1, r.ok);
      rows.push({ target, rate, r, cpuMsPerEvent, ...(persisted ? { persistedPerSec: r.ok / r.seconds } : {}) });
    }
  };

  // The ceiling: bare Koa on the same machine, same generator, same bodies.
  {
    const { child, url } = await startChild('bare', {});
    await sweep(child, url, 'bare Koa `{}`', false);
    await stopChild(child);
  }
  // The database ceiling: the same bodies, one raw INSERT IGNORE each, no verification, no ORM.
  {
    const { child, url } = await startChild('rawdb', { DATABASE_URL: `${BASE}/${DB}_raw` });
    await sweep(child, url, 'Koa + raw INSERT', true);
    await stopChild(child);
    await admin.query(`DROP DATABASE IF EXISTS ${DB}_raw`);
  }

  const serviceEnv = {
    DATABASE_URL: `${BASE}/${DB}`,
    LARK_APP_ID: 'cli_bench',
    LARK_APP_SECRET: 'bench_secret',
    LARK_ENCRYPT_KEY: KEY,
    LARK_VERIFICATION_TOKEN: TEST_TOKEN,
    LARK_BASE_URL: fake.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  // The acknowledgement path alone: the real service with event processing switched off.
  if (process.env.BENCH_INGEST !== '0') {
    const { child, url } = await startChild('ingest', { ...serviceEnv, DATABASE_URL: `${BASE}/${DB}_ingest` });
    await runOpenLoop(url, prepare(200, seq), 100, MAX_IN_FLIGHT);
    await sweep(child, url, 'service, ack path only', true);
    await stopChild(child);
    await admin.query(`DROP DATABASE IF EXISTS ${DB}_ingest`);
  }
  const { child, url } = await startChild('service', serviceEnv);
  const count = async (where = '') =>
    Number(
      (
        (await admin.query(`SELECT COUNT(*) AS n FROM ${DB}.inbox_event ${where}`)) as unknown as [Array<{ n: number }>]
      )[0][0]!.n,
    );
  // Warm-up: connections, JIT, the tenant token.
  await runOpenLoop(url, prepare(200, seq), 100, MAX_IN_FLIGHT);
  await new Promise((r) => setTimeout(r, 1000));
  for (const rate of RATES) {
    const before = await count();
    const doneBefore = await count(`WHERE status = 'done'`);
    const t0 = performance.now();
    const cpu0 = cpuSeconds(child);
    const r = await runOpenLoop(url, prepare(rate * SECONDS, seq), rate, MAX_IN_FLIGHT);
    const persisted = (await count()) - before;
    // Processing (member lookup + the reply card) runs after the ack; let it catch up before the next rate.
    let done = 0;
    for (let i = 0; i < 300; i++) {
      done = (await count(`WHERE status = 'done'`)) - doneBefore;
      if (done >= persisted) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const processedSeconds = (performance.now() - t0) / 1000;
    // CPU for the ack and the processing (member lookup, reply card) of each event.
    const cpuMsPerEvent = ((cpuSeconds(child) - cpu0) * 1000) / Math.max(1, done);
    rows.push({
      target: 'service (createApp, MariaDB)',
      rate,
      r,
      persistedPerSec: persisted / r.seconds,
      processedPerSec: done / processedSeconds,
      cpuMsPerEvent,
    });
  }
  await stopChild(child);
  await fake.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.end();

  console.log(
    '\n| target | offered ev/s | acked ev/s | non-2xx/errors | skipped (cap) | p50 ms | p99 ms | max ms | persisted rows/s | processed ev/s | server CPU ms/event |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(fmt(row));
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  if (logCounts.size) console.log('\nservice log lines by message:', Object.fromEntries(logCounts));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});

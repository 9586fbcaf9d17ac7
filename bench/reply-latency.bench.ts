/**
 * `npm run bench:reply` — how long a person waits for the bot's answer now that every reply goes
 * through the outbox and the relay: from the event's acknowledgement to the reply arriving at the
 * stand-in Open API, p50/p99, at 20 and 200 events/s spread over 100 chats. In the same run, the
 * same measurement for the direct path (the handler calling the Open API itself, no outbox) as the
 * baseline; then one chat bursting 50 messages against a stand-in enforcing Feishu's 5/s.
 *
 * Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_RATES (default 20,200),
 * BENCH_SECONDS (default 10), BENCH_GLOBAL_PER_SECOND (the relay's overall pace, default 1000: the stand-in's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { FakeLarkServer } from '../tests/fakes/fake-lark-server.js';
import { buildLarkRequest, messageEvent, TEST_TOKEN } from '../tests/helpers/lark-request.js';
import { percentile } from './open-loop.js';
import { stopChild } from './proc.js';
import { serviceNodeFlags } from './service-flags.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'zs_bench_reply';
const RATES = (process.env.BENCH_RATES ?? '20,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CHATS = 100;
const KEY = 'bench_encrypt_key';

function startChild(
  mode: 'service' | 'direct',
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const file = fileURLToPath(new URL('./webhook-server.ts', import.meta.url));
  const child = spawn(process.execPath, [...serviceNodeFlags(), '--import', 'tsx', file, mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string; level?: number };
        if (msg.url && !msg.level) resolve({ child, url: msg.url });
      } catch {
        /* not ours */
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

let seq = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Posts one signed, encrypted message event; resolves with the time its acknowledgement arrived. */
function post(url: string, sender: string, text: string): { messageId: string; acked: Promise<number> } {
  const i = seq++;
  const messageId = `om_reply_bench_${i}`;
  const ev = messageEvent(sender, text, { messageId, eventId: `ev_reply_bench_${i}` });
  const req = buildLarkRequest(ev, { encryptKey: KEY });
  const u = new URL(url);
  const body = Buffer.from(req.body);
  const acked = new Promise<number>((resolve, reject) => {
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
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now()) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    r.on('error', reject);
    r.end(body);
  });
  return { messageId, acked };
}

interface Row {
  target: string;
  rate: number;
  sent: number;
  answered: number;
  p50: number;
  p99: number;
  max: number;
}

/** Open loop at `rate` over CHATS people for SECONDS; latency = reply received − ack received. */
async function measure(fake: FakeLarkServer, url: string, target: string, rate: number): Promise<Row> {
  const arrived = new Map<string, number>();
  fake.onMessage = (m, kind) => {
    if (kind === 'create' && m.replyTo) arrived.set(m.replyTo, performance.now());
  };
  const acks = new Map<string, number>();
  const pending: Array<Promise<void>> = [];
  const n = rate * SECONDS;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { messageId, acked } = post(url, `ou_reply_bench_${i % CHATS}`, '你好');
    pending.push(acked.then((t) => void acks.set(messageId, t)).catch(() => undefined));
  }
  await Promise.all(pending);
  for (let i = 0; i < 300 && arrived.size < acks.size; i++) await new Promise((r) => setTimeout(r, 100));
  const lat = [...acks]
    .filter(([id]) => arrived.has(id))
    .map(([id, t]) => Math.max(0, arrived.get(id)! - t))
    .sort((a, b) => a - b);
  return {
    target,
    rate,
    sent: n,
    answered: lat.length,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    max: lat[lat.length - 1] ?? NaN,
  };
}

/** One person sends 50 messages at once; the stand-in enforces 5/s per chat. */
async function burst(fake: FakeLarkServer, url: string): Promise<string> {
  fake.reset();
  const times: number[] = [];
  fake.onMessage = (m, kind) => {
    if (kind === 'create' && m.replyTo) times.push(performance.now());
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 50 }, () => post(url, 'ou_reply_bench_burst', '你好').acked));
  for (let i = 0; i < 400 && times.length < 50; i++) await new Promise((r) => setTimeout(r, 100));
  const seconds = ((times[times.length - 1] ?? t0) - t0) / 1000;
  // The busiest second as the stand-in saw it.
  let peak = 0;
  for (const t of times) peak = Math.max(peak, times.filter((x) => x >= t && x < t + 1000).length);
  return `| one chat, 50 at once | ${times.length}/50 | ${seconds.toFixed(1)} | ${(times.length / Math.max(seconds, 0.001)).toFixed(1)} | ${peak} | ${fake.refusedForRate} |`;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}; ${SECONDS} s per rate, ${CHATS} chats; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const admin = await createConnection(BASE);
  const fake = new FakeLarkServer({ enforceRateLimits: { perRecipientPerSecond: 5, globalPerSecond: 1000 } });
  await fake.start();
  // The relay's own cost is what is measured: the service may send as fast as the stand-in takes it
  // (Feishu's standard 50/s per API would queue 200/s by design — see docs/benchmarks.md).
  const settings = JSON.parse(readFileSync('config/settings.json', 'utf8'));
  settings.outbox.globalPerSecond = Number(process.env.BENCH_GLOBAL_PER_SECOND ?? 1000);
  const settingsFile = join(mkdtempSync(join(tmpdir(), 'zs-bench-')), 'settings.json');
  writeFileSync(settingsFile, JSON.stringify(settings));
  const env = (db: string) => ({
    SETTINGS_FILE: settingsFile,
    DATABASE_URL: `${BASE}/${db}`,
    LARK_APP_ID: 'cli_bench',
    LARK_APP_SECRET: 'bench_secret',
    LARK_ENCRYPT_KEY: KEY,
    LARK_VERIFICATION_TOKEN: TEST_TOKEN,
    LARK_BASE_URL: fake.url,
    LOG_LEVEL: 'warn',
  });
  const rows: Row[] = [];
  let burstRow = '';
  for (const mode of ['direct', 'service'] as const) {
    const db = `${DB}_${mode}`;
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    const { child, url } = await startChild(mode, env(db));
    await measure(fake, url, 'warm-up', 20); // connections, JIT, the tenant token
    for (const rate of RATES)
      rows.push(
        await measure(fake, url, mode === 'direct' ? 'direct send (baseline)' : 'outbox + relay (service)', rate),
      );
    if (mode === 'service') burstRow = await burst(fake, url);
    await stopChild(child);
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  }
  await fake.stop();
  await admin.end();
  agent.destroy();

  const f = (x: number) => x.toFixed(1);
  console.log('\n| path | offered ev/s | answered | p50 ms | p99 ms | max ms |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.target} | ${r.rate} | ${r.answered}/${r.sent} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} |`);
  console.log('\n| burst | delivered | seconds | per second | busiest second | refused by the stand-in |');
  console.log('|---|---|---|---|---|---|');
  console.log(burstRow);
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench:ws` — Feishu's long connection (LARK_MODE=ws) against the webhook, in the same run:
 * the real service (createApp on MariaDB, in a child process) takes distinct `im.message.receive_v1`
 * events and `card.action.trigger` callbacks at fixed rates, open loop (each one due at start + i/rate,
 * its latency measured from when it was due). Webhook: a signed, encrypted POST to /lark/events until
 * the HTTP answer. Long connection: the stand-in endpoint (src/sandbox/fake-lark-ws.ts) pushes a frame
 * to the real SDK WSClient until its ACK frame — for a callback, the ACK carries the toast. This
 * process plays Feishu (both ways in and the Open API the replies go to).
 *
 * Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_RATES (default 50,200),
 * BENCH_SECONDS (default 10), BENCH_MAX_IN_FLIGHT (default 256).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { FakeLarkServer } from '../src/sandbox/fake-lark-server.js';
import { buildLarkRequest, cardActionEvent, messageEvent, TEST_TOKEN } from '../tests/helpers/lark-request.js';
import { percentile, runOpenLoop, runOpenLoopWith, type LoadResult, type Prepared } from './open-loop.js';
import { stopChild } from './proc.js';
import { serviceNodeFlags } from './service-flags.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'zs_bench_ws';
const RATES = (process.env.BENCH_RATES ?? '50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 256);
const KEY = 'bench_encrypt_key';
const APP_ID = 'cli_a1b2c3d4e5f60718';
const SECRET = 'bench_secret';

type Mode = 'webhook' | 'ws';
type Kind = 'event' | 'callback';

function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const file = fileURLToPath(new URL('./webhook-server.ts', import.meta.url));
  const child = spawn(process.execPath, [...serviceNodeFlags(), '--import', 'tsx', file, 'service'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string; level?: number; msg?: string };
        if (msg.url && !msg.level) resolve({ child, url: msg.url });
        else if (msg.level !== undefined && msg.level >= 40) console.error('  [service]', msg.msg);
      } catch {
        /* not ours */
      }
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
}

/** Distinct payloads: messages from strangers (answered with a card) or a stranger's button press (a toast). */
function payloads(kind: Kind, n: number, seq: { i: number }): unknown[] {
  const out: unknown[] = [];
  for (let k = 0; k < n; k++) {
    const i = seq.i++;
    const who = `ou_bench_ws_${i % 2000}`;
    out.push(
      kind === 'event'
        ? messageEvent(who, '你好', { messageId: `om_bws_${i}`, eventId: `ev_bws_${i}` })
        : cardActionEvent(
            who,
            { a: 'rotation.accept', offerId: 1 },
            { eventId: `ev_bws_cb_${i}`, messageId: `om_bws_card_${i}` },
          ),
    );
  }
  return out;
}

function prepared(list: unknown[]): Prepared[] {
  return list.map((p) => {
    const req = buildLarkRequest(p, { encryptKey: KEY });
    return { path: '/lark/events', headers: req.headers, body: Buffer.from(req.body) };
  });
}

interface Row {
  mode: Mode;
  kind: Kind;
  rate: number;
  r: LoadResult;
}

function fmt(row: Row): string {
  const s = [...row.r.latenciesMs].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  const what = row.kind === 'event' ? 'event → ack' : 'callback → response';
  return `| ${row.mode} | ${what} | ${row.rate} | ${(row.r.ok / row.r.seconds).toFixed(0)} | ${row.r.non2xx + row.r.errors} | ${row.r.skipped} | ${f(percentile(s, 50))} | ${f(percentile(s, 99))} | ${f(s[s.length - 1] ?? NaN)} |`;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}; ${SECONDS} s per rate and kind; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const admin = await createConnection(BASE);
  // Feishu's own ClientConfig (120 s pings, 120 s reconnect interval) — nothing here needs a reconnect.
  const fake = new FakeLarkServer({ longConnection: { appId: APP_ID, appSecret: SECRET } });
  await fake.start();
  const rows: Row[] = [];
  const seq = { i: 0 };
  // Alternating the modes per rate spreads the machine's noise over both.
  const modes: Mode[] = ['webhook', 'ws'];
  const services = new Map<Mode, { child: ChildProcess; url: string }>();
  for (const mode of modes) {
    await admin.query(`DROP DATABASE IF EXISTS ${DB}_${mode}`);
    const env: Record<string, string> = {
      DATABASE_URL: `${BASE}/${DB}_${mode}`,
      LARK_MODE: mode,
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: SECRET,
      LARK_BASE_URL: fake.url,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...(mode === 'webhook' ? { LARK_ENCRYPT_KEY: KEY, LARK_VERIFICATION_TOKEN: TEST_TOKEN } : {}),
    };
    services.set(mode, await startService(env));
    if (mode === 'ws') await fake.ws!.waitForConnections(1, 30_000);
  }
  const run = (mode: Mode, kind: Kind, rate: number, n: number) => {
    const list = payloads(kind, n, seq);
    return mode === 'ws'
      ? runOpenLoopWith(list, rate, MAX_IN_FLIGHT, async (frame) =>
          (await fake.ws!.push(frame)).code === 200 ? 'ok' : 'non2xx',
        )
      : runOpenLoop(services.get(mode)!.url, prepared(list), rate, MAX_IN_FLIGHT);
  };
  // Warm-up: connections, JIT, the tenant token.
  for (const mode of modes) for (const kind of ['event', 'callback'] as Kind[]) await run(mode, kind, 50, 100);
  await new Promise((r) => setTimeout(r, 2000));
  for (const rate of RATES) {
    for (const kind of ['event', 'callback'] as Kind[]) {
      for (const mode of modes) {
        rows.push({ mode, kind, rate, r: await run(mode, kind, rate, rate * SECONDS) });
        // The replies (cards to strangers) leave through the outbox after the acks: let them go first.
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
  for (const [mode, s] of services) {
    await stopChild(s.child);
    await admin.query(`DROP DATABASE IF EXISTS ${DB}_${mode}`);
  }
  await fake.stop();
  await admin.end();

  console.log('\n| way in | measured | offered /s | answered /s | errors | skipped (cap) | p50 ms | p99 ms | max ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(fmt(row));
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

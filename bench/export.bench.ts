/**
 * Export benchmark: a year of a 50-agent department — 100,000 visitor registrations, the
 * 365 days up to yesterday — exported through the product's own path (ExportService → keyset-paged
 * reader → ExcelJS streaming writer → one Buffer for the upload), against writing the same rows to
 * CSV from the same reader in the same run. The `service` phase drives the whole running service
 * from the outside: a signed, encrypted `导出 来访 <year>` from the manager → the file uploaded to and
 * sent through the stand-in Open API (in this process), with the service's own peak RSS. That phase
 * runs the compiled service exactly as `npm start` does (the script builds first); the other phases run
 * this file under tsx, which holds ≈ 30 MB of its own, so their peaks are an upper bound. Each measurement runs in a child process of its own so that its peak RSS is its
 * own, started with the heap flags `npm start` gives the service. Target: ≤ 5 s and ≤ 200 MB peak for the xlsx.
 *
 *   npm run bench:export                      # SQLite (temp file)
 *   BENCH_DB=mariadb npm run bench:export     # MariaDB at 127.0.0.1:3306 (root, no password)
 *   BENCH_ROWS=20000 npm run bench:export     # fewer rows
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { DatabaseConfig } from '../src/config.js';
import { ApprovalService } from '../src/domain/approvals/approval.service.js';
import type { Member } from '../src/domain/members/roles.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { addDays, today } from '../src/domain/shared/zoned-time.js';
import { compileSchemes } from '../src/domain/targets/commission.rules.js';
import { ExportService } from '../src/domain/targets/export.service.js';
import { TargetService } from '../src/domain/targets/target.service.js';
import { writeCsv } from '../src/exports/csv.js';
import { fileName, sheetFor } from '../src/exports/sheets.js';
import { xlsxBuffer } from '../src/exports/xlsx.js';
import { FakeLarkServer } from '../src/sandbox/fake-lark-server.js';
import { buildLarkRequest, messageEvent, TEST_TOKEN } from '../tests/helpers/lark-request.js';
import { cpuSeconds, memoryMb, resetPeak, stopChild } from './proc.js';
import { serviceNodeFlags } from './service-flags.js';
import { ensureMysqlDatabase, openDatabase, runMigrations } from '../src/persistence/data-source.js';
import { Database } from '../src/persistence/database.js';
import { TypeOrmUnitOfWork } from '../src/persistence/unit-of-work.js';
import { loadConfig } from '../src/config.js';
import { schema } from '../src/features/index.js';

const AGENTS = 50;
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TZ = 'Asia/Shanghai';
/** The year up to yesterday: a ledger export may not reach into the future. */
const TO = addDays(today(systemClock, TZ), -1);
const FROM = addDays(TO, -364);
type Phase = 'read' | 'csv' | 'xlsx' | 'service';
const MANAGER: Member = {
  openId: 'ou_bench_mgr',
  name: '王经理',
  roles: ['manager'],
  active: true,
  nameRefreshedAt: null,
};

function dbConfig(id: string): DatabaseConfig & { label: string } {
  if (process.env.BENCH_DB === 'mariadb')
    return { type: 'mysql', url: `mysql://root@127.0.0.1:3306/zs_bench_${id}`, label: 'MariaDB' };
  const dir = join(tmpdir(), 'zhaoshang-bench');
  mkdirSync(dir, { recursive: true });
  return { type: 'sqlite', path: join(dir, `export_${id}.sqlite`), label: 'SQLite' };
}

async function seed(config: DatabaseConfig): Promise<number> {
  if (config.type === 'mysql') await ensureMysqlDatabase(config.url);
  const ds = await openDatabase(config, schema);
  await runMigrations(ds);
  const t0 = performance.now();
  const agents = Array.from({ length: AGENTS }, (_, i) => `ou_bench_agent_${String(i).padStart(2, '0')}`);
  await ds.transaction(async (em) => {
    const tx = schema.buildTx(em, { now: () => new Date(), outboxWritten: () => undefined });
    await tx.members.save(MANAGER);
    for (const [i, a] of agents.entries())
      await tx.members.save({
        openId: a,
        name: `招商员${i + 1}`,
        roles: ['agent'],
        active: true,
        nameRefreshedAt: null,
      });
    const start = Date.parse(`${FROM}T01:00:00Z`);
    const span = Date.parse(`${TO}T09:00:00Z`) - start;
    const BATCH = 500;
    for (let b = 0; b < ROWS; b += BATCH) {
      const n = Math.min(BATCH, ROWS - b);
      const clients: unknown[] = [];
      const forms: unknown[] = [];
      for (let k = 0; k < n; k++) {
        const i = b + k;
        // DATETIME(3) in UTC, as text: what both drivers store.
        const at = new Date(start + Math.floor((span * i) / ROWS)).toISOString().replace('T', ' ').replace('Z', '');
        const agent = agents[i % AGENTS]!;
        clients.push(
          i + 1,
          `DJ-B-${String(i + 1).padStart(6, '0')}`,
          `客户${i + 1}`,
          `客户${i + 1}旗舰店`,
          '陈先生',
          `13${String(100_000_000 + i).slice(0, 9)}`,
          ['灯饰', '家居', '建材', '卫浴'][i % 4],
          i % 5 ? 'merchant' : 'manufacturer',
          'walk_in',
          'ABCD'[i % 4],
          'following',
          'agent',
          agent,
          at,
          at,
        );
        forms.push(i + 1, 'visitor', i + 1, agent, agent, at, i % 7 === 0 ? 1 : 0, i % 11 === 0 ? 1 : 0, 0);
      }
      await em.query(
        `INSERT INTO client (id, reg_no, name, shop_name, contact_person, phone, category, client_type, source, grade, state, owner_kind, owner_open_id, created_at, updated_at) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(',')}`,
        clients,
      );
      await em.query(
        `INSERT INTO form_record (id, kind, client_id, agent_open_id, filed_by, filed_at, late, incomplete, flagged) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(',')}`,
        forms,
      );
    }
  });
  await ds.destroy();
  return performance.now() - t0;
}

/** One measurement in this (child) process: the export through the product's path, or the CSV baseline. */
async function measure(phase: Phase, config: DatabaseConfig): Promise<void> {
  const ds = await openDatabase(config, schema);
  const db = new Database(ds);
  const clock = systemClock;
  const uow = new TypeOrmUnitOfWork(db, clock);
  const approvals = new ApprovalService({
    clock,
    settings: { resendAfterMinutes: 60 },
    cards: { approverCard: () => ({}), requesterCard: () => ({}) },
  });
  const targets = new TargetService({
    clock,
    settings: {
      timezone: TZ,
      calendar: { holidays: [], makeupWorkdays: [] },
      riskMarginPct: 10,
      schemes: compileSchemes([
        {
          from: '2026-01',
          perContractYuan: 0,
          rentMultiples: [{ minCompletionPct: 0, multiple: 1 }],
          atSigningPct: 80,
          managerBonus: [{ minCompletionPct: 0, rentMultiple: 0, fixedYuan: 0 }],
        },
      ]),
    },
    approvals,
    render: { approvalSummary: () => '', riskWarning: () => ({}) },
  });
  const exports = new ExportService({
    clock,
    settings: { timezone: TZ, exportMaxDays: 366, forms: loadConfig({}).settings.forms },
    targets,
  });
  const rssBefore = process.memoryUsage().rss;
  let heapPeak = 0;
  let externalPeak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    externalPeak = Math.max(externalPeak, m.external + m.arrayBuffers);
  }, 5);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await uow.run(async (tx) => {
    const req = await exports.prepare(tx, MANAGER, 'visitors', `${FROM}~${TO}`, false);
    const sheet = sheetFor(req, await exports.rows(tx, req));
    if (phase === 'read') {
      // The reader alone (pages mapped to cells): what both writers have in common.
      let rows = 0;
      for await (const page of sheet.pages) rows += page.length;
      return { rows, bytes: 0, name: 'read' };
    }
    if (phase === 'xlsx') {
      const { buffer, rows } = await xlsxBuffer(sheet, TZ);
      return { rows, bytes: buffer.length, name: fileName(req) };
    }
    const { PassThrough } = await import('node:stream');
    const pass = new PassThrough();
    let bytes = 0;
    const chunks: Buffer[] = [];
    pass.on('data', (c: Buffer) => {
      bytes += c.length;
      chunks.push(c);
    });
    const { rows } = await writeCsv(sheet, pass, TZ);
    pass.end();
    return { rows, bytes, name: 'csv' };
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  await ds.destroy();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ phase, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), rows: result.rows, bytes: result.bytes, rssBeforeMb: Math.round(rssBefore / 1048576), peakRssMb: Math.round(peakRssMb), heapPeakMb: Math.round(heapPeak / 1048576), externalPeakMb: Math.round(externalPeak / 1048576) })}\n`,
  );
}

/**
 * The whole service driven from outside, as the manager would: `导出 来访 <year>` arrives signed and
 * encrypted; the time runs until the file message reaches the stand-in Open API (this process). The
 * peak is the service process's VmHWM, reset once it has booted (so it is the export's, not the boot's).
 */
async function serviceRun(config: DatabaseConfig): Promise<Record<string, number | string>> {
  const KEY = 'bench_export_key';
  const fake = new FakeLarkServer();
  await fake.start();
  // The production entry point as `npm start` runs it (compiled by `npm run build`), on the seeded database.
  const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
  const env = {
    ...process.env,
    SANDBOX: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    JOBS_ENABLED: 'false',
    DATABASE_URL: config.type === 'mysql' ? config.url : `sqlite:${config.path}`,
    LARK_APP_ID: 'cli_bench',
    LARK_APP_SECRET: 'bench_secret',
    LARK_ENCRYPT_KEY: KEY,
    LARK_VERIFICATION_TOKEN: TEST_TOKEN,
    LARK_BASE_URL: fake.url,
    LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, [...serviceNodeFlags(), main], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let base = '';
  let rows = 0;
  const up = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { url?: string; msg?: string; rows?: number };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.url && !base) {
        base = msg.url;
        resolve();
      }
      if (msg.msg === 'export sent') rows = msg.rows ?? 0;
    });
  });
  try {
    await up;
    await new Promise((r) => setTimeout(r, 2000)); // let the boot's garbage settle
    resetPeak(child);
    const rssBefore = memoryMb(child, 'VmRSS');
    const cpu0 = cpuSeconds(child);
    const t0 = performance.now();
    const req = buildLarkRequest(messageEvent(MANAGER.openId, `导出 来访 ${FROM}~${TO}`), { encryptKey: KEY });
    const res = await fetch(`${base}/lark/events`, { method: 'POST', headers: req.headers, body: req.body });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await fake.waitFor(() => fake.messages.find((m) => m.msgType === 'file'), 120_000);
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 500)); // the log line after the send
    const upload = [...fake.uploads.values()].find((u) => u.kind === 'file');
    return {
      phase: 'service',
      ms: Math.round(ms),
      cpuMs: Math.round((cpuSeconds(child) - cpu0) * 1000),
      rows,
      bytes: upload?.bytes.length ?? 0,
      rssBeforeMb: Math.round(rssBefore),
      peakRssMb: Math.round(memoryMb(child, 'VmHWM')),
      heapPeakMb: '—',
      externalPeakMb: '—',
    };
  } finally {
    await stopChild(child);
    await fake.stop();
  }
}

function child(phase: Phase, config: DatabaseConfig): Record<string, number | string> {
  // The service's heap flags (npm start's): the peak depends on them.
  const res = spawnSync(
    process.execPath,
    [...serviceNodeFlags(), '--import', 'tsx', process.argv[1]!, '--phase', phase, '--config', JSON.stringify(config)],
    { encoding: 'utf8', env: process.env, maxBuffer: 10 * 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`${phase} run failed:\n${res.stderr}`);
  const line = res.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .at(-1);
  return JSON.parse(line!) as Record<string, number | string>;
}

async function main(): Promise<void> {
  const phaseAt = process.argv.indexOf('--phase');
  if (phaseAt > 0) {
    const config = JSON.parse(process.argv[process.argv.indexOf('--config') + 1]!) as DatabaseConfig;
    await measure(process.argv[phaseAt + 1] as Phase, config);
    return;
  }
  const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const config = dbConfig(id);
  console.log(
    `seeding ${ROWS.toLocaleString()} visitor registrations of ${AGENTS} agents over ${FROM}…${TO} on ${config.label}…`,
  );
  const seedMs = await seed(config);
  console.log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);
  try {
    const runs: Array<Record<string, number | string>> = [];
    // Alternate, twice each, so neither gets a warmer cache.
    for (const phase of ['read', 'csv', 'xlsx', 'service', 'read', 'csv', 'xlsx', 'service'] as const)
      runs.push(phase === 'service' ? await serviceRun(config) : child(phase, config));
    const best = (p: string) => runs.filter((r) => r.phase === p).sort((a, b) => Number(a.ms) - Number(b.ms))[0]!;
    const x = best('xlsx');
    const c = best('csv');
    const r = best('read');
    const sv = best('service');
    console.table(runs);
    console.log(
      `\nload average (1/5/15 min) at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} cores` +
        `\nxlsx (streaming, product path): ${(Number(x.ms) / 1000).toFixed(2)} s (CPU ${(Number(x.cpuMs) / 1000).toFixed(2)} s), peak RSS ${x.peakRssMb} MB (before export ${x.rssBeforeMb} MB), heap peak ${x.heapPeakMb} MB, ${(Number(x.bytes) / 1048576).toFixed(1)} MB file` +
        `\ncsv baseline (same reader):     ${(Number(c.ms) / 1000).toFixed(2)} s (CPU ${(Number(c.cpuMs) / 1000).toFixed(2)} s), peak RSS ${c.peakRssMb} MB (before export ${c.rssBeforeMb} MB), heap peak ${c.heapPeakMb} MB, ${(Number(c.bytes) / 1048576).toFixed(1)} MB file` +
        `\nwhole service (webhook → file): ${(Number(sv.ms) / 1000).toFixed(2)} s (CPU ${(Number(sv.cpuMs) / 1000).toFixed(2)} s), peak RSS ${sv.peakRssMb} MB (before ${sv.rssBeforeMb} MB: the idle service), ${sv.rows} rows, ${(Number(sv.bytes) / 1048576).toFixed(1)} MB file` +
        `\nreader alone:                   ${(Number(r.ms) / 1000).toFixed(2)} s (CPU ${(Number(r.cpuMs) / 1000).toFixed(2)} s), peak RSS ${r.peakRssMb} MB` +
        `\ntarget ≤ 5 s and ≤ 200 MB peak — export path: ${Number(x.ms) <= 5000 && Number(x.peakRssMb) <= 200 ? 'met' : 'NOT met'}; whole service: ${Number(sv.ms) <= 5000 && Number(sv.peakRssMb) <= 200 ? 'met' : 'NOT met'}`,
    );
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept: --config '${JSON.stringify(config)}'`);
    else if (config.type === 'sqlite') for (const s of ['', '-wal', '-shm']) rmSync(config.path + s, { force: true });
    else {
      const { createConnection } = await import('mysql2/promise');
      const conn = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
      await conn.query(`DROP DATABASE IF EXISTS \`zs_bench_${id}\``);
      await conn.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench:clients` — 查 on 100k clients and 我的客户 for an agent with 2k clients, on MariaDB:
 * the same service code against two schemas loaded with the same rows, one migrated normally
 * (with the indexes) and one with every secondary index of `client` dropped (the baseline).
 * Prints p50/p95/p99 per query kind as a Markdown table. Env: BENCH_MARIADB_URL
 * (default mysql://root@127.0.0.1:3306), BENCH_ITER (default 300), BENCH_CLIENTS (default 100000).
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { formNotices } from '../src/bot/cards/form-notices.js';
import { loadConfig } from '../src/config.js';
import type { ClientService } from '../src/domain/clients/client.service.js';
import { createClientServices } from '../src/domain/forms/index.js';
import type { Member } from '../src/domain/members/roles.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { openDatabase, runMigrations } from '../src/persistence/data-source.js';
import { Database } from '../src/persistence/database.js';
import { reversePhone } from '../src/persistence/repositories/client.repository.js';
import { TypeOrmUnitOfWork } from '../src/persistence/unit-of-work.js';
import type { DataSource } from 'typeorm';
import type { Tx } from '../src/domain/shared/tx.js';
import { schema } from '../src/features/index.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const ITER = Number(process.env.BENCH_ITER ?? 300);
const TOTAL = Number(process.env.BENCH_CLIENTS ?? 100_000);
const BIG_AGENT = 'ou_bench_agent_000';
const BIG_AGENT_CLIENTS = 2_000;
const AGENTS = 50;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'.split('');
const TRADES = [
  '五金',
  '建材',
  '灯饰',
  '卫浴',
  '瓷砖',
  '门窗',
  '家具',
  '布艺',
  '涂料',
  '电工',
  '管材',
  '石材',
  '地板',
  '橱柜',
  '玻璃',
  '水暖',
];
const SUFFIX = ['店', '行', '商行', '批发部', '经营部', '旗舰店', '厂', '贸易'];

/** Deterministic pseudo-random numbers, so both schemas and every run see the same data and queries. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function clientRow(i: number, r: () => number): unknown[] {
  const owner =
    i < BIG_AGENT_CLIENTS
      ? BIG_AGENT
      : i % 20 === 0
        ? null
        : `ou_bench_agent_${String(1 + (i % (AGENTS - 1))).padStart(3, '0')}`;
  const name = `${SURNAMES[Math.floor(r() * SURNAMES.length)]}记${TRADES[Math.floor(r() * TRADES.length)]}${SUFFIX[Math.floor(r() * SUFFIX.length)]}${i}`;
  const phone = `1${3 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
  const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 690) * 86_400_000);
  const regNo = `DJ-${day.toISOString().slice(0, 10).replace(/-/g, '')}-${String(i).padStart(6, '0')}`;
  const at = new Date(day.getTime() + Math.floor(r() * 86_400_000));
  return [
    regNo,
    name,
    null,
    '联系人',
    phone,
    reversePhone(phone),
    '建材',
    i % 3 === 0 ? 'manufacturer' : 'merchant',
    'walk_in',
    'ABCD'[Math.floor(r() * 4)],
    ['intent', 'following', 'deposit', 'signed', 'lost'][Math.floor(r() * 5)],
    null,
    owner ? 'agent' : 'pool',
    owner,
    at,
    at,
  ];
}

async function seed(url: string): Promise<void> {
  const ds = await openDatabase({ type: 'mysql', url }, schema);
  await runMigrations(ds);
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM client');
  if (Number(n) !== TOTAL) {
    await ds.query('DELETE FROM client');
    const r = rng(42);
    const cols =
      'reg_no, name, shop_name, contact_person, phone, phone_rev, category, client_type, source, grade, state, lost_reason, owner_kind, owner_open_id, created_at, updated_at';
    const used = new Set<string>();
    for (let start = 0; start < TOTAL; start += 2000) {
      const rows: unknown[][] = [];
      for (let i = start; i < Math.min(TOTAL, start + 2000); i++) {
        let row = clientRow(i, r);
        while (used.has(row[4] as string)) row = clientRow(i, r);
        used.add(row[4] as string);
        rows.push(row);
      }
      await ds.query(
        `INSERT INTO client (${cols}) VALUES ${rows.map((x) => `(${x.map(() => '?').join(',')})`).join(',')}`,
        rows.flat(),
      );
    }
    await ds.query('DELETE FROM member');
    for (let a = 0; a < AGENTS; a++) {
      const id = `ou_bench_agent_${String(a).padStart(3, '0')}`;
      await ds.query(
        'INSERT INTO member (open_id, name, roles, active, created_at, updated_at) VALUES (?, ?, ?, 1, NOW(3), NOW(3))',
        [id, `招商${a}`, ',agent,'],
      );
    }
    await ds.query('ANALYZE TABLE client');
  }
  await ds.destroy();
}

/** The baseline: the same table with every secondary index of `client` dropped. */
async function dropIndexes(url: string): Promise<void> {
  const ds = await openDatabase({ type: 'mysql', url }, schema);
  const idx: Array<{ Key_name: string }> = await ds.query('SHOW INDEX FROM client');
  for (const name of new Set(idx.map((i) => i.Key_name).filter((k) => k !== 'PRIMARY')))
    await ds.query(`DROP INDEX \`${name}\` ON client`);
  await ds.query('ANALYZE TABLE client');
  await ds.destroy();
}

interface Target {
  label: string;
  ds: DataSource;
  uow: TypeOrmUnitOfWork;
  clients: ClientService;
  close: () => Promise<void>;
}

async function target(label: string, url: string): Promise<Target> {
  const ds = await openDatabase({ type: 'mysql', url }, schema);
  const uow = new TypeOrmUnitOfWork(new Database(ds), systemClock);
  const config = loadConfig({});
  const { clients } = createClientServices({
    clock: systemClock,
    settings: { timezone: 'Asia/Shanghai', ...config.settings.forms },
    notices: formNotices('Asia/Shanghai'),
  });
  return { label, ds, uow, clients, close: () => ds.destroy() };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/**
 * Both schemas are measured in alternation, query by query, so that whatever else the machine is
 * doing at that moment weighs on both sides alike.
 */
async function measure(a: Target, b: Target, run: (t: Target, i: number) => Promise<unknown>): Promise<[Stats, Stats]> {
  for (let i = 0; i < 20; i++) {
    await run(a, i);
    await run(b, i);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < ITER; i++) {
    for (const [t, out] of [
      [a, ta],
      [b, tb],
    ] as const) {
      const t0 = performance.now();
      await run(t, i);
      out.push(performance.now() - t0);
    }
  }
  const stats = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) });
  return [stats(ta), stats(tb)];
}
type Stats = { p50: number; p95: number; p99: number };

/**
 * Index and table rows the server read for one run (InnoDB handler counters of the session):
 * independent of how busy the machine is, unlike the timings.
 */
async function rowsRead(t: Target, work: (tx: Tx) => Promise<unknown>): Promise<number> {
  return t.ds.transaction(async (em) => {
    const read = async () => {
      const rows: Array<{ Variable_name: string; Value: string }> = await em.query(
        "SHOW SESSION STATUS LIKE 'Handler_read%'",
      );
      return rows.reduce((n, r) => n + Number(r.Value), 0);
    };
    // SHOW STATUS reads rows itself: measure that once and take it off.
    const r1 = await read();
    const overhead = (await read()) - r1;
    const before = await read();
    await work(schema.buildTx(em, { now: () => new Date(), outboxWritten: () => undefined }));
    return (await read()) - before - overhead;
  });
}

async function main() {
  const withIdx = `${BASE}/zs_bench_clients_idx`;
  const noIdx = `${BASE}/zs_bench_clients_noidx`;
  console.error(`seeding ${TOTAL} clients (twice)…`);
  await seed(withIdx);
  await seed(noIdx);
  await dropIndexes(noIdx);

  const agent: Member = {
    openId: BIG_AGENT,
    name: '招商0',
    roles: ['agent'],
    active: true,
    nameRefreshedAt: new Date(),
  };
  const other: Member = { ...agent, openId: 'ou_bench_agent_007', name: '招商7' };
  const q = rng(7);
  const samples = Array.from({ length: ITER + 20 }, () => ({
    surname: `${SURNAMES[Math.floor(q() * SURNAMES.length)]}记${TRADES[Math.floor(q() * TRADES.length)]}`,
    tail: String(1000 + Math.floor(q() * 9000)),
    prefix: `13${Math.floor(q() * 10)}${String(Math.floor(q() * 10000)).padStart(4, '0')}`,
  }));
  // Real phones from the table for the exact-number case.
  const probe = await openDatabase({ type: 'mysql', url: withIdx }, schema);
  const phones = (
    (await probe.query('SELECT phone FROM client ORDER BY id LIMIT 5000')) as Array<{ phone: string }>
  ).map((r) => r.phone);
  const version: string = (await probe.query('SELECT VERSION() AS v'))[0].v;
  await probe.destroy();

  const cases: Array<[string, (t: Target, i: number, tx: Tx) => Promise<unknown>]> = [
    [
      '查 name prefix (王记五金)',
      (t, i, tx) => t.clients.search(tx, { member: other, inGroup: false }, samples[i]!.surname, 1),
    ],
    [
      '查 phone tail (4 digits)',
      (t, i, tx) => t.clients.search(tx, { member: other, inGroup: false }, samples[i]!.tail, 1),
    ],
    [
      '查 phone prefix (7 digits)',
      (t, i, tx) => t.clients.search(tx, { member: other, inGroup: false }, samples[i]!.prefix, 1),
    ],
    [
      '查 full phone',
      (t, i, tx) => t.clients.search(tx, { member: other, inGroup: false }, phones[(i * 37) % phones.length]!, 1),
    ],
    ['我的客户 p1 (2k clients)', (t, _i, tx) => t.clients.mine(tx, { member: agent, inGroup: false }, {}, 1)],
    [
      '我的客户 page n (random)',
      (t, i, tx) => t.clients.mine(tx, { member: agent, inGroup: false }, {}, 1 + (i % 200)),
    ],
    [
      '我的客户 grade+state filter',
      (t, i, tx) =>
        t.clients.mine(
          tx,
          { member: agent, inGroup: false },
          { grade: (['A', 'B', 'C', 'D'] as const)[i % 4], state: 'following' },
          1,
        ),
    ],
    [
      '查 fragment inside a name (contains fallback)',
      (t, i, tx) =>
        t.clients.search(
          tx,
          { member: other, inGroup: false },
          TRADES[i % TRADES.length]! + SUFFIX[i % SUFFIX.length]!,
          1,
        ),
    ],
    [
      '查 no match (contains fallback, unindexable)',
      (t, i, tx) => t.clients.search(tx, { member: other, inGroup: false }, `无此客户${i}`, 1),
    ],
  ];

  const a = await target('with indexes', withIdx);
  const b = await target('without', noIdx);
  const lines = [
    '| query | p50 idx | p95 idx | **p99 idx** | rows read idx | p50 no idx | p99 no idx | rows read no idx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const load0 = loadavg()[0]!;
  for (const [name, work] of cases) {
    const run = (t: Target, i: number) => t.uow.run((tx) => work(t, i, tx));
    const [x, y] = await measure(a, b, run);
    const ra = await rowsRead(a, (tx) => work(a, 3, tx));
    const rb = await rowsRead(b, (tx) => work(b, 3, tx));
    const f = (v: number) => `${v.toFixed(2)} ms`;
    lines.push(`| ${name} | ${f(x.p50)} | ${f(x.p95)} | **${f(x.p99)}** | ${ra} | ${f(y.p50)} | ${f(y.p99)} | ${rb} |`);
    console.error(lines.at(-1));
  }
  await a.close();
  await b.close();
  console.log(
    `\n${TOTAL} clients, agent with ${BIG_AGENT_CLIENTS}; ${ITER} runs per query and schema (alternating) after 20 warm-up; one transaction per query as in the bot. MariaDB ${version}, Node ${process.version}, ${cpus().length} cores, load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} during the run.\n`,
  );
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

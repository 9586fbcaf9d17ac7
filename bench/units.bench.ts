/**
 * `npm run bench:units` — the leasing map (R-UNIT-2) for 2,000 units on 20 floors (100 per floor; a
 * quarter leased, some reserved or expiring) on MariaDB: the service's code path for one floor's card
 * (floors, the property's and the floor's figures by status, the floor's units with their tenants, the
 * card) against the same figures read by raw SQL in the same run, for every floor in turn. Every query
 * the service issues is EXPLAINed. The card is checked against Feishu's card rules (≤ 30 KB, ≤ 200
 * elements). Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_ITER (default 200 cards).
 */
import { performance } from 'node:perf_hooks';
import { explainAll, openCapturedMysql, printPlans } from './query-capture.js';
import { countElements } from '../src/bot/cards/card-kit.js';
import { leasingMapCard } from '../src/bot/cards/unit-cards.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/domain/shared/clock.js';
import { UnitService } from '../src/domain/units/unit.service.js';
import { unitSettings } from '../src/jobs/unit-renewals.job.js';
import { checkCard } from '../src/lark/card-rules.js';
import type { createDataSource } from '../src/persistence/data-source.js';
import { Database } from '../src/persistence/database.js';
import { TypeOrmUnitOfWork } from '../src/persistence/unit-of-work.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const ITER = Number(process.env.BENCH_ITER ?? 200);
const FLOORS = 20;
const PER_FLOOR = 100;
const CLIENTS = 600;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function seed(uow: TypeOrmUnitOfWork, ds: ReturnType<typeof createDataSource>, clock: ManualClock) {
  await ds.query('DELETE FROM unit');
  const existing = Number((await ds.query('SELECT COUNT(*) AS n FROM client'))[0].n);
  if (existing < CLIENTS)
    await uow.run(async (tx) => {
      for (let i = existing; i < CLIENTS; i++)
        await tx.clients.create(
          {
            name: `租户${i}`,
            shopName: null,
            contactPerson: null,
            phone: `1390000${String(i).padStart(4, '0')}`,
            category: null,
            clientType: 'merchant',
            source: 'walk_in',
            grade: 'A',
            owner: { kind: 'agent', openId: `ou_bench_agent_${i % 20}` },
          },
          clock.now(),
        );
    });
  const ids = (await ds.query('SELECT id FROM client ORDER BY id LIMIT ?', [CLIENTS])).map((r: { id: number }) => r.id);
  const now = clock.now();
  const rows: unknown[][] = [];
  let c = 0;
  for (let f = 1; f <= FLOORS; f++)
    for (let n = 1; n <= PER_FLOOR; n++) {
      const k = (f * PER_FLOOR + n) % 20;
      // A quarter leased (a fifth of those ending within 90 days), a tenth reserved, some 意向, the rest 空置.
      const status = k < 5 ? 'leased' : k < 7 ? 'reserved' : k < 9 ? 'intent' : 'vacant';
      const client = status === 'leased' || status === 'reserved' ? ids[c++ % ids.length] : null;
      const end = status === 'leased' ? (k === 0 ? '2027-01-20' : '2028-06-30') : null;
      rows.push([
        'A栋',
        `${f}F`,
        `${f}${String(n).padStart(2, '0')}`,
        `A栋|${f}F|${f}${String(n).padStart(2, '0')}`,
        60 + (n % 40),
        8000 + n * 50,
        status,
        client,
        client ? `ou_bench_agent_${n % 20}` : null,
        status === 'leased' ? `HT-B-${f}-${n}` : null,
        status === 'leased' ? '2025-07-01' : null,
        end,
        status === 'leased' ? 9000 + n * 40 : null,
        now,
        now,
      ]);
    }
  for (let i = 0; i < rows.length; i += 250) {
    const chunk = rows.slice(i, i + 250);
    await ds.query(
      `INSERT INTO unit (building, floor, number, code_key, area_sqm, standard_rent, status, client_id, agent_open_id, contract_no, lease_start, lease_end, monthly_rent, created_at, updated_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      chunk.flat(),
    );
  }
}

/** The same figures in raw SQL: floors, the property by status, the floor by status, the floor's units and tenants. */
async function rawMap(ds: ReturnType<typeof createDataSource>, page: number, until: string) {
  const floors = await ds.query(
    'SELECT building, floor, COUNT(*) AS n FROM unit GROUP BY building, floor ORDER BY building, floor',
  );
  const f = floors[page % floors.length];
  const byStatus = `SELECT CASE WHEN status = 'leased' AND lease_end <= ? THEN 'expiring' ELSE status END AS st, COUNT(*) AS n, SUM(area_sqm) AS area, SUM(COALESCE(monthly_rent, standard_rent)) AS rent FROM unit`;
  const [all, floor, units] = await Promise.all([
    ds.query(`${byStatus} GROUP BY st`, [until]),
    ds.query(`${byStatus} WHERE building = ? AND floor = ? GROUP BY st`, [until, f.building, f.floor]),
    ds.query(
      'SELECT u.*, c.name AS client_name FROM unit u LEFT JOIN client c ON c.id = u.client_id WHERE u.building = ? AND u.floor = ? ORDER BY u.number',
      [f.building, f.floor],
    ),
  ]);
  return { floors, all, floor, units };
}

async function main() {
  const url = `${BASE}/zs_bench_units`;
  const { ds, capture } = await openCapturedMysql(url);
  const clock = new ManualClock('2026-12-14T02:00:00Z');
  const uow = new TypeOrmUnitOfWork(new Database(ds), clock);
  await seed(uow, ds, clock);
  const units = new UnitService({ clock, settings: unitSettings(loadConfig({}).settings, 'Asia/Shanghai') });
  const until = units.expiringUntil();

  const service = async (page: number) => leasingMapCard(await uow.run((tx) => units.map(tx, page)));
  for (let p = 0; p < FLOORS; p++) {
    await service(p); // warm-up (and the buffer pool)
    await rawMap(ds, p, until);
  }
  const serviceMs: number[] = [];
  const rawMs: number[] = [];
  let biggest = { bytes: 0, elements: 0, violations: 0 };
  for (let i = 0; i < ITER; i++) {
    const page = i % FLOORS;
    let s = performance.now();
    const card = await service(page);
    serviceMs.push(performance.now() - s);
    s = performance.now();
    await rawMap(ds, page, until);
    rawMs.push(performance.now() - s);
    const bytes = Buffer.byteLength(JSON.stringify(card));
    if (bytes > biggest.bytes) biggest = { bytes, elements: countElements(card), violations: checkCard(card).length };
  }

  capture.on = true;
  await service(7);
  capture.on = false;
  const plans = await explainAll(ds, capture);

  const p99 = pct(serviceMs, 0.99);
  console.log(
    `\n### Leasing map (R-UNIT-2) — ${FLOORS * PER_FLOOR} units on ${FLOORS} floors, ${CLIENTS} tenants (MariaDB)\n`,
  );
  console.log('| path (one floor card) | p50 | p99 | max | queries |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| service (UnitService.map + leasingMapCard, one transaction) | ${pct(serviceMs, 0.5).toFixed(1)} ms | ${p99.toFixed(1)} ms | ${Math.max(...serviceMs).toFixed(1)} ms | ${capture.queries.length} |`,
  );
  console.log(
    `| raw SQL, same figures (4 statements) | ${pct(rawMs, 0.5).toFixed(1)} ms | ${pct(rawMs, 0.99).toFixed(1)} ms | ${Math.max(...rawMs).toFixed(1)} ms | 4 |`,
  );
  console.log(
    `\nLargest card: ${biggest.bytes.toLocaleString('en')} bytes, ${biggest.elements} elements, ${biggest.violations} card-rule violations (${ITER} cards). Plans:`,
  );
  printPlans(plans);
  await ds.destroy();
  if (p99 > 1000 || biggest.violations > 0 || biggest.bytes > 30_000 || biggest.elements > 200) {
    console.error('BUDGET EXCEEDED: p99 ≤ 1 s and a card within Feishu limits are required');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench:recall` — the pool recall scan (R-POOL-1) over 100k clients on MariaDB: the service's
 * own path (RecallService.scan: each agent's open clients through the owner index, their latest contact
 * through the per-client indexes of call_log, form_record and visit_outcome in batches of ids, the
 * manager's locks) against the same question written as one raw SQL statement, in the same run. Every
 * query the service issues is EXPLAINed: none may be a full table scan (`type = ALL`) of a big table.
 * Seed: the weekly benchmark's (100 agents, 100k clients, ~1M activity rows) plus BENCH_CALLS call rows.
 * Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_ITER (default 5), BENCH_CALLS (default 300000).
 */
import { performance } from 'node:perf_hooks';
import { explainAll, isFullScan, openCapturedMysql, printPlans } from './query-capture.js';
import { RecallService } from '../src/domain/pool/recall.service.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { Database } from '../src/persistence/database.js';
import { TypeOrmUnitOfWork } from '../src/persistence/unit-of-work.js';
import { SEED, seedWeekly } from './weekly-seed.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const ITER = Number(process.env.BENCH_ITER ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 300_000);
const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-23';
const SETTINGS = { enabled: true, idleDays: { A: 30, B: 45, C: 60, D: 90 }, warnDaysBefore: 3 };
const TARGET_MS = 2000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The same answer in one statement: open private clients whose latest contact is older than their grade's idle days. */
const RAW = `
SELECT c.id, c.owner_open_id, c.grade,
       GREATEST(c.created_at, COALESCE(k.at, c.created_at), COALESCE(f.at, c.created_at), COALESCE(v.at, c.created_at)) AS last_at
FROM client c
LEFT JOIN (SELECT client_id, MAX(called_at) AS at FROM call_log GROUP BY client_id) k ON k.client_id = c.id
LEFT JOIN (SELECT client_id, MAX(filed_at) AS at FROM form_record WHERE kind IN ('visitor', 'revisit_outcome', 'visit_log') GROUP BY client_id) f ON f.client_id = c.id
LEFT JOIN (SELECT o.client_id, MAX(l.filed_at) AS at FROM visit_outcome o JOIN visit_log l ON l.id = o.log_id GROUP BY o.client_id) v ON v.client_id = c.id
LEFT JOIN client_recall_lock x ON x.client_id = c.id
WHERE c.owner_kind = 'agent' AND c.state IN ('intent', 'following') AND c.grade IS NOT NULL AND x.id IS NULL`;

async function main() {
  const url = `${BASE}/zs_bench_recall`;
  const { ds, capture } = await openCapturedMysql(url);
  const t0 = Date.now();
  await seedWeekly(ds, (s) => console.error(`seed ${s}`));
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM call_log');
  if (Number(n) !== CALLS) {
    await ds.query('DELETE FROM call_log');
    await ds.query(
      `INSERT INTO call_log (agent_open_id, client_id, call_date, called_at, outcome, grade, note)
       SELECT CONCAT('ou_bench_agent_', LPAD(seq % ${SEED.agents}, 3, '0')), 1 + (seq * 7919) % ${SEED.clients},
         DATE_FORMAT(DATE_ADD('${SEED.firstDay}', INTERVAL (seq % ${SEED.days}) DAY), '%Y-%m-%d'),
         TIMESTAMP(DATE_ADD('${SEED.firstDay}', INTERVAL (seq % ${SEED.days}) DAY), '03:00:00'), 'talked', NULL, NULL
       FROM seq_1_to_${CALLS}`,
    );
  }
  console.error(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const [counts] = await ds.query(
    `SELECT (SELECT COUNT(*) FROM client) AS clients, (SELECT COUNT(*) FROM client WHERE owner_kind = 'agent' AND state IN ('intent', 'following')) AS open_private, (SELECT COUNT(*) FROM call_log) AS calls, (SELECT COUNT(*) FROM form_record) AS forms`,
  );
  const uow = new TypeOrmUnitOfWork(new Database(ds), systemClock);
  const recall = new RecallService({ clock: systemClock, timezone: TZ, settings: SETTINGS });
  const service = () => uow.run((tx) => recall.scan(tx, TODAY));

  let lines = await service(); // warm-up
  await ds.query(RAW);
  const serviceMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < ITER; i++) {
    let s = performance.now();
    lines = await service();
    serviceMs.push(performance.now() - s);
    s = performance.now();
    await ds.query(RAW);
    rawMs.push(performance.now() - s);
  }

  capture.on = true;
  await service();
  capture.on = false;
  const plans = await explainAll(ds, capture, true);
  const fullScans = plans.filter(isFullScan);
  const rawPlan = (await ds.query(`EXPLAIN ${RAW}`)) as Array<{ table: string | null; type: string | null }>;
  const rawFullScans = rawPlan.filter((p) => p.type === 'ALL' && p.table && !p.table.startsWith('<'));
  const due = lines.filter((l) => l.daysLeft <= 0).length;

  console.log(
    `\n### Pool recall scan (R-POOL-1) — ${Number(counts.clients).toLocaleString('en')} clients (${Number(counts.open_private).toLocaleString('en')} open private), ${Number(counts.calls).toLocaleString('en')} calls, ${Number(counts.forms).toLocaleString('en')} form records (MariaDB)\n`,
  );
  console.log('| path | median | max | queries | full scans |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| service (RecallService.scan: owner index, then per-client indexes in batches of ids) | ${median(serviceMs).toFixed(0)} ms | ${Math.max(...serviceMs).toFixed(0)} ms | ${capture.queries.length} | ${fullScans.length} |`,
  );
  console.log(
    `| one raw SQL statement, same question | ${median(rawMs).toFixed(0)} ms | ${Math.max(...rawMs).toFixed(0)} ms | 1 | ${rawFullScans.length} |`,
  );
  console.log(
    `\n${lines.length.toLocaleString('en')} candidates, ${due.toLocaleString('en')} due. Index per table (service queries):`,
  );
  printPlans(plans);
  console.log(`\nTarget ≤ ${TARGET_MS} ms: ${median(serviceMs) <= TARGET_MS ? 'met' : 'NOT met'}.`);
  await ds.destroy();
  if (fullScans.length) {
    console.error(`FULL TABLE SCANS: ${JSON.stringify(fullScans)}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench:weekly` — the Monday weekly summary (R-DIG-2) for 100 agents over 100k clients and
 * ~1M activity rows on MariaDB: the job's own code path (two `activity()` reports — last week and the
 * month to date — plus targets, members and the card) against the same aggregation written as one raw
 * SQL statement, in the same run. Every query the service issues is EXPLAINed: none may be a full
 * table scan (`type = ALL`). Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_ITER (default 7).
 */
import { performance } from 'node:perf_hooks';
import { explainAll, isFullScan, openCapturedMysql, printPlans } from './query-capture.js';
import { weeklySummaryCard } from '../src/bot/cards/digest-cards.js';
import { addDays, firstOfMonth, mondayOf, startOfLocalDay } from '../src/domain/shared/zoned-time.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { weeklyInput } from '../src/jobs/digests.job.js';
import { noJobPorts } from '../src/jobs/ports.js';
import { memberNames } from '../src/jobs/recipients.js';
import { Database } from '../src/persistence/database.js';
import { TypeOrmUnitOfWork } from '../src/persistence/unit-of-work.js';
import { SEED, seedWeekly } from './weekly-seed.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const ITER = Number(process.env.BENCH_ITER ?? 7);
const TZ = 'Asia/Shanghai';
const MONDAY = '2026-11-23';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The same figures as two `activity()` reports, in one statement: one grouped subquery per (span, measure). */
function oneQuery(spans: Array<{ span: string; from: string; to: string; fromAt: Date; toAt: Date }>): {
  sql: string;
  params: unknown[];
} {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const s of spans) {
    const add = (measure: string, sql: string, p: unknown[]) => {
      parts.push(`SELECT '${s.span}' AS span, '${measure}' AS measure, ${sql}`);
      params.push(...p);
    };
    add(
      'walkIns',
      `owner_open_id AS agent, COUNT(*) AS n FROM walk_in WHERE day BETWEEN ? AND ? AND status IN ('accepted', 'assigned') GROUP BY owner_open_id`,
      [s.from, s.to],
    );
    add('passes', `open_id, SUM(passed) FROM rotation_member WHERE day BETWEEN ? AND ? GROUP BY open_id`, [
      s.from,
      s.to,
    ]);
    add(
      'formsFiled',
      `agent_open_id, COUNT(*) FROM form_record WHERE filed_at >= ? AND filed_at < ? GROUP BY agent_open_id`,
      [s.fromAt, s.toAt],
    );
    add(
      'formsLate',
      `agent_open_id, SUM(late = 1) FROM form_record WHERE filed_at >= ? AND filed_at < ? GROUP BY agent_open_id`,
      [s.fromAt, s.toAt],
    );
    add(
      'formsIncomplete',
      `agent_open_id, SUM(incomplete = 1) FROM form_record WHERE filed_at >= ? AND filed_at < ? GROUP BY agent_open_id`,
      [s.fromAt, s.toAt],
    );
    add(
      'registrations',
      `agent_open_id, COUNT(*) FROM form_record WHERE filed_at >= ? AND filed_at < ? AND kind = 'visitor' GROUP BY agent_open_id`,
      [s.fromAt, s.toAt],
    );
    add(
      'revisitsDone',
      `agent_open_id, COUNT(*) FROM revisit WHERE status = 'done' AND resolved_at >= ? AND resolved_at < ? GROUP BY agent_open_id`,
      [s.fromAt, s.toAt],
    );
    add(
      'revisitsOverdue',
      `agent_open_id, COUNT(*) FROM revisit WHERE status = 'planned' AND due_date < ? GROUP BY agent_open_id`,
      [s.to],
    );
    add(
      'deposits',
      `agent_open_id, COUNT(*) FROM signing_plan WHERE paid_date BETWEEN ? AND ? GROUP BY agent_open_id`,
      [s.from, s.to],
    );
    add(
      'signed',
      `agent_open_id, COUNT(*) FROM signed_contract WHERE signed_date BETWEEN ? AND ? GROUP BY agent_open_id`,
      [s.from, s.to],
    );
  }
  return { sql: parts.map((p) => `(${p})`).join('\nUNION ALL\n'), params };
}

async function main() {
  const url = `${BASE}/zs_bench_weekly`;
  const { ds, capture } = await openCapturedMysql(url);
  const t0 = Date.now();
  await seedWeekly(ds, (s) => console.error(`seed ${s}`));
  console.error(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const counts = await ds.query(
    `SELECT (SELECT COUNT(*) FROM client) AS clients, (SELECT COUNT(*) FROM form_record) + (SELECT COUNT(*) FROM revisit) + (SELECT COUNT(*) FROM walk_in) + (SELECT COUNT(*) FROM rotation_member) + (SELECT COUNT(*) FROM signing_plan) + (SELECT COUNT(*) FROM signed_contract) AS activity`,
  );
  const uow = new TypeOrmUnitOfWork(new Database(ds), systemClock);

  // The job's path: the figures, the names, the card (what runs inside the weekly job's transaction).
  const service = async () => {
    const input = await uow.run(async (tx) => {
      const i = await weeklyInput(tx, { ports: noJobPorts }, MONDAY, TZ);
      return { i, names: await memberNames(tx) };
    });
    return weeklySummaryCard(input.i, input.names);
  };
  const from = addDays(mondayOf(MONDAY), -7);
  const to = addDays(from, 6);
  const monthTo = addDays(MONDAY, -1);
  const spans = [
    { span: 'week', from, to, fromAt: startOfLocalDay(from, TZ), toAt: startOfLocalDay(addDays(to, 1), TZ) },
    {
      span: 'month',
      from: firstOfMonth(monthTo),
      to: monthTo,
      fromAt: startOfLocalDay(firstOfMonth(monthTo), TZ),
      toAt: startOfLocalDay(MONDAY, TZ),
    },
  ];
  const raw = oneQuery(spans);

  await service(); // warm-up (and the buffer pool)
  await ds.query(raw.sql, raw.params);
  const serviceMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < ITER; i++) {
    let s = performance.now();
    await service();
    serviceMs.push(performance.now() - s);
    s = performance.now();
    await ds.query(raw.sql, raw.params);
    rawMs.push(performance.now() - s);
  }

  capture.on = true;
  const card = await service();
  capture.on = false;
  const plans = await explainAll(ds, capture);
  // The member list (≈100 rows, read whole for names) is the one table small enough to scan.
  const fullScans = plans.filter(isFullScan);
  const smallScans = plans.filter((p) => p.type === 'ALL' && p.rows <= 1000);
  const rawPlan = (await ds.query(`EXPLAIN ${raw.sql}`, raw.params)) as Array<{
    table: string | null;
    type: string | null;
  }>;
  const rawFullScans = rawPlan.filter((p) => p.type === 'ALL' && p.table && !p.table.startsWith('<'));

  console.log(
    `\n### Weekly summary (R-DIG-2) — ${SEED.agents} agents, ${Number(counts[0].clients).toLocaleString('en')} clients, ${Number(counts[0].activity).toLocaleString('en')} activity rows (MariaDB)\n`,
  );
  console.log('| path | median | max | queries | full scans |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| service (job code: 2 activity reports + targets + members + card) | ${median(serviceMs).toFixed(0)} ms | ${Math.max(...serviceMs).toFixed(0)} ms | ${capture.queries.length} | ${fullScans.length} (+${smallScans.length} of the ≤1k-row member list) |`,
  );
  console.log(
    `| one raw SQL statement, same aggregation | ${median(rawMs).toFixed(0)} ms | ${Math.max(...rawMs).toFixed(0)} ms | 1 | ${rawFullScans.length} |`,
  );
  console.log(`\nCard: ${JSON.stringify(card).length.toLocaleString('en')} bytes. Index per table (service queries):`);
  printPlans(plans);
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

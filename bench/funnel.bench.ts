/**
 * `npm run bench:funnel` — the monthly report to leaders with the R-KPI-1 funnel and development count
 * (and the R-FB-2 satisfaction averages) for 100 agents over 100k clients and ~1M activity rows on
 * MariaDB (the weekly benchmark's seed, with client sources spread so that development counts are not
 * empty). The service path is the monthly report job's code for one month: `activity()`, the funnel
 * (KpiService: the same activity plus the development query), the satisfaction averages, the member
 * names and the cards; the baseline, alternating run by run, is the funnel's figures as one raw SQL
 * statement. Every SELECT the service sends is EXPLAINed: none may scan a big table whole.
 * Env: BENCH_MARIADB_URL (default mysql://root@127.0.0.1:3306), BENCH_ITER (default 50).
 */
import { performance } from 'node:perf_hooks';
import { explainAll, isFullScan, openCapturedMysql, printPlans } from './query-capture.js';
import { monthlyReportCard } from '../src/bot/cards/digest-cards.js';
import { funnelElements, satisfactionElements, withElements } from '../src/bot/cards/kpi-cards.js';
import { KpiService } from '../src/domain/kpi/kpi.service.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { addDays, startOfLocalDay } from '../src/domain/shared/zoned-time.js';
import { activity } from '../src/jobs/digests.job.js';
import { memberNames } from '../src/jobs/recipients.js';
import { Database } from '../src/persistence/database.js';
import { TypeOrmUnitOfWork } from '../src/persistence/unit-of-work.js';
import { SEED, seedWeekly } from './weekly-seed.js';

const BASE = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const ITER = Number(process.env.BENCH_ITER ?? 50);
const TZ = 'Asia/Shanghai';
const FROM = '2026-10-01';
const TO = '2026-10-31';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** The funnel's figures (stages per agent, pool, development) as one statement. */
const RAW = `
(SELECT 'walkIns' AS m, owner_open_id AS agent, COUNT(*) AS n FROM walk_in WHERE day BETWEEN ? AND ? AND status IN ('accepted','assigned') GROUP BY owner_open_id)
UNION ALL (SELECT 'poolWalkIns', NULL, COUNT(*) FROM walk_in WHERE day BETWEEN ? AND ? AND status = 'pool')
UNION ALL (SELECT 'registrations', agent_open_id, COUNT(*) FROM form_record WHERE filed_at >= ? AND filed_at < ? AND kind = 'visitor' GROUP BY agent_open_id)
UNION ALL (SELECT 'deposits', agent_open_id, COUNT(*) FROM signing_plan WHERE paid_date BETWEEN ? AND ? GROUP BY agent_open_id)
UNION ALL (SELECT 'signed', agent_open_id, COUNT(*) FROM signed_contract WHERE signed_date BETWEEN ? AND ? GROUP BY agent_open_id)
UNION ALL (SELECT CONCAT('dev:', source), owner_open_id, COUNT(*) FROM client WHERE created_at >= ? AND created_at < ? AND owner_kind = 'agent' AND source IN ('card','referral','online','phone','other') GROUP BY owner_open_id, source)`;

async function main() {
  const url = `${BASE}/zs_bench_funnel`;
  const { ds, capture } = await openCapturedMysql(url);
  const t0 = Date.now();
  await seedWeekly(ds, (s) => console.error(`seed ${s}`));
  // Sources as a department sees them: most clients from the rotation, some by card/flyer, some self-sourced.
  await ds.query(
    `UPDATE client SET source = ELT(1 + id % 8, 'walk_in', 'walk_in', 'walk_in', 'card', 'card', 'referral', 'online', 'phone') WHERE source = 'walk_in' AND id % 8 >= 3`,
  );
  await ds.query('ANALYZE TABLE client');
  console.error(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const counts = await ds.query(
    `SELECT (SELECT COUNT(*) FROM client) AS clients, (SELECT COUNT(*) FROM form_record) + (SELECT COUNT(*) FROM revisit) + (SELECT COUNT(*) FROM walk_in) + (SELECT COUNT(*) FROM rotation_member) + (SELECT COUNT(*) FROM signing_plan) + (SELECT COUNT(*) FROM signed_contract) AS activity`,
  );
  const uow = new TypeOrmUnitOfWork(new Database(ds), systemClock);
  const kpi = new KpiService({ timezone: TZ });

  const service = async () =>
    uow.run(async (tx) => {
      const report = await activity(tx, FROM, TO, TZ);
      const funnel = await kpi.funnel(tx, FROM, TO, report);
      const satisfaction = await tx.satisfaction.averages(FROM, TO);
      const names = await memberNames(tx);
      return withElements(monthlyReportCard(FROM.slice(0, 7), report, undefined, undefined), [
        ...funnelElements(funnel, names, { satisfaction }),
        ...satisfactionElements(satisfaction, names),
      ]);
    });
  const fromAt = startOfLocalDay(FROM, TZ);
  const toAt = startOfLocalDay(addDays(TO, 1), TZ);
  const params = [FROM, TO, FROM, TO, fromAt, toAt, FROM, TO, FROM, TO, fromAt, toAt];
  const raw = () => ds.query(RAW, params);

  await service();
  await raw();
  const serviceMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < ITER; i++) {
    let s = performance.now();
    await service();
    serviceMs.push(performance.now() - s);
    s = performance.now();
    await raw();
    rawMs.push(performance.now() - s);
  }

  capture.on = true;
  const card = await service();
  capture.on = false;
  const plans = await explainAll(ds, capture);
  const fullScans = plans.filter(isFullScan);
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);

  console.log(
    `\n### Monthly report with the funnel (R-KPI-1) — ${SEED.agents} agents, ${Number(counts[0].clients).toLocaleString('en')} clients, ${Number(counts[0].activity).toLocaleString('en')} activity rows (MariaDB), ${FROM.slice(0, 7)}, ${ITER} runs, load ${load}\n`,
  );
  console.log('| path | p50 | p99 | max | queries | full scans |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(
    `| service (activity + funnel + satisfaction + names + cards, one transaction) | ${pct(serviceMs, 50).toFixed(0)} ms | ${pct(serviceMs, 99).toFixed(0)} ms | ${Math.max(...serviceMs).toFixed(0)} ms | ${capture.queries.length} | ${fullScans.length} |`,
  );
  console.log(
    `| one raw SQL statement, the funnel's figures | ${pct(rawMs, 50).toFixed(0)} ms | ${pct(rawMs, 99).toFixed(0)} ms | ${Math.max(...rawMs).toFixed(0)} ms | 1 | — |`,
  );
  console.log(`\nCard: ${JSON.stringify(card).length.toLocaleString('en')} bytes. Index per table (service queries):`);
  printPlans(plans);
  await ds.destroy();
  if (fullScans.length) {
    console.error(`FULL TABLE SCANS: ${JSON.stringify(fullScans)}`);
    process.exitCode = 1;
  }
  if (pct(serviceMs, 99) > 1000) {
    console.error('p99 above 1 s');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

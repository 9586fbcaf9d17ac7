/**
 * Child process for timezone.db.test.ts: runs a real scheduler (SQLite, injected clock) under whatever
 * TZ the parent set, and prints what fired when. Not a test file itself.
 */
import cron from 'node-cron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallClock } from '../../src/domain/shared/zoned-time.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { openDatabase, runMigrations } from '../../src/persistence/data-source.js';
import { Database } from '../../src/persistence/database.js';
import { TypeOrmUnitOfWork } from '../../src/persistence/unit-of-work.js';
import { periods } from '../../src/jobs/job.js';
import { createJobs } from '../../src/jobs/wiring.js';
import { jobsConfig, log } from './harness.js';
import { allJobs, schema } from '../../src/features/index.js';

const dir = mkdtempSync(join(tmpdir(), 'zs-tz-'));
const ds = await openDatabase({ type: 'sqlite', path: join(dir, 'tz.sqlite') }, schema);
await runMigrations(ds);
const clock = new ManualClock('2026-11-23T09:59:59Z');
const uow = new TypeOrmUnitOfWork(new Database(ds), clock);
const jobs = createJobs({
  config: jobsConfig(),
  jobs: allJobs,
  uow,
  clock,
  log,
  pruneInbox: async () => 0,
  owner: 'tz',
  trigger: () => ({ stop: () => undefined }),
});
await uow.run((tx) =>
  tx.members.save({ openId: 'ou_tz_manager', name: '经理', roles: ['manager'], active: true, nameRefreshedAt: null }),
);

const before = await jobs.scheduler.tick('nextDayPlan');
clock.set('2026-11-23T10:00:00Z');
const at = await jobs.scheduler.tick('nextDayPlan');
const task = cron.schedule('0 18 * * *', () => undefined, { timezone: 'Asia/Shanghai', name: 'tz-probe' });
const next = task.getNextRun();
await task.destroy();
const monday = wallClock(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai');
console.log(
  JSON.stringify({
    tz: process.env.TZ,
    processZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    beforeCount: before.length,
    at: at.map((r) => ({ job: r.job, period: r.period, status: r.outcome.status })),
    nodeCronNextShanghaiHour: next ? wallClock(next, 'Asia/Shanghai').hour : null,
    dailyKeyAtShanghaiMidnight: periods.daily(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai'),
    localDateAtShanghaiMidnight: monday.date,
  }),
);
await ds.destroy();
rmSync(dir, { recursive: true, force: true });

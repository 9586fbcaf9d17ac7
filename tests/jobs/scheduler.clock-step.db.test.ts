import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { zonedToUtc } from '../../src/domain/shared/zoned-time.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { createJobs } from '../../src/jobs/wiring.js';
import type { TickReport, TriggerFactory } from '../../src/jobs/scheduler.js';
import { TypeOrmUnitOfWork } from '../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';
import { Cluster, jobsConfig, log, outboxRows, seedDepartment, type Instance } from './harness.js';
import { allJobs } from '../../src/features/index.js';

/**
 * R-JOB-1 with the wall clock stepping while the service runs (an NTP correction, a resumed VM).
 * The instances here run their real periodic safety tick (a short `tickMs`), and no node-cron at all:
 * exactly the situation after node-cron slept through 18:30 and called it "missed". Nothing calls
 * `tick()` by hand — the test only moves the clock and waits for the running scheduler's next tick.
 */
const TZ = 'Asia/Shanghai';
const CHAT = 'oc_step_dept';
const at = (h: number, m: number) => zonedToUtc('2026-11-23', h, m, 0, TZ); // a Monday, a working day
const DIGEST_KEY = `job:dailyDigest:2026-11-23:${CHAT}`;

describe('scheduler: the wall clock steps while running', () => {
  let t: TestDb;
  const clock = new ManualClock(at(18, 0));
  let cluster: Cluster;
  let running: Instance[] = [];

  beforeAll(async () => {
    t = await openTestDb();
    cluster = new Cluster(t, clock, {}, () => false, { tickMs: 150 });
  });
  afterAll(async () => {
    for (const i of running) await i.jobs.scheduler.stop();
    await cluster?.close();
    await t?.close();
  });
  beforeEach(async () => {
    for (const i of running) await i.jobs.scheduler.stop();
    running = [];
    await t.truncate();
    clock.set(at(18, 0));
    const seed = await cluster.instance('seed');
    await seedDepartment(
      seed.uow,
      { ou_step_agent: { name: '甲', roles: ['agent'] }, ou_step_mgr: { name: '经理', roles: ['manager'] } },
      CHAT,
    );
  });

  const boot = async (name: string, slot: number): Promise<Instance> => {
    const i = await cluster.instance(name, jobsConfig(), slot);
    await i.jobs.scheduler.start(); // boot catch-up of what is due at 18:00
    running.push(i);
    return i;
  };
  /** The next periodic tick of each instance that starts after the clock was moved. */
  const nextTicks = (instances: Instance[]): Promise<TickReport[]> =>
    Promise.all(instances.map((i) => i.jobs.scheduler.nextPeriodicTick()));
  const digestRuns = (reports: TickReport[]) => reports.flat().filter((r) => r.job === 'dailyDigest');
  const digests = async () => (await outboxRows(t.ds, 'job:dailyDigest:%')).map((r) => r.dedupe_key);
  const digestClaims = () =>
    t.ds.query(`SELECT period_key, status, attempt FROM job_run WHERE job_name = 'dailyDigest'`);

  it('R-JOB-1: the clock stepped forward over 18:30 → the running scheduler sends exactly one daily digest', async () => {
    const a = await boot('A', 1);
    expect(await digests()).toEqual([]);
    const quiet = await nextTicks([a]);
    expect(digestRuns(quiet)).toEqual([]);

    clock.set(at(18, 47)); // the step: 18:30 passed without any timer seeing it
    const [report] = await nextTicks([a]);
    expect(digestRuns([report!])).toEqual([
      { job: 'dailyDigest', period: '2026-11-23', outcome: expect.objectContaining({ status: 'done' }) },
    ]);
    expect(await digests()).toEqual([DIGEST_KEY]);
    expect(await digestClaims()).toEqual([{ period_key: '2026-11-23', status: 'done', attempt: 1 }]);

    // Later ticks of the same evening find the period done.
    expect(digestRuns(await nextTicks([a]))).toEqual([]);
    expect(await digests()).toEqual([DIGEST_KEY]);
  });

  it('R-JOB-1: stepped back again before 18:30 and over it once more → no second digest', async () => {
    const a = await boot('A', 1);
    clock.set(at(18, 47));
    await nextTicks([a]);
    expect(await digests()).toEqual([DIGEST_KEY]);

    clock.set(at(18, 5)); // NTP pulls the clock back
    expect(digestRuns(await nextTicks([a]))).toEqual([]);
    clock.set(at(18, 31)); // and 18:30 comes round a second time
    expect(digestRuns(await nextTicks([a]))).toEqual([]);
    // Even a late node-cron fire for 18:30 (what the trigger does) finds the claim done.
    expect(digestRuns([await a.jobs.scheduler.tick('dailyDigest', at(18, 30))])).toEqual([]);
    expect(await digests()).toEqual([DIGEST_KEY]);
    expect(await digestClaims()).toEqual([{ period_key: '2026-11-23', status: 'done', attempt: 1 }]);
  });

  it('R-JOB-1: two running instances see the same step → still one digest', async () => {
    const [a, b] = [await boot('A', 1), await boot('B', 2)];
    await nextTicks([a, b]); // step right after both ticked, so neither is mid-tick when the clock moves
    clock.set(at(18, 52));
    const reports = [...(await nextTicks([a, b])), ...(await nextTicks([a, b]))];
    // Both may have tried; the claim lets exactly one run it. (A tick that had already started when the clock
    // moved may be the one that ran it: its report is not among these, but the digest below is.)
    expect(digestRuns(reports).filter((r) => r.outcome.status === 'done').length).toBeLessThanOrEqual(1);
    // Whatever either instance's ticks still do, nothing more is sent: exactly one digest, claimed once.
    await nextTicks([a, b]);
    expect(await digests()).toEqual([DIGEST_KEY]);
    expect(await digestClaims()).toEqual([{ period_key: '2026-11-23', status: 'done', attempt: 1 }]);
    const content = (await outboxRows(t.ds, 'job:dailyDigest:%'))[0]!.content;
    expect(content).toContain('2026-11-23');
  });
});

describe('scheduler: node-cron reports a missed fire', () => {
  let t: TestDb;
  const clock = new ManualClock(at(18, 0));

  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => t?.close());

  it('R-JOB-1: a fire node-cron calls "missed" is caught up at once through the claims, and only once', async () => {
    const missed = new Map<string, (at: Date) => void>();
    const trigger: TriggerFactory = (_expr, _tz, name, _fire, onMissed) => {
      if (onMissed) missed.set(name, onMissed);
      return { stop: () => undefined };
    };
    const uow = new TypeOrmUnitOfWork(t.db, clock);
    await seedDepartment(uow, { ou_step_agent: { name: '甲', roles: ['agent'] } }, CHAT);
    // A safety tick far away: only node-cron's report can cause the run here.
    const jobs = createJobs({
      config: jobsConfig(),
      jobs: allJobs,
      uow,
      clock,
      log,
      pruneInbox: async () => 0,
      owner: 'solo',
      trigger,
      options: { tickMs: 3_600_000 },
    });
    await jobs.scheduler.start();
    expect(await outboxRows(t.ds, 'job:dailyDigest:%')).toEqual([]);
    clock.set(at(18, 47));
    missed.get('job:dailyDigest')!(at(18, 30));
    missed.get('job:dailyDigest')!(at(18, 30)); // reported twice (two heartbeats): still one run
    await jobs.scheduler.stop(); // waits for the runs in flight
    expect((await outboxRows(t.ds, 'job:dailyDigest:%')).map((r) => r.dedupe_key)).toEqual([DIGEST_KEY]);
    const claims = await t.ds.query(`SELECT status, attempt FROM job_run WHERE job_name = 'dailyDigest'`);
    expect(claims).toEqual([{ status: 'done', attempt: 1 }]);
  });
});

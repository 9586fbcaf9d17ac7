import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekKey, zonedToUtc } from '../../src/domain/shared/zoned-time.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import type { Tx } from '../../src/domain/shared/tx.js';
import { fireTimesOn } from '../../src/jobs/cron-schedule.js';
import type { AgentItems, JobPorts } from '../../src/jobs/ports.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';
import { Cluster, jobsConfig, seedDepartment, type Instance } from './harness.js';

/**
 * R-JOB-1 under chaos: three instances on one database for 30 simulated days (2026-09-14 … 10-13,
 * across the Mid-Autumn and National Day holidays and the 10-10 make-up Saturday), with random kills
 * at any point of a run, a two-hour outage of every instance over the evening jobs, and a database
 * outage over the 09:00 jobs. Every (job, period, recipient) must be sent exactly once, every job's
 * work must have committed exactly once, and every missed period must have been caught up the same day.
 */
const TZ = 'Asia/Shanghai';
const START = '2026-09-14';
const DAYS = 30;
const AGENTS = ['ou_sim_agent_1', 'ou_sim_agent_2', 'ou_sim_agent_3'];
const MANAGER = 'ou_sim_manager';
const LEADER = 'ou_sim_leader';
const CHAT = 'oc_sim_dept';
const SIM_JOBS = [
  'rotationReset',
  'revisitReminders',
  'formDeadlines',
  'nextDayPlan',
  'dailyDigest',
  'contractReconciliation',
  'weeklySummary',
  'monthlyReport',
];

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ports whose every call leaves an audit row in the run's transaction: committed runs are countable. */
function recordingPorts(): Partial<JobPorts> {
  const mark = (tx: Tx, action: string, subject: string) =>
    tx.audit.append({ actor: null, action, subjectType: 'sim', subjectId: subject }, new Date());
  const items = (date: string): AgentItems[] =>
    AGENTS.map((a) => ({ agentOpenId: a, items: [{ kind: 'revisit', clientName: '某商户', date }] }));
  return {
    rotation: { startDay: async (tx, day) => void (await mark(tx, 'sim.rotationReset', day)) },
    revisitReminders: { dueFor: async (tx, date) => (await mark(tx, 'sim.revisitReminders', date), items(date)) },
    formDeadlines: {
      unfiledDue: async (tx, { date }) => (
        await mark(tx, 'sim.formDeadlines', date),
        AGENTS.map((a) => ({
          agentOpenId: a,
          forms: [{ label: '回访计划表', dueAt: zonedToUtc(date, 17, 30, 0, TZ) }],
        }))
      ),
    },
    // The 18:00 plan asks for the next working day; the 08:20 agenda (R-DAY-1) reads today's, unmarked.
    plans: {
      planFor: async (tx, { day, today }) => {
        if (day !== today) await mark(tx, 'sim.nextDayPlan', today);
        return items(today);
      },
    },
    reconciliation: {
      mismatches: async (tx, date) => (
        await mark(tx, 'sim.contractReconciliation', date),
        {
          signedWithoutCollection: [{ contractNo: `HT-${date}`, clientName: '某商户', agentOpenId: AGENTS[0], date }],
          collectedWithoutSigned: [],
          underReview: [],
        }
      ),
    },
    reviews: {
      reviews: async (tx, { to }) => (
        await mark(tx, 'sim.monthlyReport', to.slice(0, 7)), { logsReviewed: 1, logsPending: 0, plansDecided: 1 }
      ),
    },
  };
}

describe('scheduler chaos simulation', () => {
  let t: TestDb;
  let cluster: Cluster;
  const clock = new ManualClock(`${START}T00:00:00Z`);
  let dbDown = false;

  beforeAll(async () => {
    t = await openTestDb();
    cluster = new Cluster(t, clock, recordingPorts(), () => dbDown, {
      leaseMs: 10 * 60_000,
      retryAfterMs: 60_000,
      maxAttempts: 6,
    });
    const seed = await cluster.instance('seed');
    await seedDepartment(
      seed.uow,
      {
        ...Object.fromEntries(AGENTS.map((a, i) => [a, { name: `招商${i + 1}`, roles: ['agent'] as const }])),
        [MANAGER]: { name: '经理', roles: ['manager'] },
        [LEADER]: { name: '领导', roles: ['leader'] },
      } as never,
      CHAT,
    );
    // Only the department's jobs take part; the frequent housekeeping ones are switched off by the admin path.
    await seed.uow.run(async (tx) => {
      for (const name of ['offerSweep', 'housekeeping'])
        await tx.jobs.saveSetting({
          jobName: name,
          enabled: false,
          cron: null,
          updatedBy: 'test',
          updatedAt: new Date(),
        });
    });
  });
  afterAll(async () => {
    await cluster?.close();
    await t?.close();
  });

  it('R-JOB-1: 3 instances × 30 days, random kills, an instance outage and a DB outage → each (job, period, recipient) exactly once, missed periods caught up', async () => {
    const random = rng(20261122);
    const config = jobsConfig();
    let alive: Instance[] = [];
    let seq = 0;
    const boot = async (): Promise<Instance> => {
      const i = await cluster.instance(`inst-${++seq}`, config, seq % 3);
      await i.jobs.scheduler.start(); // boot catch-up
      return i;
    };
    for (let k = 0; k < 3; k++) alive.push(await boot());
    const restarts: Array<{ at: number }> = [];
    let kills = 0;

    const tickAll = async (killChance: number) => {
      for (const i of alive) if (random() < killChance) i.uow.arm(1 + Math.floor(random() * 3));
      await Promise.all(alive.map((i) => i.jobs.scheduler.tick()));
      const dead = alive.filter((i) => i.uow.dead);
      kills += dead.length;
      for (const d of dead) {
        await d.jobs.scheduler.stop();
        restarts.push({ at: clock.now().getTime() + (20 + Math.floor(random() * 160)) * 60_000 });
      }
      alive = alive.filter((i) => !i.uow.dead);
    };
    const restartDue = async () => {
      const now = clock.now().getTime();
      for (const r of restarts.filter((x) => x.at <= now)) {
        restarts.splice(restarts.indexOf(r), 1);
        alive.push(await boot());
      }
    };

    const outageDay = addDays(START, 9); // Wednesday 09-23: every instance down 17:50–19:50
    const dbOutageDay = addDays(START, 28); // Monday 10-12: database down 08:50–09:30
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(START, d);
      const instants = new Set<number>();
      for (const name of SIM_JOBS)
        for (const f of fireTimesOn(config.settings.schedules[name]!, day, TZ)) instants.add(f.getTime());
      // The safety tick (every minute in production): a few a day suffice to re-take expired leases.
      for (const h of [7, 13, 19, 22]) instants.add(zonedToUtc(day, h, 7, 0, TZ).getTime());
      const events: Array<{ at: number; kind: 'tick' | 'outage-start' | 'outage-end' | 'db-down' | 'db-up' }> = [
        ...instants,
      ].map((at) => ({ at, kind: 'tick' }));
      if (day === outageDay)
        events.push(
          { at: zonedToUtc(day, 17, 50, 0, TZ).getTime(), kind: 'outage-start' },
          { at: zonedToUtc(day, 19, 50, 0, TZ).getTime(), kind: 'outage-end' },
        );
      if (day === dbOutageDay)
        events.push(
          { at: zonedToUtc(day, 8, 50, 0, TZ).getTime(), kind: 'db-down' },
          { at: zonedToUtc(day, 9, 30, 0, TZ).getTime(), kind: 'db-up' },
        );
      events.sort((a, b) => a.at - b.at);
      let outage = false;
      for (const e of events) {
        clock.set(new Date(e.at));
        if (e.kind === 'outage-start') {
          for (const i of alive) await i.jobs.scheduler.stop();
          alive = [];
          restarts.length = 0;
          outage = true;
          continue;
        }
        if (e.kind === 'outage-end') {
          outage = false;
          for (let k = 0; k < 3; k++) alive.push(await boot());
          continue;
        }
        if (e.kind === 'db-down' || e.kind === 'db-up') {
          dbDown = e.kind === 'db-down';
          if (!dbDown) await tickAll(0); // the next safety tick after the database is back
          continue;
        }
        if (outage) continue;
        await restartDue();
        await tickAll(0.06);
      }
      // Midnight: restarts pending from the evening happen before the day ends.
      clock.set(zonedToUtc(day, 23, 59, 0, TZ));
      await restartDue();
      await tickAll(0);
    }
    for (const i of alive) await i.jobs.scheduler.stop();

    // What should have been sent: per day, per job that fires that day (on working days where it wants them).
    const cal = new WorkingCalendar(config.settings.calendar);
    const expectedKeys: string[] = [];
    const expectedRuns: string[] = [];
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(START, d);
      const working = cal.isWorkingDay(day);
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (working) {
        expectedRuns.push(
          `rotationReset:${day}`,
          `revisitReminders:${day}`,
          `formDeadlines:${day}`,
          `nextDayPlan:${day}`,
        );
        for (const a of AGENTS) expectedKeys.push(`job:revisitReminders:${day}:${a}`, `job:formDeadlines:${day}:${a}`);
        expectedKeys.push(`job:nextDayPlan:${day}:${MANAGER}`, `job:dailyDigest:${day}:${CHAT}`);
        // R-DAY-1: the agenda to the group, the minutes form to the manager (nobody rostered), and at 10:00
        // the manager told the minutes are missing (nobody files them here).
        expectedKeys.push(
          `job:morningMeeting:${day}:${CHAT}`,
          `job:morningMeeting:${day}:${MANAGER}`,
          `job:minutesCheck:${day}:${MANAGER}`,
        );
      }
      expectedRuns.push(`contractReconciliation:${day}`);
      expectedKeys.push(`job:contractReconciliation:${day}:${MANAGER}`);
      if (dow === 1) expectedKeys.push(`job:weeklySummary:${isoWeekKey(day)}:${CHAT}`);
      if (day.endsWith('-01')) {
        expectedKeys.push(`job:monthlyReport:${day.slice(0, 7)}:${LEADER}`);
        expectedRuns.push(`monthlyReport:${addDays(day, -1).slice(0, 7)}`);
      }
    }
    const sent: Array<{ dedupe_key: string; n: number }> = await t.ds.query(
      `SELECT dedupe_key, COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'job:%' GROUP BY dedupe_key`,
    );
    expect(sent.every((r) => Number(r.n) === 1)).toBe(true);
    expect(sent.map((r) => r.dedupe_key).sort()).toEqual([...expectedKeys].sort());

    // The work itself committed once per period (no dedupe key hides a second run here).
    const runs: Array<{ action: string; subject_id: string; n: number }> = await t.ds.query(
      `SELECT action, subject_id, COUNT(*) AS n FROM audit_log WHERE subject_type = 'sim' GROUP BY action, subject_id`,
    );
    expect(runs.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(runs.map((r) => `${r.action.slice(4)}:${r.subject_id}`).sort()).toEqual([...expectedRuns].sort());

    const unfinished = await t.ds.query(`SELECT job_name, period_key, status FROM job_run WHERE status <> 'done'`);
    expect(unfinished).toEqual([]);
    // The chaos really happened.
    expect(kills).toBeGreaterThan(10);
    const retaken = await t.ds.query(`SELECT COUNT(*) AS n FROM job_run WHERE attempt > 1`);
    expect(Number(retaken[0].n)).toBeGreaterThan(0);
  }, 120_000);
});

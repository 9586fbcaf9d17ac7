import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock.js';
import type { Tx } from '../../src/domain/shared/tx.js';
import type { AgentItems, JobPorts } from '../../src/jobs/ports.js';
import { openTestDb, testDialect, type TestDb } from '../helpers/test-db.js';
import { Cluster, outboxRows, seedDepartment } from './harness.js';

const AGENTS = ['ou_agent_a1', 'ou_agent_b2'];
const MANAGER = 'ou_manager_m1';

/** Revisit reminders whose source can be held at a gate, to stall one instance mid-run. */
function gatedPorts() {
  const state: { gate?: Promise<void>; calls: number } = { calls: 0 };
  const items = (date: string): AgentItems[] =>
    AGENTS.map((a) => ({ agentOpenId: a, items: [{ kind: 'revisit', clientName: `客户${a.slice(-2)}`, date }] }));
  const ports: Partial<JobPorts> = {
    revisitReminders: {
      dueFor: async (tx: Tx, date: string) => {
        state.calls++;
        const gate = state.gate;
        state.gate = undefined;
        if (gate) await gate;
        // A committed side effect without a dedupe key: proves how many runs committed.
        await tx.audit.append(
          { actor: null, action: 'sim.revisitReminders', subjectType: 'job', subjectId: date },
          new Date(),
        );
        return items(date);
      },
    },
  };
  return { ports, state };
}

describe('job claims: one run per (job, period) across instances', () => {
  let t: TestDb;
  const clock = new ManualClock('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
  const { ports, state } = gatedPorts();
  let cluster: Cluster;

  beforeAll(async () => {
    t = await openTestDb();
    cluster = new Cluster(t, clock, ports, () => false, { leaseMs: 10 * 60_000, retryAfterMs: 60_000 });
  });
  afterAll(async () => {
    await cluster?.close();
    await t?.close();
  });
  beforeEach(async () => {
    await t.truncate();
    const boot = await cluster.instance('seed');
    await seedDepartment(
      boot.uow,
      {
        [AGENTS[0]!]: { name: '甲', roles: ['agent'] },
        [AGENTS[1]!]: { name: '乙', roles: ['agent'] },
        [MANAGER]: { name: '经理', roles: ['manager'] },
      },
      'oc_dept',
    );
  });

  const sims = async () =>
    Number((await t.ds.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'sim.revisitReminders'`))[0].n);

  it('R-JOB-1: three instances ticking at the same instant → one run, one reminder per agent', async () => {
    clock.set('2026-11-23T01:00:05Z');
    const [a, b, c] = await Promise.all([
      cluster.instance('A', undefined, 1),
      cluster.instance('B', undefined, 2),
      cluster.instance('C', undefined, 3),
    ]);
    const reports = await Promise.all([a, b, c].map((i) => i.jobs.scheduler.tick('revisitReminders')));
    const outcomes = reports
      .flat()
      .map((r) => r.outcome.status)
      .sort();
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
    expect(await sims()).toBe(1);
    const rows = await outboxRows(t.ds, 'job:revisitReminders:%');
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual(
      AGENTS.map((x) => `job:revisitReminders:2026-11-23:${x}`).sort(),
    );
    const runs = await t.ds.query(`SELECT status, attempt FROM job_run WHERE job_name = 'revisitReminders'`);
    expect(runs).toEqual([{ status: 'done', attempt: 1 }]);
    // Ticking again later the same day changes nothing.
    clock.set('2026-11-23T05:00:00Z');
    await Promise.all([a, b, c].map((i) => i.jobs.scheduler.tick()));
    expect(await sims()).toBe(1);
  });

  it('R-JOB-1: a run killed before commit leaves its claim; it is re-taken after the lease, and sent once', async () => {
    clock.set('2026-11-23T01:00:00Z');
    const a = await cluster.instance('A');
    const b = await cluster.instance('B', undefined, 2);
    a.uow.arm(3); // 1: the tick's read, 2: the claim, 3: the run — dies inside it, before commit
    await a.jobs.scheduler.tick('revisitReminders').catch(() => undefined);
    expect(a.uow.dead).toBe(true);
    let runs = await t.ds.query(`SELECT status, attempt, owner FROM job_run WHERE job_name = 'revisitReminders'`);
    expect(runs).toEqual([{ status: 'running', attempt: 1, owner: 'A' }]);
    expect(await outboxRows(t.ds, 'job:revisitReminders:%')).toHaveLength(0);

    clock.set('2026-11-23T01:05:00Z'); // lease still held
    expect((await b.jobs.scheduler.tick('revisitReminders')).length).toBe(0);
    clock.set('2026-11-23T01:10:01Z'); // lease expired
    const report = await b.jobs.scheduler.tick('revisitReminders');
    expect(report.map((r) => r.outcome.status)).toEqual(['done']);
    runs = await t.ds.query(`SELECT status, attempt, owner FROM job_run WHERE job_name = 'revisitReminders'`);
    expect(runs).toEqual([{ status: 'done', attempt: 2, owner: 'B' }]);
    expect(await outboxRows(t.ds, 'job:revisitReminders:%')).toHaveLength(2);
    expect(await sims()).toBe(1);
  });

  it('R-JOB-1: a failed run is retried by the next tick after the retry delay', async () => {
    clock.set('2026-11-23T01:00:00Z');
    const a = await cluster.instance('A');
    let fail = true;
    const original = ports.revisitReminders!.dueFor;
    ports.revisitReminders!.dueFor = async (tx, date) => {
      if (fail) throw new Error('source not ready');
      return original(tx, date);
    };
    try {
      expect((await a.jobs.scheduler.tick('revisitReminders')).map((r) => r.outcome.status)).toEqual(['failed']);
      expect((await t.ds.query(`SELECT status, error FROM job_run`))[0]).toEqual({
        status: 'failed',
        error: 'source not ready',
      });
      fail = false;
      clock.set('2026-11-23T01:00:30Z');
      expect(await a.jobs.scheduler.tick('revisitReminders')).toEqual([]);
      clock.set('2026-11-23T01:01:01Z');
      expect((await a.jobs.scheduler.tick('revisitReminders')).map((r) => r.outcome.status)).toEqual(['done']);
      expect(await outboxRows(t.ds, 'job:revisitReminders:%')).toHaveLength(2);
    } finally {
      ports.revisitReminders!.dueFor = original;
    }
  });

  it.runIf(testDialect() === 'mariadb')(
    'R-JOB-1: a stalled owner whose claim was re-taken cannot finish: its run rolls back',
    async () => {
      clock.set('2026-11-23T01:00:00Z');
      const a = await cluster.instance('A', undefined, 1);
      const b = await cluster.instance('B', undefined, 2);
      let release!: () => void;
      state.calls = 0;
      state.gate = new Promise<void>((r) => (release = r));
      const stalled = a.jobs.scheduler.tick('revisitReminders');
      while (state.calls === 0) await new Promise((r) => setTimeout(r, 10));
      clock.set('2026-11-23T01:10:01Z');
      expect((await b.jobs.scheduler.tick('revisitReminders')).map((r) => r.outcome.status)).toEqual(['done']);
      release();
      expect((await stalled).map((r) => r.outcome.status)).toEqual(['lost']);
      expect(await sims()).toBe(1);
      expect(await outboxRows(t.ds, 'job:revisitReminders:%')).toHaveLength(2);
      expect(await t.ds.query(`SELECT status, attempt, owner FROM job_run`)).toEqual([
        { status: 'done', attempt: 2, owner: 'B' },
      ]);
    },
  );

  it("R-JOB-1: at boot, today's passed periods without a claim are caught up, yesterday's are not", async () => {
    clock.set('2026-11-23T11:00:00Z'); // Monday 19:00 Shanghai: everything of the day has passed
    const a = await cluster.instance('A');
    await a.jobs.scheduler.start();
    await a.jobs.scheduler.stop();
    const runs: Array<{ job_name: string; period_key: string; status: string }> = await t.ds.query(
      `SELECT job_name, period_key, status FROM job_run ORDER BY job_name`,
    );
    const done = Object.fromEntries(runs.map((r) => [r.job_name, r.period_key]));
    expect(done).toMatchObject({
      rotationReset: '2026-11-23',
      revisitReminders: '2026-11-23',
      formDeadlines: '2026-11-23',
      nextDayPlan: '2026-11-23',
      dailyDigest: '2026-11-23',
      weeklySummary: '2026-W48',
      housekeeping: '2026-11-23T18',
    });
    expect(done.contractReconciliation).toBe('2026-11-23'); // fires at 19:00:00 exactly: due
    expect(done.monthlyReport).toBeUndefined(); // only on the 1st
    expect(done.offerSweep).toBeUndefined(); // not exclusive: never claimed
    expect(runs.every((r) => r.status === 'done')).toBe(true);
    // A second instance booting later the same evening finds nothing left to do.
    clock.set('2026-11-23T11:30:00Z');
    const b = await cluster.instance('B');
    expect((await b.jobs.scheduler.tick()).map((r) => r.job)).toEqual(['housekeeping']); // only the 19:15 hour is new
    // The next morning, yesterday's evening periods are not re-run; today's are.
    clock.set('2026-11-24T01:00:00Z');
    const report = await b.jobs.scheduler.tick();
    expect(report.map((r) => r.period).filter((p) => p.startsWith('2026-11-23'))).toEqual([]);
  });
});

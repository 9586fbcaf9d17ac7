import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarService } from '../../src/domain/calendar/calendar.service.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';
import { Cluster, jobsConfig, outboxRows, seedDepartment } from './harness.js';

const ADMIN = 'ou_cal_admin';
const MANAGER = 'ou_cal_mgr';

/** The admins are asked to enter a year's holidays the working calendar lacks (job `calendarCheck`, Monday 09:30). */
describe('holiday calendar check', () => {
  let t: TestDb;
  const clock = new ManualClock('2026-11-23T01:30:05Z'); // Monday 09:30 in Shanghai
  let cluster: Cluster;

  beforeAll(async () => {
    t = await openTestDb();
    cluster = new Cluster(t, clock, {});
    await seedDepartment((await cluster.instance('seed')).uow, {
      [ADMIN]: { name: '陈管理', roles: ['admin'] },
      [MANAGER]: { name: '王经理', roles: ['manager'] },
    });
  });
  afterAll(async () => {
    await cluster?.close();
    await t?.close();
  });

  it('in November, with only 2026 in the calendar, each admin is asked once that week to enter 2027', async () => {
    expect(jobsConfig().settings.schedules.calendarCheck).toBe('30 9 * * 1');
    const a = await cluster.instance('A');
    const report = await a.jobs.scheduler.tick('calendarCheck');
    expect(report.map((r) => [r.job, r.period, r.outcome.status])).toEqual([['calendarCheck', '2026-W48', 'done']]);
    const rows = await outboxRows(t.ds, 'job:calendarCheck:%');
    expect(rows.map((r) => [r.dedupe_key, r.receive_id])).toEqual([['job:calendarCheck:2026-W48:' + ADMIN, ADMIN]]);
    expect(rows[0]!.content).toContain('2027 年的法定节假日');
    expect(rows[0]!.content).toContain('设置假期 2027-01-01');
    clock.set('2026-11-25T01:30:05Z');
    await a.jobs.scheduler.tick('calendarCheck');
    expect(await outboxRows(t.ds, 'job:calendarCheck:%')).toHaveLength(1);
  });

  it('once an admin has entered 2027, the next Monday sends nothing', async () => {
    const a = await cluster.instance('B');
    const config = jobsConfig();
    await a.uow.run((tx) =>
      new CalendarService({
        clock: clock,
        settings: { timezone: config.timezone, calendar: config.settings.calendar },
      }).change(tx, ADMIN, {
        kind: 'holiday',
        dates: ['2027-01-01'],
      }),
    );
    clock.set('2026-11-30T01:30:05Z');
    const report = await a.jobs.scheduler.tick('calendarCheck');
    expect(report.map((r) => [r.period, r.outcome.status])).toEqual([['2026-W49', 'done']]);
    expect(await outboxRows(t.ds, 'job:calendarCheck:%')).toHaveLength(1);
  });
});

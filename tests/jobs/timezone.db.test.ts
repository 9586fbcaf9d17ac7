import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testDialect } from '../helpers/test-db.js';

const run = promisify(execFile);

/** The process zone must not matter: every schedule is in BOT_TIMEZONE (Asia/Shanghai). */
// The child runs on its own SQLite file: one dialect is enough.
describe.runIf(testDialect() === 'sqlite').each(['UTC', 'America/New_York'])('R-JOB-1: schedules under TZ=%s', (tz) => {
  it(`R-JOB-1: fires at Asia/Shanghai wall-clock time when the process runs under TZ=${tz}`, async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/jobs/tz-probe.ts'], {
      env: { ...process.env, TZ: tz, TEST_LOG_LEVEL: 'silent' },
      timeout: 30_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out.processZone).toBe(tz);
    expect(out.beforeCount).toBe(0); // 17:59:59 in Shanghai: not yet
    expect(out.at).toEqual([{ job: 'nextDayPlan', period: '2026-11-23', status: 'done' }]); // 18:00 sharp
    expect(out.nodeCronNextShanghaiHour).toBe(18);
    expect(out.dailyKeyAtShanghaiMidnight).toBe('2026-11-23');
    expect(out.localDateAtShanghaiMidnight).toBe('2026-11-23');
  });
});

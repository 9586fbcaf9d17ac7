import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyDigestCard, monthlyReportCard, weeklySummaryCard } from '../../src/bot/cards/digest-cards.js';
import { zonedToUtc } from '../../src/domain/shared/zoned-time.js';
import { FormComplianceService } from '../../src/domain/forms/form-flags.js';
import type { NewFormRecord } from '../../src/domain/forms/form.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { activity } from '../../src/jobs/digests.job.js';
import { TypeOrmUnitOfWork } from '../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

const A1 = 'ou_dig_agent_1';
const A2 = 'ou_dig_agent_2';
const TZ = 'Asia/Shanghai';
const at = (date: string, h: number) => zonedToUtc(date, h, 0, 0, TZ);

/** R-FORM-2 in the digests: false-information flags are counted next to late and incomplete forms. */
describe('digest compliance counts', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  const now = at('2026-11-23', 12);

  beforeAll(async () => {
    t = await openTestDb();
    uow = new TypeOrmUnitOfWork(t.db, new ManualClock(now));
    await uow.run(async (tx) => {
      const form = (agent: string, o: Partial<NewFormRecord> = {}) =>
        tx.formRecords.add({
          kind: 'visitor',
          clientId: null,
          agentOpenId: agent,
          filedBy: agent,
          filedAt: at('2026-11-23', 10),
          dueAt: null,
          late: false,
          incomplete: false,
          missing: [],
          refId: null,
          dedupeKey: null,
          payload: {},
          ...o,
        });
      const f1 = await form(A1, { payload: { name: '甲客户' } });
      await form(A1, { late: true, payload: { name: '乙客户' } }); // a different form: not a double tap
      const f3 = await form(A2, { kind: 'revisit_plan', incomplete: true, missing: ['purpose'] });
      await form(A2, { filedAt: at('2026-11-20', 10) }); // an earlier day
      expect(await tx.formRecords.flag(f1.id, 'ou_mgr', '电话是假的', now)).toBe(true);
      expect(await tx.formRecords.flag(f3.id, 'ou_mgr', '面积不符', now)).toBe(true);
    });
  });
  afterAll(async () => t?.close());

  it('R-FORM-2: the digest activity counts flagged forms per agent, the same as the compliance service', async () => {
    const report = await uow.run((tx) => activity(tx, '2026-11-23', '2026-11-23', TZ));
    const by = Object.fromEntries(
      report.agents.map((a) => [a.agentOpenId, [a.formsFiled, a.formsLate, a.formsIncomplete, a.formsFlagged]]),
    );
    expect(by).toEqual({ [A1]: [2, 1, 0, 1], [A2]: [1, 0, 1, 1] });
    const counts = await uow.run((tx) =>
      new FormComplianceService({ clock: new ManualClock(now), notices: {} as never }).counts(tx, {
        from: at('2026-11-23', 0),
        to: at('2026-11-24', 0),
      }),
    );
    expect(Object.fromEntries(counts.map((c) => [c.agentOpenId, c.flagged]))).toEqual({
      [A1]: report.agents.find((a) => a.agentOpenId === A1)!.formsFlagged,
      [A2]: report.agents.find((a) => a.agentOpenId === A2)!.formsFlagged,
    });
  });

  it('R-FORM-2: the daily digest, weekly summary and monthly report show the flags', async () => {
    const report = await uow.run((tx) => activity(tx, '2026-11-23', '2026-11-23', TZ));
    const names = { [A1]: '甲', [A2]: '乙' };
    expect(JSON.stringify(dailyDigestCard('2026-11-23', report, names))).toContain('虚假信息标记 2');
    const weekly = weeklySummaryCard(
      {
        week: '2026-W48',
        from: '2026-11-23',
        to: '2026-11-29',
        monthTo: '2026-11-29',
        lastWeek: report,
        monthToDate: report,
        targets: { department: undefined, perAgent: {} },
        agents: [A1, A2],
      },
      names,
    ) as any;
    const lines = JSON.stringify(weekly);
    expect(lines).toContain(
      '**甲**：接待 0 · 登记 0 · 回访 完成/逾期 0/0 · 签约 0 · 月完成率 — · 表单：迟交 1、虚假信息 1',
    );
    expect(lines).toContain('表单：缺项 1、虚假信息 1');
    expect(lines).toContain('**部门合计**');
    expect(lines).toContain('表单：迟交 1、缺项 1、虚假信息 2');
    expect(JSON.stringify(monthlyReportCard('2026-11', report, undefined, undefined))).toContain('虚假信息标记 2');
  });
});

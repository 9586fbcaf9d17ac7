import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const MGR = 'ou_e2e_sat_mgr';
const LEADER = 'ou_e2e_sat_leader';
const DESK = 'ou_e2e_sat_desk';
const A = 'ou_e2e_sat_a';

const at = (date: string, h: number, m = 0) =>
  new Date(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`);

/** R-FB-2 and R-KPI-1 through the webhook and the scheduler: opening → survey → answer → monthly report. */
describe('tenant satisfaction and the funnel in the reports', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-12-14', 10));

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [MGR]: { name: '王经理', roles: ['manager'] },
        [LEADER]: { name: '赵总', roles: ['leader'] },
        [DESK]: { name: '孙前台', roles: ['front_desk'] },
        [A]: { name: '张三', roles: ['agent'] },
      },
    });
    await t.app.uow.run(async (tx) => {
      const c = await tx.clients.create(
        {
          name: '星光服饰',
          shopName: null,
          contactPerson: null,
          phone: '13800006666',
          category: null,
          clientType: 'merchant',
          source: 'card',
          grade: 'A',
          owner: { kind: 'agent', openId: A },
        },
        at('2026-12-01', 10),
      );
      await tx.walkIns.create({
        day: '2026-12-02',
        registeredBy: DESK,
        arrivedAt: at('2026-12-02', 10),
        name: null,
        phoneTyped: null,
        phone: null,
        cardAgent: null,
        leaderReferral: false,
        note: null,
        rule: 'R-ROT-1',
        status: 'accepted',
        owner: A,
        clientId: c.id,
        decidedAt: at('2026-12-02', 10),
      });
      await tx.contracts.addSigned(
        {
          contractNo: 'HT-SAT-1',
          clientId: c.id,
          agentOpenId: A,
          signedDate: '2026-12-03',
          unit: 'B-201',
          area: 80,
          monthlyRent: 12000,
          collectionId: null,
          enteredBy: DESK,
        },
        at('2026-12-03', 10),
      );
    });
  });
  afterAll(async () => t?.close());

  const tick = async (when: Date) => {
    clock.set(when);
    const report = await t.app.services.jobs.scheduler.tick();
    await t.delivered();
    return report;
  };
  const cardWith = (to: string, marker: string) =>
    JSON.stringify(
      t.lark
        .cardsTo(to)
        .filter((c) => JSON.stringify(c).includes(marker))
        .at(-1) ?? null,
    );
  const surveyId = async (period: string) =>
    Number((await t.app.ds.query(`SELECT id FROM tenant_satisfaction WHERE period = '${period}'`))[0].id);

  it('R-FB-2: after the opening is recorded, the agent is asked for the tenant’s satisfaction (once)', async () => {
    await t.say(DESK, '开业 HT-SAT-1 2026-12-14');
    await t.delivered();
    const report = await tick(at('2026-12-15', 10, 1));
    expect(report.map((r) => r.job)).toContain('satisfactionOpening');
    const card = cardWith(A, '客户满意度调查');
    expect(card).toContain('星光服饰');
    expect(card).toContain('开业后');
    expect(card).toContain('satisfaction.record');
    // A second run the same day (another instance, a manual run) asks nobody again.
    await t.app.uow.run(async (tx) => {
      const { SatisfactionService } = await import('../../../src/domain/feedback/satisfaction.service.js');
      const s = new SatisfactionService({ clock, timezone: 'Asia/Shanghai', cards: { prompt: () => ({}) } });
      expect(await s.promptAfterOpening(tx, '2026-12-15')).toBe(0);
    });
    expect(Number((await t.app.ds.query(`SELECT COUNT(*) AS n FROM tenant_satisfaction`))[0].n)).toBe(1);
  });

  it('R-FB-2: the agent records 1–5 with a note; without a score the form comes back', async () => {
    const id = await surveyId('open:HT-SAT-1');
    const bad = await t.click(A, { a: 'satisfaction.record', id }, { formValue: { sat_note: '还行' } });
    expect(bad.toast.type).toBe('error');
    expect(JSON.stringify(bad.card.data)).toContain('请选择 1–5 分');
    const ok = await t.click(
      A,
      { a: 'satisfaction.record', id },
      { formValue: { sat_score: '4', sat_note: '客流不错，停车位少' } },
    );
    expect(ok.toast.type).toBe('success');
    expect(JSON.stringify(ok.card.data)).toContain('4 分 · 满意');
    const row = (
      await t.app.ds.query(`SELECT score, recorded_by, recorded_date FROM tenant_satisfaction WHERE id = ${id}`)
    )[0];
    expect(row).toMatchObject({ recorded_by: A, recorded_date: '2026-12-15' });
    expect(Number(row.score)).toBe(4);
  });

  it('R-KPI-1: 业绩 carries the funnel and the development count', async () => {
    await t.say(A, '业绩');
    const card = JSON.stringify(t.lark.messages.at(-1)!.current);
    expect(card).toContain('转化漏斗与开发数量');
    // December: 1 walk-in, no registration form, no deposit, 1 contract; the client came by business card.
    expect(card).toContain(
      '到访 1 → 登记 0（0.0%）→ 定金 0（—）→ 签约 1（—）；到访→签约 100.0%；开发 1（名片/单页 1，自拓 0）',
    );
  });

  it('R-FB-2 / R-KPI-1: the monthly report to leaders has the funnel and the satisfaction average per agent', async () => {
    await tick(at('2027-01-01', 9, 1));
    const card = cardWith(LEADER, '转化漏斗与开发数量');
    expect(card).toContain('客户满意度');
    expect(card).toContain('部门平均 4.00 分（1 份）');
    expect(card).toContain('张三：4.00 分（1 份）');
    expect(card).toContain('"agent":"张三"');
  });

  it('R-FB-2: each quarter, every tenant opened before it is surveyed again (the quarterly job, once)', async () => {
    const report = await tick(at('2027-01-01', 10, 1));
    expect(report.map((r) => r.job)).toContain('satisfactionQuarterly');
    expect(cardWith(A, '2027-Q1 季度')).toContain('星光服饰');
    await tick(at('2027-01-01', 10, 30));
    expect(
      Number((await t.app.ds.query(`SELECT COUNT(*) AS n FROM tenant_satisfaction WHERE period = '2027-Q1'`))[0].n),
    ).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { SETTING_DEPARTMENT_CHAT } from '../../../src/domain/shared/settings.js';
import type { AgentItems, JobPorts } from '../../../src/jobs/ports.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const ADMIN = 'ou_jobs_admin';
const MANAGER = 'ou_jobs_manager';
const LEADER = 'ou_jobs_leader';
const A1 = 'ou_jobs_agent_1';
const A2 = 'ou_jobs_agent_2';
const CHAT = 'oc_jobs_dept';
const PHONE = '13812345678';
const SH = 'Asia/Shanghai';
const at = (date: string, h: number, m = 0) => zonedToUtc(date, h, m, 0, SH);

/** Stand-ins for the feature services the jobs read from (the ports they will implement). */
function fakePorts(): Partial<JobPorts> {
  const plan = (day: string, today: string): AgentItems[] => [
    {
      agentOpenId: A1,
      items: [
        { kind: 'revisit', clientName: '星光服饰', date: day },
        { kind: 'revisit', clientName: '老客户', date: '2026-11-20', overdue: true },
      ],
    },
    { agentOpenId: A2, items: [{ kind: 'signing', clientName: '大华电器', date: day, note: `定金已付 ${today}` }] },
  ];
  return {
    plans: { planFor: async (_tx, { day, today }) => plan(day, today) },
    revisitReminders: {
      dueFor: async (_tx, date) => [
        {
          agentOpenId: A1,
          items: [
            { kind: 'revisit', clientName: '星光服饰', date },
            { kind: 'revisit', clientName: '老客户', date: '2026-11-20', overdue: true },
          ],
        },
        { agentOpenId: A2, items: [] },
      ],
    },
    formDeadlines: {
      unfiledDue: async (_tx, { date }) => [
        { agentOpenId: A2, forms: [{ label: '回访计划表', clientName: '大华电器', dueAt: at(date, 17, 30) }] },
      ],
    },
    reconciliation: {
      mismatches: async (_tx, date) => ({
        signedWithoutCollection: [{ contractNo: 'HT-2026-001', clientName: '大华电器', agentOpenId: A2, date }],
        collectedWithoutSigned: [],
        underReview: [],
      }),
    },
    targets: { monthTargets: async () => ({ department: 10, perAgent: { [A1]: 6, [A2]: 4 } }) },
    reviews: { reviews: async () => ({ logsReviewed: 7, logsPending: 2, plansDecided: 5 }) },
  };
}

describe('scheduled jobs end to end (plans, reminders, digests, admin controls)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-11-23', 7, 0)); // Monday morning
  const lastCard = (to: string) => t.lark.cardsTo(to).at(-1) as any;
  const lastText = (to: string) =>
    (t.lark.messages.filter((m) => m.receiveId === to || m.replyTo).at(-1)?.current as any)?.text as string;

  beforeAll(async () => {
    t = await startTestApp({
      admins: [ADMIN],
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [ADMIN]: { name: '王管理', roles: ['admin'] },
        [MANAGER]: { name: '赵经理', roles: ['manager'] },
        [LEADER]: { name: '钱领导', roles: ['leader'] },
        [A1]: { name: '孙招商', roles: ['agent'] },
        [A2]: { name: '李招商', roles: ['agent'] },
      },
    });
    Object.assign(t.app.services.jobs.ports, fakePorts());
    await t.app.uow.run(async (tx) => {
      await tx.settings.set(SETTING_DEPARTMENT_CHAT, CHAT);
      // A walk-in with a phone number received by A1 today: counted in the digest, never shown.
      await tx.walkIns.create({
        day: '2026-11-23',
        registeredBy: MANAGER,
        arrivedAt: at('2026-11-23', 10),
        name: '周先生',
        phoneTyped: PHONE,
        phone: PHONE,
        cardAgent: null,
        leaderReferral: false,
        note: null,
        rule: 'R-ATT-1',
        status: 'accepted',
        owner: A1,
        clientId: null,
        decidedAt: at('2026-11-23', 10),
      });
    });
  });
  afterAll(async () => t?.close());

  const delivered = () => t.delivered();
  const tick = async (iso: Date) => {
    clock.set(iso);
    const report = await t.app.services.jobs.scheduler.tick();
    await delivered();
    return report;
  };
  const say = async (who: string, text: string) => {
    await t.say(who, text);
    await delivered();
  };
  const click = async (who: string, value: Record<string, unknown>, o?: Parameters<TestApp['click']>[2]) => {
    const body = await t.click(who, value, o);
    await delivered();
    return body;
  };

  it('R-JOB-1: with JOBS_ENABLED=false nothing runs by itself', async () => {
    const rows = await t.app.ds.query(`SELECT COUNT(*) AS n FROM job_run`);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('R-REM-1: at 09:00 each agent gets their due revisits, overdue ones marked; an agent with nothing gets nothing', async () => {
    const report = await tick(at('2026-11-23', 9, 0));
    expect(report.map((r) => r.job)).toEqual(
      expect.arrayContaining(['rotationReset', 'revisitReminders', 'weeklySummary']),
    );
    // The same run may also remind A1 of owed forms (R-REM-2): look for the revisit reminder itself.
    const card = JSON.stringify(
      t.lark
        .cardsTo(A1)
        .filter((c) => JSON.stringify(c).includes('今日回访提醒'))
        .at(-1) ?? {},
    );
    expect(card).toContain('今日回访提醒');
    expect(card).toContain('星光服饰');
    expect(card).toContain('【逾期】');
    expect(t.lark.cardsTo(A2).filter((c) => JSON.stringify(c).includes('回访提醒'))).toHaveLength(0);
  });

  it('R-DIG-2: Monday 09:00 the group gets last week and the month to date, with a target-vs-actual bar chart', async () => {
    const card = lastCard(CHAT);
    expect(card.header.title.content).toBe('每周业绩汇总 · 11月第3周 11.16–11.22');
    const chart = card.body.elements.find((e: any) => e.tag === 'chart');
    expect(chart.chart_spec.type).toBe('bar');
    expect(chart.chart_spec.data.values).toEqual(
      expect.arrayContaining([
        { agent: '孙招商', series: '目标', value: 6 },
        { agent: '孙招商', series: '实际', value: 0 },
        { agent: '李招商', series: '目标', value: 4 },
      ]),
    );
    expect(card.body.elements.some((e: any) => e.tag === 'table')).toBe(false);
    expect(JSON.stringify(card)).toContain('**部门合计**：接待 0 · 登记 0 · 回访 完成/逾期 0/0 · 签约 0 · 月完成率 0%');
  });

  it('R-REM-2: before the deadline an agent with an unfiled form due today is reminded', async () => {
    await tick(at('2026-11-23', 16, 0));
    const card = JSON.stringify(lastCard(A2));
    expect(card).toContain('表单截止提醒');
    expect(card).toContain('回访计划表（大华电器）：截止 17:30');
  });

  it('R-PLAN-1: at 18:00 the manager gets tomorrow per agent with overdue items; confirming sends each agent their own list once', async () => {
    await tick(at('2026-11-23', 18, 0));
    const plan = lastCard(MANAGER);
    expect(plan.header.title.content).toBe('明日工作计划 · 2026-11-24');
    const s = JSON.stringify(plan);
    expect(s).toContain('孙招商');
    expect(s).toContain('【逾期】回访：老客户');
    expect(s).toContain('jobs.plan.confirm');

    const refused = await click(A1, { a: 'jobs.plan.confirm', day: '2026-11-24' });
    expect(refused.toast.content).toContain('没有执行此操作的权限');

    const before = t.lark.messages.length;
    const body = await click(MANAGER, { a: 'jobs.plan.confirm', day: '2026-11-24' });
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('赵经理 已于');
    expect(JSON.stringify(lastCard(A1))).toContain('你的工作计划 · 2026-11-24');
    expect(JSON.stringify(lastCard(A1))).not.toContain('大华电器');
    expect(JSON.stringify(lastCard(A2))).toContain('大华电器');
    expect(t.lark.messages.length - before).toBe(2);
    await click(MANAGER, { a: 'jobs.plan.confirm', day: '2026-11-24' });
    expect(t.lark.messages.length - before).toBe(2); // a second press sends nothing again
  });

  it('R-DIG-1: at 18:30 the group gets totals and per-agent counts, never a phone number', async () => {
    await tick(at('2026-11-23', 18, 30));
    const card = lastCard(CHAT);
    expect(card.header.title.content).toBe('每日简报 · 2026-11-23');
    const s = JSON.stringify(card);
    expect(s).toContain('孙招商：接待 1');
    expect(s).not.toContain(PHONE);
    expect(s).not.toMatch(/1\d{10}/);
  });

  it('R-CON-3: the daily reconciliation reports a contract on one table and not the other to the manager', async () => {
    await tick(at('2026-11-23', 19, 0));
    const s = JSON.stringify(lastCard(MANAGER));
    expect(s).toContain('合同对账 · 2026-11-23');
    expect(s).toContain('HT-2026-001');
  });

  it('R-DIG-3: on the 1st leaders get the month against target, compliance and the review record', async () => {
    await tick(at('2026-12-01', 9, 0));
    const s = JSON.stringify(lastCard(LEADER));
    expect(s).toContain('月度报告 · 2026-11');
    expect(s).toContain('目标 10');
    expect(s).toContain('已阅走访日志 7');
  });

  it('R-JOB-1: an admin lists jobs with schedule and last runs; a non-admin is refused', async () => {
    await say(ADMIN, '定时任务');
    const reply = t.lark.messages.filter((m) => m.replyTo && m.msgType === 'interactive').at(-1)!.current as any;
    const s = JSON.stringify(reply);
    expect(reply.header.title.content).toBe('定时任务');
    expect(s).toContain('每周业绩汇总（部门群）');
    expect(s).toContain('每个工作日 18:00'); // in words, not the cron text
    expect(s).not.toContain('0 18 * * *');
    // The weekly jobs are on the second page (ten jobs a page): in words there too, with their last run.
    const page2 = JSON.stringify((await click(ADMIN, { a: 'jobs.page', page: 2 })).card.data);
    expect(page2).toContain('每周一 09:00');
    expect(page2).toContain('2026-W48 ✔'); // the last run, with its period
    await say(A1, '定时任务');
    expect(lastText(A1)).toContain('没有执行此操作的权限');
  });

  it('R-JOB-1: a bad cron, a bad time, an unknown job and a bad holiday are refused clearly; the schedule in force stays', async () => {
    await say(ADMIN, '任务时间 周报 0 25 * * 1');
    expect(lastText(ADMIN)).toContain('不是有效的时间设置');
    await say(ADMIN, '任务时间 周报 24:30');
    expect(lastText(ADMIN)).toContain('不是有效的时间');
    await say(ADMIN, '立即运行 不存在的任务');
    expect(lastText(ADMIN)).toContain('没有名为“不存在的任务”的任务');
    await say(ADMIN, '设置假期 2026-02-30');
    expect(lastText(ADMIN)).toContain('日期“2026-02-30”无效');
    const rows = await t.app.ds.query(`SELECT job_name FROM job_setting`);
    expect(rows).toEqual([]);
    // The card form comes back filled in with the reason.
    const body = await click(
      ADMIN,
      { a: 'jobs.schedule' },
      { formValue: { job: 'weeklySummary', schedule: '0 9 * * 9' } },
    );
    expect(body.toast.type).toBe('error');
    expect(JSON.stringify(body.card.data)).toContain('0 9 * * 9');
  });

  it('R-JOB-1: an admin changes a time (HH:mm keeps the days), switches a job off, and runs one now (立即发送周报)', async () => {
    await say(ADMIN, '任务时间 周报 10:00');
    expect(lastText(ADMIN)).toContain('`0 10 * * 1`');
    await say(ADMIN, '关闭任务 日报');
    expect(lastText(ADMIN)).toContain('已关闭');
    clock.set(at('2026-12-01', 18, 45)); // Tuesday
    const report = await t.app.services.jobs.scheduler.tick();
    expect(report.map((r) => r.job)).not.toContain('dailyDigest');

    const before = t.lark.cardsTo(CHAT).length;
    await say(ADMIN, '立即发送周报');
    expect(lastText(ADMIN)).toContain('每周业绩汇总（部门群） 已运行');
    expect(t.lark.cardsTo(CHAT).length).toBe(before + 1);
    await say(ADMIN, '立即发送周报'); // same minute: a double send is refused
    expect(lastText(ADMIN)).toContain('未重复发送');
    expect(t.lark.cardsTo(CHAT).length).toBe(before + 1);
    const audit = await t.app.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'job' AND actor = ?`, [
      ADMIN,
    ]);
    expect(audit.length).toBe(2);
  });

  it('calendar: an admin marks a holiday; the evening plan then covers the next working day after it', async () => {
    await say(ADMIN, '设置假期 2026-12-03');
    expect(lastText(ADMIN)).toContain('已更新工作日历');
    await tick(at('2026-12-02', 18, 0));
    expect(lastCard(MANAGER).header.title.content).toBe('明日工作计划 · 2026-12-04');
    await tick(at('2026-12-03', 18, 0)); // the holiday itself: no plan
    expect(lastCard(MANAGER).header.title.content).toBe('明日工作计划 · 2026-12-04');
  });
});

describe('scheduler wiring', () => {
  it('R-JOB-1: with JOBS_ENABLED=true (the service default) the scheduler starts with the app and catches up today', async () => {
    const t = await startTestApp({ clock: new ManualClock(at('2026-11-24', 9, 30)), env: { JOBS_ENABLED: 'true' } });
    try {
      const until = Date.now() + 10_000;
      let rows: Array<{ job_name: string }> = [];
      while (Date.now() < until) {
        rows = await t.app.ds.query(`SELECT job_name FROM job_run WHERE status = 'done'`);
        if (rows.some((r) => r.job_name === 'revisitReminders')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(rows.map((r) => r.job_name)).toEqual(expect.arrayContaining(['rotationReset', 'revisitReminders']));
    } finally {
      await t.close();
    }
  });
});

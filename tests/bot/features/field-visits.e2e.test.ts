import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const AGENT = 'ou_fv_agent_li';
const OTHER_AGENT = 'ou_fv_agent_zhou';
const MGR = 'ou_fv_mgr_wang';
const MGR2 = 'ou_fv_mgr_zhao';

/** The story of R-FV-1/2/3 through the real webhook: plan → approval → log → review, with the bad inputs. */
describe('field visits end to end', () => {
  let t: TestApp;
  let clock: ManualClock;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    // Monday 2026-11-23, 09:00 in Shanghai.
    clock = new ManualClock('2026-11-23T01:00:00Z');
    t = await startTestApp({
      clock,
      members: {
        [AGENT]: { name: '李招商', roles: ['agent'] },
        [OTHER_AGENT]: { name: '周招商', roles: ['agent'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
        [MGR2]: { name: '赵经理', roles: ['manager'] },
      },
    });
    await t.app.uow.run(async (tx) => {
      const mk = async (name: string, owner: string) =>
        (
          await tx.clients.create(
            {
              name,
              shopName: null,
              contactPerson: null,
              phone: null,
              category: null,
              clientType: 'merchant',
              source: null,
              grade: 'C',
              owner: { kind: 'agent', openId: owner },
            },
            clock.now(),
          )
        ).id;
      ids.zhang = await mk('张记五金', AGENT);
      ids.lishi = await mk('李氏建材', AGENT);
      ids.wang = await mk('王家灯饰', OTHER_AGENT);
    });
  });
  afterAll(async () => t?.close());

  const last = () => t.lark.messages.at(-1)!.current as any;
  const lastCardTo = (openId: string) => t.lark.cardsTo(openId).at(-1) as any;
  const delivered = () => t.delivered();
  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const planForm = (o: Record<string, unknown>) => ({
    visit_date: '2026-11-23 +0800',
    clients: [String(ids.zhang), String(ids.lishi)],
    places: '建材城',
    purpose: '邀请看铺',
    ...o,
  });

  it('R-FV-1: the agent gets a plan form listing only their own clients', async () => {
    await t.say(AGENT, '走访计划');
    const s = JSON.stringify(last());
    expect(s).toContain('走访计划表');
    expect(s).toContain('张记五金');
    expect(s).not.toContain('王家灯饰');
  });

  it('R-FV-1: a plan for a past date comes back filled in with the error; nothing is stored', async () => {
    const body = await t.click(
      AGENT,
      { a: 'fv.plan.save' },
      { formValue: planForm({ visit_date: '2026-11-20 +0800' }) },
    );
    expect(body.toast.type).toBe('error');
    const s = JSON.stringify(body.card.data);
    expect(s).toContain('已经过去');
    expect(s).toContain('邀请看铺');
    expect((await q('SELECT COUNT(*) AS n FROM field_visit_plan'))[0].n).toEqual(expect.anything());
    expect(Number((await q('SELECT COUNT(*) AS n FROM field_visit_plan'))[0].n)).toBe(0);
  });

  it("R-FV-1: a client that is not the agent's is refused under the field", async () => {
    const body = await t.click(AGENT, { a: 'fv.plan.save' }, { formValue: planForm({ clients: [String(ids.wang)] }) });
    expect(body.toast.type).toBe('error');
    expect(JSON.stringify(body.card.data)).toContain('王家灯饰 不是你的客户');
    expect(Number((await q('SELECT COUNT(*) AS n FROM approval'))[0].n)).toBe(0);
  });

  it('R-FV-1: a valid plan goes to every manager as a card with 批准 / 驳回 and a comment box', async () => {
    const body = await t.click(AGENT, { a: 'fv.plan.save' }, { formValue: planForm({}) });
    expect(body.toast.type).toBe('success');
    const [plan] = await q('SELECT id, status, approval_id FROM field_visit_plan');
    ids.plan = plan.id;
    ids.approval = plan.approval_id;
    expect(plan.status).toBe('pending');
    await delivered();
    for (const m of [MGR, MGR2]) {
      const s = JSON.stringify(lastCardTo(m));
      expect(s).toContain('批准');
      expect(s).toContain('驳回');
      expect(s).toContain('"tag":"input"');
      expect(s).toContain('张记五金');
    }
    expect(JSON.stringify(lastCardTo(AGENT))).toContain('待审批');
  });

  it('R-FV-1: an agent pressing 批准 gets a toast and nothing changes', async () => {
    const body = await t.click(AGENT, { a: 'approval.decide', id: ids.approval, d: 'approved', from: 'card' });
    expect(body.toast.content).toContain('只有招商部经理');
    expect((await q(`SELECT status FROM approval WHERE id = ${ids.approval}`))[0].status).toBe('pending');
  });

  it('R-FV-2: no log can be written while the plan is pending', async () => {
    const body = await t.click(AGENT, { a: 'fv.log.open', planId: ids.plan });
    expect(body.toast.content).toContain('等待经理审批');
  });

  it('R-FV-1: the manager approves with a comment; both cards show the outcome in place', async () => {
    const body = await t.click(
      MGR,
      { a: 'approval.decide', id: ids.approval, d: 'approved', from: 'card' },
      { formValue: { comment: '注意安全' } },
    );
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('已批准');
    expect(JSON.stringify(body.card.data)).not.toContain('"form_action_type"');
    await delivered();
    const requester = JSON.stringify(lastCardTo(AGENT));
    expect(requester).toContain('已批准');
    expect(requester).toContain('注意安全');
    // The other manager's card was patched too.
    expect(JSON.stringify(lastCardTo(MGR2))).toContain('王经理');
    expect((await q(`SELECT status FROM field_visit_plan WHERE id = ${ids.plan}`))[0].status).toBe('approved');
  });

  it('R-FV-1: a decision on an already decided plan is refused: "已由 王经理 处理"', async () => {
    const body = await t.click(
      MGR2,
      { a: 'approval.decide', id: ids.approval, d: 'rejected', from: 'card' },
      { formValue: { comment: '不行' } },
    );
    expect(body.toast.content).toContain('已由 王经理 处理');
    expect(JSON.stringify(body.card.data)).toContain('已批准');
    const [row] = await q(`SELECT status, comment FROM approval WHERE id = ${ids.approval}`);
    expect(row).toEqual({ status: 'approved', comment: '注意安全' });
  });

  it('R-FV-2: the log form needs an outcome per client and comes back filled in', async () => {
    await t.say(AGENT, '走访日志');
    expect(JSON.stringify(last())).toContain('张记五金 — 走访结果');
    const body = await t.click(
      AGENT,
      { a: 'fv.log.save', planId: ids.plan },
      { formValue: { [`outcome_${ids.zhang}`]: '愿意看铺', [`grade_${ids.zhang}`]: 'A', summary: '建材城人流一般' } },
    );
    expect(body.toast.type).toBe('error');
    const s = JSON.stringify(body.card.data);
    expect(s).toContain('愿意看铺');
    expect(s).toContain('请填写这个客户的走访结果');
    expect(Number((await q('SELECT COUNT(*) AS n FROM visit_log'))[0].n)).toBe(0);
  });

  it('R-FV-2: the log is filed on time, grades are updated, managers get a review card', async () => {
    clock.set('2026-11-23T09:00:00Z');
    const body = await t.click(
      AGENT,
      { a: 'fv.log.save', planId: ids.plan },
      {
        formValue: {
          [`outcome_${ids.zhang}`]: '愿意看铺',
          [`grade_${ids.zhang}`]: 'A',
          [`outcome_${ids.lishi}`]: '暂无意向',
          [`grade_${ids.lishi}`]: 'C',
          summary: '建材城人流一般',
        },
      },
    );
    expect(body.toast.type).toBe('success');
    const [log] = await q('SELECT id, late, reviewed_at FROM visit_log');
    ids.log = log.id;
    expect(Boolean(log.late)).toBe(false);
    expect((await q(`SELECT grade FROM client WHERE id = ${ids.zhang}`))[0].grade).toBe('A');
    await delivered();
    expect(JSON.stringify(lastCardTo(MGR))).toContain('愿意看铺');
    // A second submit of the same plan is refused.
    const again = await t.click(
      AGENT,
      { a: 'fv.log.save', planId: ids.plan },
      { formValue: { [`outcome_${ids.zhang}`]: 'x', [`outcome_${ids.lishi}`]: 'y', summary: 'z' } },
    );
    expect(again.toast.content).toContain('已经提交过了');
  });

  it('R-FV-2: 待阅日志 lists the log; 已阅 with a comment marks it once and tells the agent', async () => {
    await t.say(MGR, '待阅日志');
    expect(JSON.stringify(last())).toContain('愿意看铺');
    const body = await t.click(
      MGR,
      { a: 'fv.log.review', id: ids.log, from: 'list' },
      { formValue: { comment: '跟进张记' } },
    );
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('没有待审阅');
    const [log] = await q(`SELECT reviewed_by, review_comment FROM visit_log WHERE id = ${ids.log}`);
    expect(log).toEqual({ reviewed_by: MGR, review_comment: '跟进张记' });
    await delivered();
    expect(JSON.stringify(lastCardTo(AGENT))).toContain('跟进张记');
    const twice = await t.click(
      MGR2,
      { a: 'fv.log.review', id: ids.log, from: 'card' },
      { formValue: { comment: '再看' } },
    );
    expect(twice.toast.content).toContain('已由 王经理 审阅');
    const audit = await q(`SELECT action FROM audit_log WHERE subject_type = 'visit_log'`);
    expect(audit).toHaveLength(1);
  });

  it('R-FV-3: 未走访客户 lists the clients never visited, per agent', async () => {
    await t.say(MGR, '未走访客户');
    const s = JSON.stringify(last());
    expect(s).toContain('周招商');
    expect(s).toContain('王家灯饰');
    expect(s).not.toContain('张记五金');
    await t.say(OTHER_AGENT, '未走访客户');
    expect(JSON.stringify(last())).toContain('王家灯饰');
  });

  it('R-FV-1: a log for a rejected plan is refused', async () => {
    await t.click(
      AGENT,
      { a: 'fv.plan.save' },
      { formValue: planForm({ visit_date: '2026-11-23 +0800', purpose: '第二次' }) },
    );
    const [plan] = await q('SELECT id, approval_id FROM field_visit_plan ORDER BY id DESC LIMIT 1');
    await t.click(
      MGR2,
      { a: 'approval.decide', id: plan.approval_id, d: 'rejected', from: 'card' },
      { formValue: { comment: '本周不去' } },
    );
    await delivered();
    expect(JSON.stringify(lastCardTo(AGENT))).toContain('已驳回');
    const body = await t.click(AGENT, { a: 'fv.log.open', planId: plan.id });
    expect(body.toast.content).toContain('已被驳回');
    expect(Number((await q(`SELECT COUNT(*) AS n FROM visit_log WHERE plan_id = ${plan.id}`))[0].n)).toBe(0);
  });

  it('R-FV-2: a log after 10:00 of the next working day is stored but marked late (R-FORM-1)', async () => {
    clock.set('2026-11-23T02:00:00Z');
    await t.click(
      AGENT,
      { a: 'fv.plan.save' },
      {
        formValue: planForm({
          visit_date: '2026-11-24 +0800',
          clients: [String(ids.zhang)],
          places: '',
          purpose: '复访',
        }),
      },
    );
    const [plan] = await q('SELECT id, approval_id FROM field_visit_plan ORDER BY id DESC LIMIT 1');
    await t.click(MGR, { a: 'approval.decide', id: plan.approval_id, d: 'approved', from: 'card' });
    clock.set('2026-11-25T02:30:00Z'); // Wednesday 10:30 in Shanghai
    const body = await t.click(
      AGENT,
      { a: 'fv.log.save', planId: plan.id },
      { formValue: { [`outcome_${ids.zhang}`]: '签约意向', summary: '' } },
    );
    expect(body.toast.type).toBe('warning');
    const [log] = await q(`SELECT late FROM visit_log WHERE plan_id = ${plan.id}`);
    expect(Boolean(log.late)).toBe(true);
  });

  it('R-FV-2 / R-FORM-1: a late visit log joins the forms ledger and counts as late in the compliance totals and digests', async () => {
    const rows = await q(
      `SELECT f.kind, f.late, f.agent_open_id, f.ref_id, l.plan_id, l.late AS log_late FROM form_record f JOIN visit_log l ON l.id = f.ref_id WHERE f.kind = 'visit_log' ORDER BY f.id`,
    );
    expect(rows.length).toBe(2); // the on-time log and the late one
    for (const r of rows) {
      expect(r.agent_open_id).toBe(AGENT);
      expect(Boolean(r.late)).toBe(Boolean(r.log_late));
    }
    expect(rows.map((r) => Boolean(r.late))).toEqual([false, true]);
    const from = new Date('2026-11-22T16:00:00Z');
    const to = new Date('2026-11-29T16:00:00Z');
    const counts = await t.app.uow.run((tx) => t.app.services.forms.compliance.counts(tx, { from, to }));
    expect(counts.find((c) => c.agentOpenId === AGENT)).toMatchObject({ filed: 2, late: 1 });
    const report = await t.app.uow.run((tx) =>
      tx.reports.activity({ from: '2026-11-23', to: '2026-11-29', fromAt: from, toAt: to }),
    );
    expect(report.agents.find((a) => a.agentOpenId === AGENT)).toMatchObject({ formsFiled: 2, formsLate: 1 });
  });
});

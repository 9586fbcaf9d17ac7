import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const MGR = 'ou_e2e_fb_mgr';
const DESK = 'ou_e2e_fb_desk';
const A = 'ou_e2e_fb_a';

/** Shanghai wall-clock time as an instant. */
const at = (date: string, h: number, m = 0) =>
  new Date(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`);

/** R-FB-1 through the webhook: logged by the front desk → the agent with a due date → on the plan, overdue → closed. */
describe('tenant feedback', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-12-14', 10)); // Monday

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [MGR]: { name: '王经理', roles: ['manager'] },
        [DESK]: { name: '孙前台', roles: ['front_desk'] },
        [A]: { name: '张三', roles: ['agent'] },
      },
    });
    await t.app.uow.run((tx) =>
      tx.clients.create(
        {
          name: '老王五金',
          shopName: null,
          contactPerson: null,
          phone: '13800007777',
          category: null,
          clientType: 'merchant',
          source: 'walk_in',
          grade: 'A',
          owner: { kind: 'agent', openId: A },
        },
        clock.now(),
      ),
    );
  });
  afterAll(async () => t?.close());

  const count = async (sql: string) => Number((await t.app.ds.query(sql))[0].n);
  const cardWith = (to: string, marker: string) =>
    JSON.stringify(
      t.lark
        .cardsTo(to)
        .filter((c) => JSON.stringify(c).includes(marker))
        .at(-1) ?? null,
    );
  const planAt = async (when: Date) => {
    clock.set(when);
    await t.app.services.jobs.scheduler.tick();
    await t.delivered();
    return cardWith(MGR, '工作计划');
  };

  it('R-FB-1: anyone (here the front desk) opens the quick form with 反馈 <client>', async () => {
    await t.say(DESK, '反馈 老王五金');
    await t.delivered();
    const card = JSON.stringify(t.lark.messages.at(-1)!.current);
    expect(card).toContain('登记客户反馈');
    expect(card).toContain('feedback.submit');
    expect(card).toContain('老王五金');
  });

  it('R-FB-1: a form without content comes back with the error; nothing is logged', async () => {
    const id = Number((await t.app.ds.query(`SELECT id FROM client WHERE phone = '13800007777'`))[0].id);
    const body = await t.click(DESK, { a: 'feedback.submit', clientId: id }, { formValue: { fb_kind: 'complaint' } });
    expect(body.toast.type).toBe('error');
    expect(JSON.stringify(body.card.data)).toContain('请填写客户反馈的内容');
    expect(await count('SELECT COUNT(*) AS n FROM tenant_feedback')).toBe(0);
  });

  it("R-FB-1: a logged complaint goes to the client's agent with a due date three working days ahead", async () => {
    const id = Number((await t.app.ds.query(`SELECT id FROM client WHERE phone = '13800007777'`))[0].id);
    const body = await t.click(
      DESK,
      { a: 'feedback.submit', clientId: id },
      { formValue: { fb_kind: 'complaint', fb_content: '店铺空调不制冷，<b>已经三天</b>' } },
    );
    expect(body.toast.type).toBe('success');
    await t.delivered();
    const card = cardWith(A, '待处理的客户投诉');
    expect(card).toContain('店铺空调不制冷');
    expect(card).toContain('处理期限：2026-12-17');
    expect(card).toContain('feedback.close');
    expect(card).not.toContain('<b>');
  });

  it('R-FB-1: open feedback is on the manager’s 18:00 plan, overdue once its due date passed', async () => {
    const first = await planAt(at('2026-12-14', 18));
    expect(first).toContain('客户反馈：老王五金');
    expect(first).not.toContain('【逾期】客户反馈');
    const late = await planAt(at('2026-12-17', 18));
    expect(late).toContain('【逾期】客户反馈：老王五金（2026-12-17）');
  });

  it('R-FB-1: another agent cannot close it; the owner closes it with what was done and the logger is told', async () => {
    const id = Number((await t.app.ds.query(`SELECT id FROM tenant_feedback`))[0].id);
    const refused = await t.click(DESK, { a: 'feedback.close', id }, { formValue: { fb_resolution: 'x' } });
    expect(refused.toast.type).toBe('error');
    const ok = await t.click(A, { a: 'feedback.close', id }, { formValue: { fb_resolution: '已联系物业更换压缩机' } });
    expect(ok.toast.type).toBe('success');
    expect(JSON.stringify(ok.card.data)).toContain('已联系物业更换压缩机');
    await t.delivered();
    expect(cardWith(DESK, '客户反馈已处理')).toContain('已联系物业更换压缩机');
    const row = (await t.app.ds.query(`SELECT status, closed_by FROM tenant_feedback`))[0];
    expect(row).toMatchObject({ status: 'closed', closed_by: A });
    const next = await planAt(at('2026-12-18', 18));
    expect(next).not.toContain('客户反馈：老王五金');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const MGR = 'ou_e2e_rev_mgr';
const DESK = 'ou_e2e_rev_desk';
const A = 'ou_e2e_rev_a';
const LEGAL = 'ou_e2e_rev_legal';
const FIN = 'ou_e2e_rev_fin';

const form = (rent: string) => ({
  contract_no: 'HT-REV-1',
  client: '13800009999',
  signed_date: '2026-12-14',
  unit: 'A-101',
  area: '120',
  rent,
});

/** R-CON-4 through the webhook: entered → returned by finance → re-submitted → passed by both → counted. */
describe('contract review by legal and finance', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-14T02:00:00Z'); // Monday 10:00 in Shanghai

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [MGR]: { name: '王经理', roles: ['manager'] },
        [DESK]: { name: '孙前台', roles: ['front_desk'] },
        [A]: { name: '张三', roles: ['agent'] },
        [LEGAL]: { name: '刘法务', roles: ['legal'] },
        [FIN]: { name: '钱财务', roles: ['finance'] },
      },
    });
    await t.app.uow.run((tx) =>
      tx.clients.create(
        {
          name: '老王五金',
          shopName: null,
          contactPerson: null,
          phone: '13800009999',
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
  const pending = async (role: string) =>
    Number(
      (
        await t.app.ds.query(
          `SELECT id FROM approval WHERE kind = 'contract_review' AND status = 'pending' AND approver_role = '${role}'`,
        )
      )[0].id,
    );
  const lastCard = (to: string) => JSON.stringify(t.lark.cardsTo(to).at(-1));
  /** The newest card to `to` whose text contains `marker` (other notices may arrive after it). */
  const cardWith = (to: string, marker: string) =>
    JSON.stringify(
      t.lark
        .cardsTo(to)
        .filter((c) => JSON.stringify(c).includes(marker))
        .at(-1) ?? null,
    );
  const performance = async () => {
    await t.say(A, '业绩');
    return JSON.stringify(t.lark.messages.at(-1)!.current);
  };

  it('R-CON-4: the front desk enters a contract; legal and finance each get a card with its terms; nothing is signed', async () => {
    const body = await t.click(DESK, { a: 'form.signed.submit' }, { formValue: form('30000') });
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('已提交法务、财务审核');
    await t.delivered();
    for (const who of [LEGAL, FIN]) {
      const c = lastCard(who);
      expect(c).toContain('approval.decide');
      expect(c).toContain('HT-REV-1');
      expect(c).toContain('A-101');
      expect(c).toContain('30,000');
    }
    expect(await count('SELECT COUNT(*) AS n FROM signed_contract')).toBe(0);
    const client = (await t.app.ds.query(`SELECT state FROM client WHERE phone = '13800009999'`))[0];
    expect(client.state).not.toBe('signed');
  });

  it('R-CON-4: a contract under review is not counted in 业绩 (R-TGT-3)', async () => {
    const card = await performance();
    expect(card).toContain('已签 0 份');
    expect(card).not.toContain('已签 1 份');
  });

  it('R-CON-4: the same contract number cannot be entered twice while under review', async () => {
    const body = await t.click(DESK, { a: 'form.signed.submit' }, { formValue: form('30000') });
    expect(body.toast.type).toBe('error');
    expect(JSON.stringify(body.card.data)).toContain('正在审核中');
    expect(await count(`SELECT COUNT(*) AS n FROM approval WHERE kind = 'contract_review'`)).toBe(2);
  });

  it('R-CON-4: legal approves, finance returns with a comment: not counted; agent and front desk get the comment', async () => {
    const ok = await t.click(LEGAL, { a: 'approval.decide', id: await pending('legal'), d: 'approved' });
    expect(ok.toast.type).toBe('success');
    expect(await count('SELECT COUNT(*) AS n FROM signed_contract')).toBe(0);
    // An agent is not a reviewer.
    const refused = await t.click(A, { a: 'approval.decide', id: await pending('finance'), d: 'approved' });
    expect(refused.toast.content).toContain('财务');
    const back = await t.click(
      FIN,
      { a: 'approval.decide', id: await pending('finance'), d: 'rejected' },
      { formValue: { comment: '月租低于标准租金，需经理说明' } },
    );
    expect(back.toast.type).toBe('success');
    await t.delivered();
    expect(await count('SELECT COUNT(*) AS n FROM signed_contract')).toBe(0);
    expect((await t.app.ds.query(`SELECT status FROM contract_review`))[0].status).toBe('returned');
    for (const who of [A, DESK]) {
      const c = cardWith(who, '合同审核被退回');
      expect(c).toContain('月租低于标准租金，需经理说明');
      expect(c).toContain('钱财务');
    }
    expect(cardWith(DESK, '合同审核被退回')).toContain('review.resubmit');
    expect(cardWith(A, '合同审核被退回')).not.toContain('review.resubmit');
    expect(await performance()).toContain('已签 0 份');
  });

  it('R-CON-4: 重新提交 brings the form back filled in; the corrected contract starts round 2 for both reviewers', async () => {
    const id = Number((await t.app.ds.query(`SELECT id FROM contract_review`))[0].id);
    const opened = await t.click(DESK, { a: 'review.resubmit', id });
    const formCard = JSON.stringify(opened.card.data);
    expect(formCard).toContain('"default_value":"HT-REV-1"');
    expect(formCard).toContain('form.signed.submit');
    const body = await t.click(DESK, { a: 'form.signed.submit' }, { formValue: form('32000') });
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('第 2 轮');
    await t.delivered();
    expect(lastCard(LEGAL)).toContain('32,000');
    expect(lastCard(FIN)).toContain('32,000');
    expect(
      await count(`SELECT COUNT(*) AS n FROM approval WHERE kind = 'contract_review' AND status = 'pending'`),
    ).toBe(2);
  });

  it('R-CON-4: only after both approve is the contract recorded as signed and counted', async () => {
    await t.click(FIN, { a: 'approval.decide', id: await pending('finance'), d: 'approved' });
    expect(await count('SELECT COUNT(*) AS n FROM signed_contract')).toBe(0);
    expect(await performance()).toContain('已签 0 份');
    await t.click(LEGAL, { a: 'approval.decide', id: await pending('legal'), d: 'approved' });
    await t.delivered();
    const rows = await t.app.ds.query(`SELECT contract_no, agent_open_id, monthly_rent FROM signed_contract`);
    expect(rows).toHaveLength(1);
    expect(rows[0].contract_no).toBe('HT-REV-1');
    expect(rows[0].agent_open_id).toBe(A);
    expect(Number(rows[0].monthly_rent)).toBe(32000);
    const client = (await t.app.ds.query(`SELECT state FROM client WHERE phone = '13800009999'`))[0];
    expect(client.state).toBe('signed');
    expect(cardWith(DESK, '合同审核通过')).toContain('HT-REV-1');
    expect(cardWith(A, '合同审核通过')).toContain('登记为已签约，计入业绩');
    expect(await performance()).toContain('已签 1 份');
  });
  it('R-CON-4: legal and finance approving at the same instant record the contract exactly once', async () => {
    const body = await t.click(
      DESK,
      { a: 'form.signed.submit' },
      { formValue: { ...form('28000'), contract_no: 'HT-REV-2' } },
    );
    expect(body.toast.type).toBe('success');
    const [legal, fin] = [await pending('legal'), await pending('finance')];
    const answers = await Promise.all([
      t.click(LEGAL, { a: 'approval.decide', id: legal, d: 'approved' }),
      t.click(FIN, { a: 'approval.decide', id: fin, d: 'approved' }),
    ]);
    expect(answers.map((a) => a.toast.type)).toEqual(['success', 'success']);
    await t.delivered();
    expect(await count(`SELECT COUNT(*) AS n FROM signed_contract WHERE contract_no = 'HT-REV-2'`)).toBe(1);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'contract.review_passed' AND after_json LIKE '%HT-REV-2%'`,
      ),
    ).toBe(1);
    expect((await t.app.ds.query(`SELECT status FROM contract_review WHERE contract_no = 'HT-REV-2'`))[0].status).toBe(
      'signed',
    );
  });
});

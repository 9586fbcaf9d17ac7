import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { signed } from '../../domain/targets/seed.js';

const MGR = 'ou_e2e_tgt_mgr';
const LEADER = 'ou_e2e_tgt_leader';
const DESK = 'ou_e2e_tgt_desk';
const A = 'ou_e2e_tgt_a';
const B = 'ou_e2e_tgt_b';

/** The targets story: a target proposed by card, approved by a leader, completed by signings, exported. */
describe('targets end to end: proposal → approval → completion → export', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-14T02:00:00Z'); // Monday 10:00 in Shanghai

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [MGR]: { name: '王经理', roles: ['manager'] },
        [LEADER]: { name: '赵总', roles: ['leader'] },
        [DESK]: { name: '孙前台', roles: ['front_desk'] },
        [A]: { name: '张三', roles: ['agent'] },
        [B]: { name: '李四', roles: ['agent'] },
      },
    });
  });
  afterAll(async () => t?.close());

  const last = () => t.lark.messages.at(-1)!;
  const lastText = () => (last().current as { text?: string }).text ?? '';
  const count = async (sql: string) => Number((await t.app.ds.query(sql))[0].n);

  it('R-TGT-1: the manager opens the target form: one line per agent', async () => {
    await t.say(MGR, '设定目标 2026-12');
    const card = JSON.stringify(last().current);
    expect(last().msgType).toBe('interactive');
    expect(card).toContain('设定业绩目标');
    expect(card).toContain(`split_${A}`);
    expect(card).toContain(`split_${B}`);
    expect(card).toContain('2026-12');
  });

  it('R-TGT-2: a split that does not add up comes back filled in with the error; nothing saved', async () => {
    const body = await t.click(
      MGR,
      { a: 'targets.propose' },
      {
        formValue: { period: '2026-12', contracts: '10', area: '', rent: '', [`split_${A}`]: '6', [`split_${B}`]: '3' },
      },
    );
    expect(body.toast.type).toBe('error');
    const card = JSON.stringify(body.card.data);
    expect(card).toContain('分解合计 9 份，与部门目标 10 份不一致');
    expect(card).toContain('"default_value":"6"');
    expect(await count('SELECT COUNT(*) AS n FROM target')).toBe(0);
  });

  it('R-TGT-1: a valid proposal goes to the leader for approval', async () => {
    const body = await t.click(
      MGR,
      { a: 'targets.propose' },
      {
        formValue: { period: '2026-12', contracts: '10', area: '', rent: '', [`split_${A}`]: '6', [`split_${B}`]: '4' },
      },
    );
    expect(body.toast.type).toBe('success');
    expect(JSON.stringify(body.card.data)).toContain('目标已提交审批');
    const leaderCard = JSON.stringify(t.lark.cardsTo(LEADER).at(-1));
    expect(leaderCard).toContain('业绩目标');
    expect(leaderCard).toContain('张三 6');
    expect(leaderCard).toContain('approval.decide');
  });

  it('R-TGT-1: an agent cannot approve; the leader approves and the target is recorded with who and when', async () => {
    const approvalId = Number((await t.app.ds.query(`SELECT id FROM approval WHERE kind = 'target'`))[0].id);
    const refused = await t.click(A, { a: 'approval.decide', id: approvalId, d: 'approved' });
    expect(refused.toast.content).toContain('上级领导');
    clock.advance(5 * 60_000);
    const ok = await t.click(LEADER, { a: 'approval.decide', id: approvalId, d: 'approved' });
    expect(ok.toast.type).toBe('success');
    const row = (await t.app.ds.query(`SELECT status, decided_by, decided_at FROM target`))[0];
    expect(row.status).toBe('approved');
    expect(row.decided_by).toBe(LEADER);
    expect(
      new Date(
        row.decided_at instanceof Date ? row.decided_at : `${String(row.decided_at).replace(' ', 'T')}Z`,
      ).toISOString(),
    ).toBe(clock.now().toISOString());
  });

  it('R-TGT-3: signings count by signing date; an agent sees their own figures with a chart', async () => {
    await t.app.uow.run(async (tx) => {
      await signed(tx, { agent: A, date: '2026-12-02', rent: 10000, no: 'HT-E2E-1' });
      await signed(tx, { agent: A, date: '2026-12-09', rent: 10000 });
      await signed(tx, { agent: A, date: '2026-12-11', rent: 10000 });
      await signed(tx, { agent: A, date: '2026-12-12', rent: 10000 });
      await signed(tx, { agent: A, date: '2026-12-13', rent: 10000 });
      await signed(tx, { agent: B, date: '2026-12-03', rent: 8000 });
      await signed(tx, { agent: null, date: '2026-12-04', rent: 20000 });
    });
    await t.say(A, '业绩');
    const card = last().current as any;
    const s = JSON.stringify(card);
    expect(card.header.title.content).toBe('我的业绩 · 2026年12月');
    expect(s).toContain('目标 6 份，已签 5 份，完成率 83.33%');
    // 83.33 % → the 70–90 % tier: 1.2 × 10000 × 5 = 60000, 80 % at signing
    expect(s).toContain('提成 60,000.00 元');
    expect(s).toContain('签约时发放 48,000.00 元');
    expect(s).not.toContain('李四');
    const chart = card.body.elements.find((e: any) => e.tag === 'chart');
    expect(chart.chart_spec.type).toBe('bar');
    expect(chart.chart_spec.data[0].values).toEqual([
      { agent: '张三', type: '目标', value: 6 },
      { agent: '张三', type: '已签', value: 5 },
    ]);
  });

  it('R-TGT-4: the front desk records an opening; the agent sees that part as due', async () => {
    await t.say(DESK, '开业 HT-E2E-1 2026-12-12');
    // 1.2 × 10000 = 12000; 20 % at opening
    expect(lastText()).toBe('已登记合同 HT-E2E-1 于 2026-12-12 开业（招商员 张三）。开业部分提成 2,400.00 元可发放。');
    await t.say(DESK, '开业 HT-E2E-1');
    expect(lastText()).toContain('已登记过');
    await t.say(DESK, '开业');
    expect(lastText()).toContain('请发送“开业 合同编号');
    await t.say(A, '业绩');
    expect(JSON.stringify(last().current)).toContain('开业后发放 12,000.00 元（已开业 2,400.00 元）');
  });

  it("R-TGT-4: an agent asking for everyone's figures gets a clear refusal", async () => {
    await t.say(A, '业绩 全部');
    expect(lastText()).toContain('招商员只能查看自己的业绩');
  });

  it('R-TGT-4: the manager sees everyone, the public pool counted for the department', async () => {
    await t.say(MGR, '业绩');
    const card = last().current as any;
    const s = JSON.stringify(card);
    expect(s).toContain('目标 10 份，已签 7 份（含公共业绩 1 份），完成率 70.00%');
    const tableEl = card.body.elements.find((e: any) => e.tag === 'table');
    expect(tableEl.rows.map((r: any) => [r.agent, r.target, r.signed, r.rate])).toEqual([
      ['张三', 6, 5, '83.33%'],
      ['李四', 4, 1, '25.00%'],
    ]);
    const chart = card.body.elements.find((e: any) => e.tag === 'chart');
    expect(chart.chart_spec.data[0].values).toHaveLength(4);
  });

  it("R-TGT-4: a manager names one agent — by name or by @-mention — and sees only that agent's figures", async () => {
    await t.say(MGR, '业绩 李四 2026-12');
    let card = last().current as any;
    expect(card.header.title.content).toBe('李四的业绩 · 2026年12月');
    expect(JSON.stringify(card)).toContain('目标 4 份，已签 1 份，完成率 25.00%');
    expect(JSON.stringify(card)).not.toContain('张三');
    await t.say(LEADER, '@_user_1 业绩', { mentions: [{ openId: A, name: '张三' }] });
    card = last().current as any;
    expect(card.header.title.content).toBe('张三的业绩 · 2026年12月');
    expect(JSON.stringify(card)).toContain('目标 6 份，已签 5 份，完成率 83.33%');
    // Mentioning the bot (in the group) or someone outside the department names nobody: everyone's figures.
    await t.say(MGR, '@_user_1 业绩', {
      chatType: 'group',
      chatId: 'oc_e2e_dept',
      mentions: [{ openId: t.lark.botOpenId, name: '招商助手' }],
    });
    expect((last().current as any).header.title.content).toBe('业绩 · 2026年12月');
    await t.say(MGR, '@_user_1 业绩', { mentions: [{ openId: 'ou_e2e_tgt_visitor', name: '访客' }] });
    expect((last().current as any).header.title.content).toBe('业绩 · 2026年12月');
  });

  it('R-TGT-4: an agent naming a colleague is refused; a word that is neither a period nor a name says what to write', async () => {
    const before = t.lark.messages.length;
    await t.say(A, '业绩 李四');
    expect(lastText()).toContain('招商员只能查看自己的业绩');
    expect(JSON.stringify(t.lark.messages.slice(before))).not.toContain('25.00%');
    await t.say(A, '业绩 张三');
    expect((last().current as any).header.title.content).toBe('我的业绩 · 2026年12月');
    await t.say(MGR, '业绩 王五');
    expect(lastText()).toBe(
      '“王五”既不是期间，也不是部门成员的姓名。请这样发：业绩、业绩 全部 上月、业绩 同事姓名 2026-Q4（也可以 @ 这位同事）。',
    );
    await t.say(MGR, '业绩 李四 2026-13');
    expect(lastText()).toContain('“2026-13”不是有效的期间');
  });

  it('R-TGT-3: the front desk exports the signed contracts: uploaded and sent back as a file', async () => {
    const before = t.lark.calls.filter((c) => c.path === '/open-apis/im/v1/files').length;
    await t.say(DESK, '导出 已签合同 2026-12');
    expect(t.lark.calls.filter((c) => c.path === '/open-apis/im/v1/files')).toHaveLength(before + 1);
    const msg = last();
    expect(msg.msgType).toBe('file');
    expect((msg.content as { file_key: string }).file_key).toMatch(/^file_fake_/);
    expect(msg.replyTo).toBeTruthy();
  });

  it('R-TGT-3: an export card submit sends the file into the chat and says so', async () => {
    const body = await t.click(
      MGR,
      { a: 'targets.export' },
      { formValue: { kind: 'performance', from: '', to: '' }, chatId: `oc_p2p_${MGR}` },
    );
    expect(body.toast.type).toBe('success');
    expect(body.toast.content).toContain('业绩与提成表');
    expect(last().msgType).toBe('file');
    expect(last().receiveId).toBe(`oc_p2p_${MGR}`);
  });

  it('R-INFO-2: the export card offered in a group chat marks its button, so the file it sends masks phones', async () => {
    await t.say(MGR, '@_user_1 导出', {
      chatType: 'group',
      chatId: 'oc_e2e_dept',
      mentions: [{ openId: t.lark.botOpenId, name: '招商助手' }],
    });
    expect(JSON.stringify(last().current)).toContain('"a":"targets.export","g":1');
    await t.say(MGR, '导出');
    expect(JSON.stringify(last().current)).toContain('"a":"targets.export"}');
  });

  it('R-TGT-3: bad input — a period in the future, an agent asking to export: a clear message, nothing sent', async () => {
    const files = () => t.lark.calls.filter((c) => c.path === '/open-apis/im/v1/files').length;
    const before = files();
    await t.say(MGR, '导出 已签合同 2027-01');
    expect(lastText()).toContain('还没有到');
    await t.say(A, '导出 已签合同 2026-12');
    expect(lastText()).toContain('没有执行此操作的权限');
    expect(files()).toBe(before);
  });

  it('R-TGT-5: behind the working days by more than the margin → the manager is warned', async () => {
    // 12-14: 10 of 23 working days (43.47 %), 7/10 done (70 %) → on track, no warning.
    expect((await t.app.uow.run((tx) => t.app.services.targets.warnIfLagging(tx, '2026-12-14'))).warned).toEqual([]);
    // 12-29: 20 of 23 (86.95 %), 7/10 → 16.95 points behind → warned.
    const res = await t.app.uow.run((tx) => t.app.services.targets.warnIfLagging(tx, '2026-12-29'));
    expect(res.warned).toEqual([MGR]);
    await t.settle();
    const card = JSON.stringify(t.lark.cardsTo(MGR).at(-1));
    expect(card).toContain('业绩风险预警');
    expect(card).toContain('李四');
  });
});

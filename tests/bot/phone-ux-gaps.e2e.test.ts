import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weeklySummaryCard } from '../../src/bot/cards/digest-cards.js';
import { unescapeMd } from '../../src/bot/cards/safe-text.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const DESK = 'ou_uxg_desk';
const MGR = 'ou_uxg_mgr';
const LEADER = 'ou_uxg_leader';
const A1 = 'ou_uxg_agent1';
const A2 = 'ou_uxg_agent2';
const ADMIN = 'ou_uxg_admin';

/** The buttons' values on a card, in order, for one action. */
function buttonValues(card: unknown, a: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button') {
      const v = (o.behaviors as Array<{ value?: Record<string, unknown> }> | undefined)?.[0]?.value ?? {};
      if (v.a === a) out.push(v);
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** Phone-first: the weekly table as an export, the dispute client picker, spent buttons, rule IDs by role. */
describe('phone-first: the remaining gaps', () => {
  let t: TestApp;
  // Wednesday 2026-12-09, 10:00 in Shanghai.
  const NOW = '2026-12-09T02:00:00Z';
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      admins: [ADMIN],
      members: {
        [ADMIN]: { name: '王管理', roles: ['admin'] },
        [DESK]: { name: '前台小孙', roles: ['front_desk'] },
        [MGR]: { name: '钱经理', roles: ['manager'] },
        [LEADER]: { name: '赵总', roles: ['leader'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [A2]: { name: '周招商', roles: ['agent'] },
      },
    });
  });
  afterAll(async () => t?.close());

  const lastMsg = () => t.lark.messages.at(-1)!;
  const last = () => lastMsg().current as any;
  const text = (x: unknown) => unescapeMd(JSON.stringify(x));

  const register = async (who: string, name: string, phone: string) => {
    await t.say(who, '登记');
    const submit = buttonValues(last(), 'form.visitor.submit')[0]!;
    const res = await t.click(who, submit, {
      formValue: {
        name,
        contact: '王先生',
        phone,
        category: '五金',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'A',
      },
    });
    await t.delivered();
    return res;
  };

  async function workbook(): Promise<ExcelJS.Worksheet> {
    await t.delivered();
    const msg = lastMsg();
    expect(msg.msgType).toBe('file');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      t.lark.uploads.get((msg.content as { file_key: string }).file_key)!.bytes as unknown as ArrayBuffer,
    );
    return wb.worksheets[0]!;
  }
  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const width = ws.columnCount;
    const out: unknown[][] = [];
    for (let r = 1; r <= ws.rowCount; r++)
      out.push(Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value));
    return out;
  };

  describe('the weekly table as an export', () => {
    beforeAll(async () => {
      // Last week (Wednesday 12-02): 张招商 registers two clients, 周招商 one.
      clock.set(new Date('2026-12-02T03:00:00Z'));
      await register(A1, '老王五金', '13800009001');
      await register(A1, '陈记灯具', '13800009002');
      await register(A2, '华美家居', '13800009003');
      clock.set(new Date(NOW));
    });

    it('R-DIG-2: 导出 周报 sends the full per-agent weekly table as .xlsx, read back number by number', async () => {
      await t.say(MGR, '导出 周报');
      const ws = await workbook();
      const rows = rowsOf(ws);
      expect(rows[0]).toEqual([
        '招商员',
        '接待',
        '跳过',
        '登记',
        '回访 完成/逾期',
        '定金',
        '签约',
        '月目标',
        '月完成率',
        '表单 迟交/缺项/缺交/虚假',
      ]);
      const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
      expect(byName.get('张招商')![3]).toBe(2);
      expect(byName.get('周招商')![3]).toBe(1);
      // The department's row closes the table (it counts the pool's walk-ins and its own target).
      const dept = rows.at(-1)!;
      expect(dept[0]).toBe('部门合计');
      expect(dept[3]).toBe(3);
      expect(rows).toHaveLength(1 + 2 + 1);
      expect(ws.name).toBe('每周业绩汇总表');
    });

    it('R-DIG-2: the week is 上周 by default; 本周 and a day of the week pick another; a bad word is answered', async () => {
      await t.say(LEADER, '导出 周报 本周');
      const thisWeek = rowsOf(await workbook());
      expect(thisWeek.at(-1)![3]).toBe(0);
      await t.say(LEADER, '导出 周报 2026-12-03');
      expect(rowsOf(await workbook()).at(-1)![3]).toBe(3);
      // From the 导出 form: the start date names the week.
      const viaForm = await t.click(
        MGR,
        { a: 'targets.export' },
        { formValue: { kind: 'weekly', from: '2026-12-02', to: '2026-12-02' } },
      );
      expect(viaForm.toast.type).toBe('success');
      expect(rowsOf(await workbook()).at(-1)![3]).toBe(3);
      await t.say(MGR, '导出 周报 下下周');
      await t.delivered();
      expect(lastMsg().msgType).toBe('text');
      expect(JSON.stringify(lastMsg().content)).toContain('不是有效的周');
    });

    it('R-DIG-2: the front desk and agents are refused the weekly table; nothing is sent as a file', async () => {
      const files = () => t.lark.messages.filter((m) => m.msgType === 'file').length;
      const before = files();
      await t.say(DESK, '导出 周报');
      await t.delivered();
      expect(JSON.stringify(lastMsg().content)).toContain('只有招商部经理和上级领导可以导出');
      await t.say(A1, '导出 周报');
      await t.delivered();
      expect(files()).toBe(before);
    });

    it('R-DIG-2: the weekly summary card ends with 导出完整表格; pressed by the manager it sends that week’s table', async () => {
      const empty = { agents: [], pool: { walkIns: 0, signed: 0 } } as never;
      const card = weeklySummaryCard(
        {
          week: '2026-W49',
          from: '2026-11-30',
          to: '2026-12-06',
          monthTo: '2026-12-06',
          lastWeek: empty,
          monthToDate: empty,
          targets: { department: undefined, perAgent: {} },
          agents: [],
        },
        {},
      );
      const btn = buttonValues(card, 'targets.export')[0]!;
      expect(btn).toMatchObject({ kind: 'weekly', period: '2026-11-30' });
      const res = await t.click(MGR, btn);
      expect(res.toast.type).toBe('success');
      expect(rowsOf(await workbook()).at(-1)![3]).toBe(3);
      // An agent pressing it in the group is refused; the summary card is left as it is.
      const refused = await t.click(A1, btn);
      expect(refused.toast.type).not.toBe('success');
      expect(refused.card).toBeUndefined();
    });
  });

  describe('轮续记录: rule IDs only for managers', () => {
    it('R-AUD-2: a manager reads the rule ID of each step; agents and the front desk read the same step in words', async () => {
      await t.say(DESK, '轮续表');
      await t.click(DESK, { a: 'rotation.duty', agent: A2, on: false });
      await t.click(DESK, { a: 'rotation.duty', agent: A2, on: true });
      const details = async (who: string) => {
        await t.say(who, '轮续记录');
        const open = buttonValues(last(), 'ledger.page')[0]!;
        const res = await t.click(who, open);
        return text(res.card.data);
      };
      const mgr = await details(MGR);
      expect(mgr).toContain('R-ROT-2');
      for (const who of [A1, DESK]) {
        const s = await details(who);
        expect(s).not.toMatch(/R-[A-Z]+-\d/);
        expect(s).toContain('前台/经理调整轮续');
      }
    });
  });

  describe('归属申诉 with the client picker', () => {
    it('R-ATT-6: the agent searches, sees matches masked with whose they are (R-INFO-2), picks one, gives a reason', async () => {
      await register(A2, '鸿运建材', '13800009010');
      const disputes = async () => Number((await t.app.ds.query('SELECT COUNT(*) AS n FROM dispute'))[0].n);
      const before = await disputes();
      await t.say(A1, '归属申诉');
      const search = last();
      expect(search.header.title.content).toBe('归属申诉');
      const find = buttonValues(search, 'dispute.search')[0]!;
      // A phone prefix matches A1's own clients and 周招商's: only the one A1 could dispute is offered.
      const found = await t.click(A1, find, { formValue: { q: '138000090' } });
      const list = text(found.card.data);
      expect(list).toContain('鸿运建材');
      expect(list).toContain('周招商');
      expect(list).not.toContain('13800009010');
      expect(list).toContain('138****9010');
      // 周招商's two clients; none of A1's own (老王五金, 陈记灯具).
      expect(list).not.toContain('归属：张招商');
      expect(list).not.toContain('陈记灯具');
      const picks = buttonValues(found.card.data, 'dispute.pick');
      expect(picks).toHaveLength(2);
      const hongyun = Number((await t.app.ds.query(`SELECT id FROM client WHERE name = '鸿运建材'`))[0].id);
      const form = await t.click(A1, picks.find((p) => p.clientId === hongyun)!);
      expect(text(form.card.data)).toContain('现归属：周招商');
      const submit = buttonValues(form.card.data, 'dispute.form.submit')[0]!;
      expect(submit.clientId).toBe(hongyun);
      // No reason: the form comes back with the client still chosen; nothing is filed.
      const empty = await t.click(A1, submit, { formValue: { reason: '  ' } });
      expect(empty.toast.type).toBe('error');
      expect(text(empty.card.data)).toContain('请写下申诉理由');
      expect(text(empty.card.data)).toContain('鸿运建材');
      expect(await disputes()).toBe(before);
      const filed = await t.click(A1, submit, { formValue: { reason: '这位客户上周先找的我' } });
      expect(filed.toast.type).toBe('success');
      expect(buttonValues(filed.card.data, 'dispute.form.submit')).toHaveLength(0);
      const row = (await t.app.ds.query('SELECT claimant, client_id FROM dispute ORDER BY id DESC'))[0];
      expect(row.claimant).toBe(A1);
      expect(Number(row.client_id)).toBe(hongyun);
      expect(await disputes()).toBe(before + 1);
    });

    it('R-ATT-6: a search that finds only one’s own clients says so, and offers nothing to pick', async () => {
      await t.say(A1, '申诉');
      const res = await t.click(A1, buttonValues(last(), 'dispute.search')[0]!, { formValue: { q: '老王五金' } });
      expect(buttonValues(res.card.data, 'dispute.pick')).toHaveLength(0);
      expect(text(res.card.data)).toContain('你自己的客户无需申诉');
    });
  });

  describe('完成: the tapped list loses the spent buttons', () => {
    const doneIds = (card: unknown) => buttonValues(card, 'revisit.done').map((v) => v.revisitId);
    const revisitOf = async (client: string) =>
      Number(
        (
          await t.app.ds.query(
            `SELECT r.id FROM revisit r JOIN client c ON c.id = r.client_id WHERE c.name = '${client}' ORDER BY r.id DESC`,
          )
        )[0].id,
      );

    it('R-REV-2: after 完成 the 回访 list and the morning reminder it was pressed on are redrawn without that revisit', async () => {
      await register(A1, '金鼎陶瓷', '13800009011');
      for (const c of ['老王五金', '陈记灯具', '金鼎陶瓷']) {
        await t.say(A1, `回访 ${c} 2026-12-09 看铺位`);
        await t.delivered();
      }
      const [wang, chen, jin] = [await revisitOf('老王五金'), await revisitOf('陈记灯具'), await revisitOf('金鼎陶瓷')];
      // The morning reminder, as the job sends it.
      await t.say(ADMIN, '立即运行 回访提醒');
      await t.delivered();
      const reminder = t.lark
        .messagesTo(A1)
        .filter((m) => text(m.current).includes('回访提醒'))
        .at(-1)!;
      expect(doneIds(reminder.current)).toEqual(expect.arrayContaining([wang, chen, jin]));

      // From the 回访 list.
      await t.say(A1, '回访');
      const list = lastMsg();
      expect(doneIds(list.current)).toEqual(expect.arrayContaining([wang, chen, jin]));
      const press = buttonValues(list.current, 'revisit.done').find((v) => v.revisitId === wang)!;
      await t.click(A1, press, { messageId: list.messageId });
      await t.delivered();
      const submit = buttonValues(last(), 'revisit.done.submit')[0]!;
      const done = await t.click(A1, submit, { formValue: { outcome_note: '看了铺位，下周报价' } });
      expect(done.toast.type).toBe('success');
      expect(buttonValues(done.card.data, 'revisit.done')).toHaveLength(0);
      await t.delivered();
      const listNow = t.lark.messages.find((m) => m.messageId === list.messageId)!.current;
      expect(doneIds(listNow)).not.toContain(wang);
      expect(doneIds(listNow)).toEqual(expect.arrayContaining([chen, jin]));

      // From the reminder.
      const pressR = buttonValues(reminder.current, 'revisit.done').find((v) => v.revisitId === chen)!;
      await t.click(A1, pressR, { messageId: reminder.messageId });
      await t.delivered();
      const submitR = buttonValues(last(), 'revisit.done.submit')[0]!;
      expect((await t.click(A1, submitR, { formValue: { outcome_note: '已电话沟通' } })).toast.type).toBe('success');
      await t.delivered();
      const reminderNow = t.lark.messages.find((m) => m.messageId === reminder.messageId)!.current;
      expect(doneIds(reminderNow)).toEqual([jin]);
      expect(text(reminderNow)).toContain('回访提醒');
    });

    it('R-REV-2: 完成 on the agent’s plan for tomorrow (sent when the manager confirms) redraws that plan without it', async () => {
      await t.say(A1, '回访 老王五金 2026-12-10 报价');
      await t.delivered();
      const wang2 = await revisitOf('老王五金');
      await t.say(ADMIN, '立即运行 明日计划');
      await t.delivered();
      const managerPlan = t.lark
        .cardsTo(MGR)
        .filter((c) => buttonValues(c, 'jobs.plan.confirm').length > 0)
        .at(-1)!;
      expect((await t.click(MGR, buttonValues(managerPlan, 'jobs.plan.confirm')[0]!)).toast.type).toBe('success');
      await t.delivered();
      const plan = t.lark
        .messagesTo(A1)
        .filter((m) => buttonValues(m.current, 'revisit.done').some((v) => v.src === 'plan'))
        .at(-1)!;
      expect(doneIds(plan.current)).toContain(wang2);
      const press = buttonValues(plan.current, 'revisit.done').find((v) => v.revisitId === wang2)!;
      await t.click(A1, press, { messageId: plan.messageId });
      await t.delivered();
      const submit = buttonValues(last(), 'revisit.done.submit')[0]!;
      expect((await t.click(A1, submit, { formValue: { outcome_note: '已报价' } })).toast.type).toBe('success');
      await t.delivered();
      const planNow = t.lark.messages.find((m) => m.messageId === plan.messageId)!.current;
      expect(doneIds(planNow)).not.toContain(wang2);
    });
  });
});

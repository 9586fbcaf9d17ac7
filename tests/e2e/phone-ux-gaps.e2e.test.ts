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
      members: {
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
});

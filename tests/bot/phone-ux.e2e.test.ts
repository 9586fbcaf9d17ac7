import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMd } from '../../src/bot/cards/safe-text.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const DESK = 'ou_ux_desk';
const MGR = 'ou_ux_mgr';
const A1 = 'ou_ux_agent1';
const A2 = 'ou_ux_agent2';
const ADMIN = 'ou_ux_admin';

/** The buttons' values on a card, in order. */
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
const buttonsOf = (card: unknown): any[] => {
  const out: any[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if ((n as any).tag === 'button') out.push(n);
    Object.values(n as object).forEach(walk);
  };
  walk(card);
  return out;
};

/**
 * One story per role, on a phone: what each person types or taps on an ordinary Wednesday in December,
 * and the words they read back.
 */
describe('phone-first: a story per role', () => {
  let t: TestApp;
  // Wednesday 2026-12-09, 09:00 in Shanghai: 2027's holidays are not in the calendar yet.
  const clock = new ManualClock('2026-12-09T01:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      admins: [ADMIN],
      members: {
        [DESK]: { name: '前台小王', roles: ['front_desk'] },
        [MGR]: { name: '李经理', roles: ['manager'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [A2]: { name: '周招商', roles: ['agent'] },
        [ADMIN]: { name: '王管理', roles: ['admin'] },
      },
    });
  });
  afterAll(async () => t?.close());

  const last = () => t.lark.messages.at(-1)!.current as any;
  const text = (x: unknown) => unescapeMd(JSON.stringify(x));
  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;

  const register = async (who: string, name: string, phone: string) => {
    await t.say(who, '登记');
    const submit = buttonValues(last(), 'form.visitor.submit')[0]!;
    return t.click(who, submit, {
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
  };

  describe('front desk', () => {
    it('a near miss ("新客") gets 你是不是想说… with the closest buttons, one tap from the command', async () => {
      await t.say(DESK, '新客');
      const card = last();
      expect(card.header.title.content).toBe('你是不是想说…');
      expect(text(card)).toContain('没有“新客”这个指令');
      expect(buttonValues(card, 'menu.run').map((v) => v.cmd)).toEqual(['新客到访', '帮助']);
      // Nothing close at all still gets the whole menu.
      await t.say(DESK, '今天天气如何');
      expect(text(last())).toContain('没听懂');
    });

    it('R-ATT-1: the desk card names the walk-in by its arrival number, labelled, and says why in words (no rule IDs)', async () => {
      await t.say(DESK, '新客到访');
      const arrived = await t.click(
        DESK,
        { a: 'reception.arrive' },
        { formValue: { name: '张记五金', phone: '13812340001', card_agent: 'none', leader: 'no', note: '' } },
      );
      expect(arrived.toast.type).toBe('success');
      await t.delivered();
      const desk = t.lark.cardsTo(DESK).at(-1) as any;
      expect(desk.header.title.content).toBe('前台接待 · 到访号 1（尚未登记）');
      expect(text(desk)).toContain('首次自然到访 → 按轮续表轮到的招商员');
      expect(text(desk)).not.toMatch(/R-[A-Z]+-\d/);
    });

    it('R-ROT-2: the rotation card has one 调整 button per agent and says fairness in plain words', async () => {
      await t.say(DESK, '轮续表');
      const card = last();
      const adjust = buttonValues(card, 'rotation.adjust');
      expect(adjust).toHaveLength(2);
      expect(buttonValues(card, 'rotation.move')).toHaveLength(0);
      expect(text(card)).not.toContain('公平度（');
      expect(text(card)).toMatch(/今天(没跳过的人接待数一样多|接待最多和最少的人相差)/);
      const small = await t.click(DESK, adjust.find((v) => v.agent === A2)!);
      expect(small.card.data.header.title.content).toBe('调整 · 周招商');
      const off = buttonValues(small.card.data, 'rotation.duty')[0]!;
      expect(off).toMatchObject({ agent: A2, on: false });
      // Back to the rotation card after the change, the agent now on leave.
      const after = await t.click(DESK, off);
      expect(after.toast.type).toBe('success');
      expect(after.card.data.header.title.content).toContain('轮续表');
      const back = buttonValues(after.card.data, 'rotation.adjust').find((v) => v.agent === A2)!;
      const again = await t.click(DESK, back);
      await t.click(DESK, buttonValues(again.card.data, 'rotation.duty')[0]!);
    });

    it('R-INFO-2: a refused duplicate (撞单) shows a warning toast, not a green success', async () => {
      const first = await register(A1, '老王五金', '13900000001');
      expect(first.toast.type).toBe('success');
      const dup = await register(DESK, '王老板', '13900000001');
      expect(text(dup.card.data)).toContain('撞单');
      expect(dup.toast.type).toBe('warning');
      expect(Number((await q(`SELECT COUNT(*) AS n FROM client WHERE phone = '13900000001'`))[0].n)).toBe(1);
    });
  });

  describe('agent', () => {
    it('the revisit list is titled for what it is (我的回访), not 选择客户', async () => {
      await t.say(A1, '回访');
      expect(last().header.title.content).toBe('我的回访');
    });

    it("R-REV-1: a date typed wrong gets an example counted from today's date, itself acceptable", async () => {
      await t.say(A1, '回访 老王 下周');
      const reply = (last() as { text: string }).text;
      // Today is 2026-12-09: the example is a week ahead, never a stale fixed date.
      expect(reply).toContain('如 2026-12-16 或 12月16日');
      expect(reply).not.toContain('2026-11-25');
    });

    it('R-REV-2: 完成 asks for the outcome; the done card keeps the note and has no buttons left', async () => {
      await t.say(A1, '回访 老王 12月10日 谈租金');
      await t.say(A1, '回访');
      const done = buttonValues(last(), 'revisit.done')[0]!;
      await t.click(A1, done);
      const form = last();
      expect(form.header.title.content).toBe('回访完成');
      const submit = buttonValues(form, 'revisit.done.submit')[0]!;
      const saved = await t.click(A1, submit, { formValue: { outcome_note: '看了铺位，下周报价' } });
      expect(saved.toast.type).toBe('success');
      expect(text(saved.card.data)).toContain('结果：看了铺位，下周报价');
      expect(buttonsOf(saved.card.data)).toHaveLength(0);
      expect((await q(`SELECT outcome_note FROM revisit ORDER BY id DESC LIMIT 1`))[0].outcome_note).toBe(
        '看了铺位，下周报价',
      );
    });

    it('R-ATT-6: the 归属申诉 label typed opens the client search; a wrong name finds nothing; picked, it is filed', async () => {
      await register(A2, '周记灯具', '13900000002');
      await t.say(A1, '归属申诉');
      const form = last();
      expect(form.header.title.content).toBe('归属申诉');
      const search = buttonValues(form, 'dispute.search')[0]!;
      const wrong = await t.click(A1, search, { formValue: { q: '不存在的店' } });
      expect(text(wrong.card.data)).toContain('不存在的店');
      expect(buttonValues(wrong.card.data, 'dispute.pick')).toHaveLength(0);
      const found = await t.click(A1, search, { formValue: { q: '13900000002' } });
      const picked = await t.click(A1, buttonValues(found.card.data, 'dispute.pick')[0]!);
      const submit = buttonValues(picked.card.data, 'dispute.form.submit')[0]!;
      const filed = await t.click(A1, submit, { formValue: { reason: '上周是我接待的' } });
      expect(filed.toast.type).toBe('success');
      expect(buttonsOf(filed.card.data)).toHaveLength(0);
      // One client number: the dispute is titled by the client's registration number.
      const [c] = await q(`SELECT reg_no FROM client WHERE phone = '13900000002'`);
      expect(filed.card.data.header.title.content).toBe(`归属申诉 · 客户 ${c.reg_no}`);
    });
  });

  describe('manager', () => {
    it('a typed menu label runs what the button runs: "商户分档" is 分档', async () => {
      await t.say(MGR, '分档');
      const byCommand = JSON.stringify(last());
      await t.say(MGR, '商户分档');
      const byLabel = JSON.stringify(last());
      expect(byLabel).toBe(byCommand);
      expect(byLabel).not.toContain('没听懂');
      // With what follows the label too: "商户分档 周记" is "分档 周记".
      await t.say(MGR, '分档 周记');
      const withArgs = JSON.stringify(last());
      await t.say(MGR, '商户分档 周记');
      expect(JSON.stringify(last())).toBe(withArgs);
    });

    it('R-ATT-6: the ruling buttons ask for confirmation, and the manager sees the rule behind each step', async () => {
      await t.delivered();
      const card = t.lark.cardsTo(MGR).find((c) => JSON.stringify(c).includes('dispute.decide')) as any;
      const [c] = await q(`SELECT reg_no FROM client WHERE phone = '13900000002'`);
      expect(card.header.title.content).toBe(`归属申诉 · 客户 ${c.reg_no}`);
      const rulings = buttonsOf(card).filter((b) => b.behaviors[0].value.a === 'dispute.decide');
      expect(rulings).toHaveLength(3);
      for (const b of rulings) expect(b.confirm.text.content).toContain('不能撤回');
      // Each step carries its rule slot for the manager (an agent's own registration has no rule ID).
      expect(text(card)).toContain('招商员自行登记（招商员登记）');
    });

    it('R-AUD-2: the agent reads the same ownership record without rule IDs', async () => {
      const [c] = await q(`SELECT id FROM client WHERE phone = '13900000002'`);
      await t.say(A2, '查 周记灯具');
      let card = last();
      const detail = buttonValues(card, 'client.detail').find((v) => v.clientId === Number(c.id));
      if (detail) card = (await t.click(A2, detail)).card?.data ?? last();
      expect(text(card)).toContain('归属记录');
      expect(text(card)).toContain('招商员自行登记 → 周招商');
      expect(text(card)).not.toMatch(/R-[A-Z]+-\d/);
    });
  });

  describe('admin', () => {
    it('R-JOB-1: 定时任务 says its times in words ("每个工作日 18:00"), not cron', async () => {
      await t.say(ADMIN, '定时任务');
      const s = text(last());
      expect(s).toContain('每个工作日 18:00');
      expect(s).not.toContain('0 18 * * *');
    });

    it("working calendar (times on working days): 工作日历 warns in December that next year's holidays are missing", async () => {
      await t.say(ADMIN, '工作日历');
      const reply = (last() as { text: string }).text;
      expect(reply).toContain('还没有 2027 年的法定节假日');
    });
  });
});

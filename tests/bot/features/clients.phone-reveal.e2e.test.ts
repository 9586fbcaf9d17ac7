import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const DESK = 'ou_pr_desk';
const MGR = 'ou_pr_mgr';
const BOSS = 'ou_pr_leader';
const A1 = 'ou_pr_agent1';
const A2 = 'ou_pr_agent2';
const GROUP = 'oc_pr_dept';
const FULL = '13812345678';
const MASKED = '138****5678';

/** Every button value with action `a` in a card, in card order. */
function buttonValues(card: unknown, a: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'callback' && (o.value as { a?: string } | undefined)?.a === a)
      found.push(o.value as Record<string, unknown>);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return found;
}

/** R-INFO-2 through the real webhook: masked numbers, 查看电话 with its record, the front desk's day, exports. */
describe('R-INFO-2: phone numbers are revealed with a record', () => {
  let t: TestApp;
  let clock: ManualClock;
  let owner = '';
  let other = '';
  let clientId = 0;
  const q = (sql: string) => t.app.ds.query(sql) as Promise<any[]>;
  const last = () => t.lark.messages.at(-1)!.current as unknown;
  const text = (x: unknown) => unescapeMd(JSON.stringify(x));
  const group = () => ({
    chatType: 'group' as const,
    chatId: GROUP,
    mentions: [{ openId: t.lark.botOpenId, name: '招商助手' }],
  });
  const reveals = async () =>
    q(
      `SELECT actor, subject_type, subject_id, rule, at FROM audit_log WHERE action = 'client.phone_revealed' ORDER BY id`,
    );

  beforeAll(async () => {
    clock = new ManualClock('2026-12-04T01:00:00Z'); // Friday 09:00 in Shanghai
    t = await startTestApp({
      clock,
      members: {
        [DESK]: { name: '前台小陈', roles: ['front_desk'] },
        [MGR]: { name: '王五', roles: ['manager'] },
        [BOSS]: { name: '赵总', roles: ['leader'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [A2]: { name: '周招商', roles: ['agent'] },
      },
    });
  });
  afterAll(async () => t?.close());

  it('R-INFO-2: the front desk types a walk-in, an agent takes and registers it', async () => {
    const arrived = await t.click(
      DESK,
      { a: 'reception.arrive' },
      { formValue: { name: '张记五金', phone: '138-1234-5678', card_agent: 'none', leader: 'no', note: '' } },
    );
    expect(arrived.toast.type).toBe('success');
    await t.delivered();
    owner = [A1, A2].find((a) => t.lark.cardsTo(a).some((c) => JSON.stringify(c).includes('rotation.accept')))!;
    other = owner === A1 ? A2 : A1;
    const offer = t.lark.cardsTo(owner).at(-1)!;
    const accepted = await t.click(owner, buttonValues(offer, 'rotation.accept')[0]!);
    expect(accepted.toast.type).toBe('success');
    const opened = await t.click(owner, buttonValues(accepted.card.data, 'form.visitor.open')[0]!);
    const form = opened.card?.data ?? last();
    const done = await t.click(owner, buttonValues(form, 'form.visitor.submit')[0]!, {
      formValue: {
        name: '张记五金',
        contact: '张老板',
        phone: FULL,
        category: '五金',
        client_type: 'merchant',
        source: 'walk_in',
        grade: 'B',
      },
    });
    expect(done.toast.type).toBe('success');
    const [c] = await q(`SELECT id, owner_open_id FROM client WHERE phone = '${FULL}'`);
    expect(c.owner_open_id).toBe(owner);
    clientId = Number(c.id);
  });

  it('R-INFO-2: the front desk sees the number it typed on today’s arrival card; the owner sees it too', async () => {
    await t.say(DESK, '查 张记');
    expect(text(last())).toContain(FULL);
    expect(buttonValues(last(), 'client.phone.reveal')).toEqual([]);
    await t.say(owner, '查 张记');
    expect(text(last())).toContain(FULL);
    expect(buttonValues(last(), 'client.phone.reveal')).toEqual([]);
  });

  it('R-INFO-2: the manager sees the number masked in 查 and 详情, with a 查看电话 button', async () => {
    await t.say(MGR, '查 张记');
    const list = last();
    expect(text(list)).toContain(MASKED);
    expect(text(list)).not.toContain(FULL);
    expect(buttonValues(list, 'client.phone.reveal')).toHaveLength(1);
    const detail = await t.click(MGR, buttonValues(list, 'client.detail')[0]!);
    const card = detail.card.data;
    expect(text(card)).toContain(MASKED);
    expect(text(card)).not.toContain(FULL);
    expect(text(card)).toContain('查看电话');
    expect(buttonValues(card, 'client.phone.reveal')[0]).toMatchObject({ clientId, chat: `oc_p2p_${MGR}` });
    expect(text(card)).not.toContain('电话查看记录');
    expect(await reveals()).toEqual([]);
  });

  it('R-INFO-2: pressing 查看电话 in the private chat shows the number and records who, when and which client; 详情 lists it', async () => {
    clock.set(new Date('2026-12-04T02:12:00Z')); // 10:12 in Shanghai
    await t.say(MGR, '查 张记');
    const value = buttonValues(last(), 'client.phone.reveal')[0]!;
    const body = await t.click(MGR, value);
    expect(body.toast.type).toBe('success');
    expect(body.toast.content).toContain(FULL);
    expect(text(body.card.data)).toContain(FULL);
    expect(text(body.card.data)).toContain('经理 王五 于 12-04 10:12 查看了电话');
    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: MGR,
      subject_type: 'client',
      subject_id: String(clientId),
      rule: 'R-INFO-2',
    });
    expect(new Date(rows[0].at).toISOString()).toBe('2026-12-04T02:12:00.000Z');

    // The record: the owner and the manager read the reveal in 详情; the number is masked again for the manager.
    const again = await t.click(MGR, { a: 'client.detail', clientId });
    expect(text(again.card.data)).toContain('电话查看记录');
    expect(text(again.card.data)).toContain('经理 王五 于 12-04 10:12 查看了电话');
    expect(text(again.card.data)).toContain(MASKED);
    expect(text(again.card.data)).not.toContain(FULL);
    const ownView = await t.click(owner, { a: 'client.detail', clientId });
    expect(text(ownView.card.data)).toContain('经理 王五 于 12-04 10:12 查看了电话');
  });

  it('R-INFO-2: a leader reveals with a record too, named as 领导', async () => {
    await t.say(BOSS, '查 张记');
    expect(text(last())).toContain(MASKED);
    const body = await t.click(BOSS, buttonValues(last(), 'client.phone.reveal')[0]!);
    expect(body.toast.type).toBe('success');
    expect(text(body.card.data)).toContain(FULL);
    expect(text(body.card.data)).toContain('领导 赵总 于 12-04 10:12 查看了电话');
    expect(await reveals()).toHaveLength(2);
  });

  it('R-INFO-2: in a group chat the number stays masked, there is no button, and a pressed reveal is refused', async () => {
    const before = (await reveals()).length;
    await t.say(MGR, '@_user_1 查 张记', group());
    const list = last();
    expect(text(list)).toContain(MASKED);
    expect(text(list)).not.toContain(FULL);
    expect(buttonValues(list, 'client.phone.reveal')).toEqual([]);
    const detail = await t.click(MGR, buttonValues(list, 'client.detail')[0]!, { chatId: GROUP });
    expect(buttonValues(detail.card.data, 'client.phone.reveal')).toEqual([]);
    expect(text(detail.card.data)).not.toContain(FULL);

    // The private chat's button, pressed where the card was forwarded to the group.
    await t.say(MGR, '查 张记');
    const p2pValue = buttonValues(last(), 'client.phone.reveal')[0]!;
    const forwarded = await t.click(MGR, p2pValue, { chatId: GROUP });
    expect(forwarded.toast.type).toBe('warning');
    expect(forwarded.toast.content).toContain('群聊中不能查看电话');
    expect(JSON.stringify(forwarded)).not.toContain(FULL);
    // A value made by hand for the group, or a group list's flag.
    const forged = await t.click(
      MGR,
      { a: 'client.phone.reveal', clientId, chat: GROUP, k: 'x'.repeat(22) },
      { chatId: GROUP },
    );
    expect(forged.toast.type).toBe('warning');
    expect(forged.toast.content).toContain('不是在本私聊中为你生成的');
    expect(JSON.stringify(forged)).not.toContain(FULL);
    const flagged = await t.click(MGR, { ...p2pValue, g: 1 });
    expect(flagged.toast.type).toBe('warning');
    expect(flagged.toast.content).toContain('群聊中不能查看电话');
    expect(JSON.stringify(flagged)).not.toContain(FULL);
    expect(await reveals()).toHaveLength(before);
  });

  it('R-INFO-2: an agent who is not the owner never gets the button, and a forged reveal is refused', async () => {
    const before = (await reveals()).length;
    await t.say(other, '查 张记');
    expect(text(last())).toContain(MASKED);
    expect(text(last())).not.toContain(FULL);
    expect(buttonValues(last(), 'client.phone.reveal')).toEqual([]);
    const detail = await t.click(other, { a: 'client.detail', clientId });
    expect(buttonValues(detail.card.data, 'client.phone.reveal')).toEqual([]);
    expect(text(detail.card.data)).not.toContain('电话查看记录');

    await t.say(MGR, '查 张记');
    const managersButton = buttonValues(last(), 'client.phone.reveal')[0]!;
    for (const value of [
      managersButton,
      { ...managersButton, chat: `oc_p2p_${other}` },
      { a: 'client.phone.reveal', clientId },
    ]) {
      const body = await t.click(other, value);
      expect(body.toast.type).toBe('warning');
      expect(body.toast.content).toContain('没有执行此操作的权限');
      expect(JSON.stringify(body)).not.toContain(FULL);
    }
    // The manager's button, with the proof of another client, is refused too.
    const wrong = await t.click(MGR, { ...managersButton, clientId: clientId + 1 });
    expect(wrong.toast.type).toBe('warning');
    expect(wrong.toast.content).toContain('不是在本私聊中为你生成的');
    expect(await reveals()).toHaveLength(before);
  });

  it('R-INFO-2: on another day the front desk sees the number masked', async () => {
    clock.set(new Date('2026-12-05T01:00:00Z'));
    await t.say(DESK, '查 张记');
    expect(text(last())).toContain(MASKED);
    expect(text(last())).not.toContain(FULL);
    expect(buttonValues(last(), 'client.phone.reveal')).toEqual([]);
    const detail = await t.click(DESK, { a: 'client.detail', clientId });
    expect(text(detail.card.data)).toContain(MASKED);
    expect(text(detail.card.data)).not.toContain(FULL);
  });

  const lastUpload = async () => {
    const msg = t.lark.messages.at(-1)!;
    expect(msg.msgType).toBe('file');
    const key = (msg.content as { file_key: string }).file_key;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.lark.uploads.get(key)!.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const col = (ws.getRow(1).values as unknown[]).indexOf('电话');
    return { msg, phone: ws.getRow(2).getCell(col).value };
  };
  const exportsRecorded = async () =>
    q(`SELECT actor, subject_id, rule FROM audit_log WHERE action = 'export.full_phones' ORDER BY id`);

  it('R-INFO-2: an export sent to a group has masked numbers and is not a full-number export', async () => {
    await t.say(MGR, '@_user_1 导出 来访 本月', group());
    await t.delivered();
    const { msg, phone } = await lastUpload();
    expect(msg.receiveId).toBe(GROUP);
    expect(phone).toBe(MASKED);
    expect(await exportsRecorded()).toEqual([]);
  });

  it('R-INFO-2: the front desk’s export is masked; the manager’s private export has full numbers and is recorded', async () => {
    await t.say(DESK, '导出 来访 本月');
    await t.delivered();
    expect((await lastUpload()).phone).toBe(MASKED);
    await t.say(BOSS, '导出 回访 本月');
    await t.delivered();
    expect(await exportsRecorded()).toEqual([]);

    await t.say(MGR, '导出 来访 本月');
    await t.delivered();
    expect((await lastUpload()).phone).toBe(FULL);
    expect(await exportsRecorded()).toEqual([{ actor: MGR, subject_id: 'visitors', rule: 'R-INFO-2' }]);
  });
});

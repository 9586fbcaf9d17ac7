import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { cardActionEvent, messageEvent } from '../../helpers/lark-request.js';

const ADMIN = 'ou_e2e_unit_admin';
const MGR = 'ou_e2e_unit_mgr';
const DESK = 'ou_e2e_unit_desk';
const A = 'ou_e2e_unit_a';
const B = 'ou_e2e_unit_b';
const LEADER = 'ou_e2e_unit_leader';

async function sheet(
  rows: Array<Array<string | number>>,
  headers = ['楼栋', '楼层', '铺位号', '面积(㎡)', '标准租金(元/月)', '状态'],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('铺位');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** R-UNIT-1 … R-UNIT-3 through the webhook: import, reserve, lease, the map, renewals, exports. */
describe('units end to end', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-14T02:00:00Z'); // Monday 10:00 in Shanghai
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [ADMIN]: { name: '管理员', roles: ['admin'] },
        [MGR]: { name: '王经理', roles: ['manager'] },
        [DESK]: { name: '孙前台', roles: ['front_desk'] },
        [A]: { name: '张三', roles: ['agent'] },
        [B]: { name: '李四', roles: ['agent'] },
        [LEADER]: { name: '赵总', roles: ['leader'] },
      },
    });
    for (const [name, phone, owner] of [
      ['老王五金', '13800007001', A],
      ['陈记灯具', '13800007002', B],
    ] as const)
      await t.app.uow.run((tx) =>
        tx.clients.create(
          {
            name,
            shopName: null,
            contactPerson: null,
            phone,
            category: null,
            clientType: 'merchant',
            source: 'walk_in',
            grade: 'A',
            owner: { kind: 'agent', openId: owner },
          },
          clock.now(),
        ),
      );
  });
  afterAll(async () => t?.close());

  const last = () => t.lark.messages.at(-1)!;
  const json = (x: unknown) => JSON.stringify(x);
  const count = async (sql: string) => Number((await t.app.ds.query(sql))[0].n);
  const clientId = async (phone: string) =>
    Number((await t.app.ds.query(`SELECT id FROM client WHERE phone = '${phone}'`))[0].id);

  /** The admin sends the bot a file message; the stand-in serves its bytes to the download. */
  async function sendFile(from: string, name: string, bytes: Buffer) {
    const messageId = `om_in_file_${++seq}`;
    const fileKey = `file_v3_in_${seq}`;
    t.lark.registerMessageFile(messageId, fileKey, bytes);
    const ev = messageEvent(from, '', { messageId, messageType: 'file' });
    (ev.event.message as { content: string }).content = JSON.stringify({ file_key: fileKey, file_name: name });
    await t.post(ev);
    await t.settle();
    await t.delivered();
  }

  it('R-UNIT-1: 铺位导入 offers the template for download as a file', async () => {
    await t.say(ADMIN, '铺位导入');
    expect(json(last().current)).toContain('unit.template');
    const body = await t.click(ADMIN, { a: 'unit.template' });
    expect(body.toast.type).toBe('success');
    await t.delivered();
    const msg = last();
    expect(msg.msgType).toBe('file');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      t.lark.uploads.get((msg.content as { file_key: string }).file_key)!.bytes as unknown as ArrayBuffer,
    );
    expect(wb.worksheets[0]!.getRow(1).getCell(3).value).toBe('铺位号');
  });

  it('R-UNIT-1: an .xlsx with bad rows: each bad row named by its number, nothing imported', async () => {
    await sendFile(
      ADMIN,
      '铺位.xlsx',
      await sheet([
        ['A栋', '1F', '101', 120, 18000, '空置'],
        ['A栋', '1F', '102', '一百', 9000, ''],
        ['A栋', '1F', '', 80, 9000, ''],
        ['A栋', '1F', '101', 60, 7000, ''],
      ]),
    );
    const card = json(last().current);
    expect(card).toContain('铺位未导入');
    expect(card).toContain('第 3 行');
    expect(card).toContain('第 4 行');
    expect(card).toContain('第 5 行');
    expect(card).not.toContain('第 2 行：');
    expect(card).toContain('与第 2 行重复');
    expect(await count('SELECT COUNT(*) AS n FROM unit')).toBe(0);
  });

  it('R-UNIT-1: a good .xlsx is imported whole; a sheet from elsewhere or a non-xlsx file is refused', async () => {
    const rows: Array<Array<string | number>> = [];
    for (const floor of ['1F', '2F'])
      for (let i = 1; i <= 12; i++)
        rows.push(['A栋', floor, `${floor[0]}${String(i).padStart(2, '0')}`, 80 + i, 10000 + i * 100, '']);
    await sendFile(ADMIN, '铺位.xlsx', await sheet(rows));
    expect(json(last().current)).toContain('已导入 **24** 个铺位');
    expect(await count('SELECT COUNT(*) AS n FROM unit')).toBe(24);
    await sendFile(ADMIN, '别的表.xlsx', await sheet([['x']], ['名称', '电话']));
    expect(json(last().current)).toContain('第 1 行必须是模板的表头');
    await sendFile(ADMIN, '铺位.pdf', Buffer.from('%PDF'));
    expect(json(last().current)).toContain('.xlsx');
    // An agent's file is not an import.
    await sendFile(A, '铺位.xlsx', await sheet(rows));
    expect(await count('SELECT COUNT(*) AS n FROM unit')).toBe(24);
  });

  it('R-UNIT-1: 添加铺位 adds one unit in chat', async () => {
    await t.say(ADMIN, '添加铺位 B栋 1F 101 300 45000');
    expect(json(last().current)).toContain('B栋 1F 101');
    expect(await count(`SELECT COUNT(*) AS n FROM unit WHERE building = 'B栋'`)).toBe(1);
  });

  it('R-UNIT-1: the signing plan offers the free units; two agents reserving one unit at the same instant — one wins, the other is told', async () => {
    await t.say(A, '定金 老王五金');
    expect(json(last().current)).toContain('unit_pick');
    expect(json(last().current)).toContain('A栋 1F 101');
    const unitId = Number(
      (await t.app.ds.query(`SELECT id FROM unit WHERE number = '101' AND building = 'A栋'`))[0].id,
    );
    const fv = { deposit: '20000', paid_date: '2026-12-14', signing_date: '2026-12-20', unit_pick: String(unitId) };
    const [ra, rb] = await Promise.all([
      t.post(
        cardActionEvent(A, { a: 'form.signing.submit', clientId: await clientId('13800007001') }, { formValue: fv }),
      ),
      t.post(
        cardActionEvent(B, { a: 'form.signing.submit', clientId: await clientId('13800007002') }, { formValue: fv }),
      ),
    ]);
    await t.settle();
    const toasts = [ra.body.toast.type, rb.body.toast.type].sort();
    expect(toasts).toEqual(['error', 'success']);
    const loser = ra.body.toast.type === 'error' ? ra : rb;
    expect(json(loser.body.card.data)).toContain('已被其他客户预定或租用');
    const u = (await t.app.ds.query(`SELECT status, client_id FROM unit WHERE id = ${unitId}`))[0];
    expect(u.status).toBe('reserved');
    expect(await count('SELECT COUNT(*) AS n FROM signing_plan')).toBe(1);
  });

  it('R-UNIT-1: the signed contract leases the unit (已租) with start and end', async () => {
    const holderId = Number(
      (await t.app.ds.query(`SELECT client_id FROM unit WHERE building = 'A栋' AND number = '101'`))[0].client_id,
    );
    const phone = holderId === (await clientId('13800007001')) ? '13800007001' : '13800007002';
    const body = await t.click(
      DESK,
      { a: 'form.signed.submit' },
      {
        formValue: {
          contract_no: 'HT-UNIT-1',
          client: phone,
          signed_date: '2026-12-14',
          unit: 'A栋 1F 101',
          area: '81',
          rent: '10100',
        },
      },
    );
    expect(body.toast.type).toBe('success');
    const u = (await t.app.ds.query(`SELECT * FROM unit WHERE building = 'A栋' AND number = '101'`))[0];
    expect(u).toMatchObject({
      status: 'leased',
      contract_no: 'HT-UNIT-1',
      lease_start: '2026-12-14',
      lease_end: '2029-12-13',
    });
  });

  it('R-UNIT-2: the monthly report carries occupancy and rent income, and next month their change', async () => {
    await t.app.services.jobs.scheduler.runNow('monthlyReport');
    await t.delivered();
    const first = JSON.stringify(t.lark.cardsTo(LEADER).at(-1));
    expect(first).toContain('铺位与租金（2026-11 月末）');
    expect(first).toContain('出租率 4.0%（1/25）（上月无记录）');
    expect(first).toContain('月租金收入 10,100 元');
    clock.set('2027-01-04T02:00:00Z');
    await t.app.services.jobs.scheduler.runNow('monthlyReport');
    await t.delivered();
    const second = JSON.stringify(t.lark.cardsTo(LEADER).at(-1));
    expect(second).toContain('铺位与租金（2026-12 月末）');
    expect(second).toContain('较上月 ±0.0 个百分点');
    clock.set('2026-12-14T02:00:00Z');
  });

  it('R-UNIT-2: 租控图 shows a floor within the card limits with the right counts; a floor button turns the page', async () => {
    await t.say(A, '租控图');
    expect(json(last().current)).not.toContain('租控图 ·');
    await t.say(MGR, '租控图');
    const card = last().current as Record<string, unknown>;
    const text = json(card);
    expect(text).toContain('租控图 · A栋 1F');
    expect(text).toContain('**全部铺位** 25 个');
    expect(text).toContain('月租金收入 **10,100** 元');
    expect(text).toContain('**本层** 12 个：空置 11 · 意向 0 · 已定 0 · 已租 1');
    expect(text).toContain("<text_tag color='blue'>101</text_tag>");
    expect(countElements((card as { body: unknown }).body)).toBeLessThanOrEqual(200);
    expect(Buffer.byteLength(text)).toBeLessThan(30_000);
    const next = await t.click(MGR, { a: 'unit.map', page: 1 });
    expect(json(next.card.data)).toContain('租控图 · A栋 2F');
    expect(json(next.card.data)).toContain('**本层** 12 个：空置 12');
    const picked = await t.click(MGR, { a: 'unit.map.pick' }, { tag: 'select_static', option: '2' });
    expect(json(picked.card.data)).toContain('租控图 · B栋 1F');
  });

  it('R-UNIT-3: a lease ending within 90 days is listed (weekly job and 到期合同) until renewed', async () => {
    clock.set('2029-10-01T02:00:00Z'); // Monday
    await t.say(A, '到期合同');
    const holder = Number(
      (await t.app.ds.query(`SELECT agent_open_id AS a FROM unit WHERE contract_no = 'HT-UNIT-1'`))[0].a === A,
    );
    const mine = json(last().current);
    if (holder) expect(mine).toContain('HT-UNIT-1');
    await t.say(MGR, '到期合同');
    expect(json(last().current)).toContain('HT-UNIT-1');
    expect(json(last().current)).toContain('unit.release');
    const run = await t.app.services.jobs.scheduler.runNow('unitRenewals');
    await t.delivered();
    expect(json(t.lark.cardsTo(MGR).at(-1))).toContain('HT-UNIT-1');
    expect(run).toBeTruthy();
    // Renewed: a new contract for the same tenant on the same unit.
    const phone = (
      await t.app.ds.query(
        `SELECT c.phone FROM unit u JOIN client c ON c.id = u.client_id WHERE u.contract_no = 'HT-UNIT-1'`,
      )
    )[0].phone;
    const body = await t.click(
      DESK,
      { a: 'form.signed.submit' },
      {
        formValue: {
          contract_no: 'HT-UNIT-2',
          client: phone,
          signed_date: '2029-10-01',
          unit: 'A栋 1F 101',
          area: '81',
          rent: '11000',
        },
      },
    );
    expect(body.toast.type).toBe('success');
    await t.say(MGR, '到期合同');
    expect(json(last().current)).not.toContain('HT-UNIT-1');
    expect(json(last().current)).toContain('天内没有到期的合同');
  });

  it('R-UNIT-3: 释放 puts the unit back to 空置', async () => {
    clock.set('2032-08-01T02:00:00Z');
    await t.say(MGR, '到期合同');
    expect(json(last().current)).toContain('HT-UNIT-2');
    const unitId = Number((await t.app.ds.query(`SELECT id FROM unit WHERE contract_no = 'HT-UNIT-2'`))[0].id);
    const body = await t.click(MGR, { a: 'unit.release', unitId, contractNo: 'HT-UNIT-2' });
    expect(body.toast.type).toBe('success');
    expect((await t.app.ds.query(`SELECT status FROM unit WHERE id = ${unitId}`))[0].status).toBe('vacant');
    const again = await t.click(MGR, { a: 'unit.release', unitId, contractNo: 'HT-UNIT-2' });
    expect(again.toast.type).toBe('warning');
  });

  it('R-UNIT-1: 铺位表 and 合同到期表 exports are read back', async () => {
    await t.say(MGR, '导出 铺位表');
    await t.delivered();
    const msg = last();
    expect(msg.msgType).toBe('file');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      t.lark.uploads.get((msg.content as { file_key: string }).file_key)!.bytes as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('铺位号');
    // 25 units + the header + the totals row.
    expect(ws.actualRowCount).toBe(27);
    const statuses = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 1 && n < 27) statuses.add(String(row.getCell(6).value));
    });
    expect([...statuses].sort()).toEqual(['空置']);
    await t.say(MGR, '导出 合同到期表');
    await t.delivered();
    expect(last().msgType).toBe('file');
  });
});

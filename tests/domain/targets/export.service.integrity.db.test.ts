import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formNotices } from '../../../src/bot/cards/form-notices.js';
import { loadConfig } from '../../../src/config.js';
import type { ApprovalCardRenderer } from '../../../src/domain/approvals/approval.js';
import { ApprovalService } from '../../../src/domain/approvals/approval.service.js';
import { createClientServices, type FormServices } from '../../../src/domain/forms/index.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { compileSchemes } from '../../../src/domain/targets/commission.rules.js';
import { EXPORT_KINDS, ExportService, type ExportKind } from '../../../src/domain/targets/export.service.js';
import { TargetService } from '../../../src/domain/targets/target.service.js';
import { writeCsv } from '../../../src/exports/csv.js';
import { sheetFor } from '../../../src/exports/sheets.js';
import { xlsxBuffer } from '../../../src/exports/xlsx.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { UnitService } from '../../../src/domain/units/unit.service.js';
import { unitSettings } from '../../../src/jobs/unit-renewals.job.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';
import { member, signed } from './seed.js';

/**
 * Every export, written as .xlsx and as CSV and read back: each totals row is the sum of the rows
 * above it, column by column; the shop name registered through the visitor form reaches 店名; and
 * text someone typed that starts like a formula stays text (R-INFO-3) while numbers stay numbers.
 */
const TZ = 'Asia/Shanghai';
const MGR = member('ou_int_mgr', '王经理', ['manager']);
const LEADER = member('ou_int_leader', '赵总', ['leader']);
const A = member('ou_int_a', '张三', ['agent']);
// A member name comes from Feishu, typed by someone: it is user text too.
const B = member('ou_int_b', '@李四', ['agent']);
const HYPERLINK = '=HYPERLINK("http://x","y")';
const HOSTILE = [HYPERLINK, '+1-2', '-2+3', '@SUM(A1)'];
const cards: ApprovalCardRenderer = { approverCard: () => ({}), requesterCard: () => ({}) };

type Table = { header: string[]; rows: unknown[][] };

/** A CSV reader enough for our writer: quoted fields with doubled quotes, fields may hold newlines. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), out.push(row), (row = []), (field = '');
    else field += ch;
  }
  if (field || row.length) row.push(field), out.push(row);
  return out;
}

/** Cents of a number (or of a CSV numeral); blank → 0. */
const cents = (v: unknown): number => (v === null || v === undefined || v === '' ? 0 : Math.round(Number(v) * 100));
/** Columns whose totals cell is the department's figure, not a sum (a rate, a multiple). */
const NOT_ADDITIVE = new Set(['完成率', '提成系数']);

/** Checks a totals row against the data rows above it; returns how many columns had a sum to check. */
/**
 * The tables read from the ledgers here. The weekly table is the weekly summary's (built by the job's
 * own code, read back in the weekly export's e2e test): its last row is the department's, which counts
 * the public pool's walk-ins, so it is no column sum.
 */
const TABLES = EXPORT_KINDS.filter((k) => k !== 'weekly');

function expectTotalsAreSums(table: Table, numeric: (v: unknown) => boolean): number {
  const totalAt = table.rows.findIndex((r) => String(r[0] ?? '').startsWith('合计'));
  expect(totalAt).toBeGreaterThanOrEqual(0);
  const data = table.rows.slice(0, totalAt);
  const total = table.rows[totalAt]!;
  const counted = /^合计 (\d+) 条$/.exec(String(total[0]));
  if (counted) expect(Number(counted[1])).toBe(data.length);
  let checked = 0;
  table.header.forEach((h, c) => {
    if (c === 0 || NOT_ADDITIVE.has(h) || !numeric(total[c])) return;
    checked++;
    expect({ column: h, total: cents(total[c]) }).toEqual({
      column: h,
      total: data.reduce((n, r) => n + cents(r[c]), 0),
    });
  });
  return checked;
}

describe('exports: totals, shop names and text that looks like a formula', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let exports: ExportService;
  let forms: FormServices;
  const clock = new ManualClock('2026-12-14T02:00:00Z'); // Monday 10:00 in Shanghai

  beforeAll(async () => {
    t = await openTestDb();
    uow = new TypeOrmUnitOfWork(t.db, clock);
    const config = loadConfig({});
    ({ forms } = createClientServices({
      clock,
      settings: { timezone: TZ, ...config.settings.forms },
      notices: formNotices(TZ),
    }));
    const approvals = new ApprovalService({ clock, settings: { resendAfterMinutes: 60 }, cards });
    const schemes = compileSchemes([
      {
        from: '2026-01',
        perContractYuan: 500,
        rentMultiples: [
          { minCompletionPct: 90, multiple: 1.5 },
          { minCompletionPct: 0, multiple: 1 },
        ],
        atSigningPct: 70,
        managerBonus: [{ minCompletionPct: 0, rentMultiple: 0.1, fixedYuan: 1000 }],
      },
    ]);
    const targets = new TargetService({
      clock,
      settings: { timezone: TZ, calendar: { holidays: [], makeupWorkdays: [] }, riskMarginPct: 10, schemes },
      approvals,
      render: { approvalSummary: () => 's', riskWarning: () => ({}) },
    });
    exports = new ExportService({
      clock,
      settings: { timezone: TZ, exportMaxDays: 366, forms: loadConfig({}).settings.forms },
      targets,
    });

    await uow.run(async (tx) => {
      for (const m of [MGR, LEADER, A, B]) await tx.members.save(m);
    });
    // Registered the way agents do it: through the visitor form, whose one name field is 客户/店铺名称.
    const register = (agent: typeof A, values: Record<string, string>) =>
      uow.run((tx) =>
        forms.visitor.submit(tx, agent, {
          contact: '陈先生',
          category: '灯饰',
          client_type: 'merchant',
          source: 'walk_in',
          grade: 'A',
          ...values,
        }),
      );
    const shop = await register(A, { name: '鑫隆灯饰', phone: '13812340001' });
    await register(B, { name: '恒通工具厂', phone: '13812340002', client_type: 'manufacturer' });
    let n = 3;
    for (const name of HOSTILE) await register(n % 2 ? A : B, { name, phone: `1381234000${n++}`, contact: '-陈' });
    // 铺位表 and 合同到期表: two units, one leased on a short term so it ends within the warning window.
    const units = new UnitService({ clock, settings: unitSettings(config.settings, TZ) });
    const ADMIN = member('ou_int_admin', '管理员', ['admin']);
    await uow.run(async (tx) => {
      await tx.members.save(ADMIN);
      await units.importRows(tx, ADMIN, [
        { row: 2, cells: ['A栋', '2F', '201', '85.5', '12000.5', '空置'] },
        { row: 3, cells: ['A栋', '2F', '202', '60.25', '8000', '空置'] },
      ]);
      await units.leaseForContract(
        tx,
        {
          contractNo: 'HT-I-U1',
          clientId: shop.client.id,
          agentOpenId: A.openId,
          unit: 'A栋 2F 201',
          signedDate: '2026-12-02',
          monthlyRent: 12000.5,
        },
        2,
      );
    });
    await uow.run(async (tx) => {
      await tx.revisits.create(
        {
          clientId: shop.client.id,
          agentOpenId: A.openId,
          dueDate: '2026-12-15',
          purpose: '\t=1+2',
          rescheduledFromId: null,
        },
        clock.now(),
      );
      await tx.revisits.create(
        {
          clientId: shop.client.id,
          agentOpenId: A.openId,
          dueDate: '2026-12-16',
          purpose: '\r@x',
          rescheduledFromId: null,
        },
        clock.now(),
      );
      await signed(tx, {
        agent: A.openId,
        date: '2026-12-02',
        rent: 12345.67,
        area: 85.5,
        client: HYPERLINK,
        no: 'HT-I-001',
      });
      await signed(tx, {
        agent: B.openId,
        date: '2026-12-09',
        rent: 8000.01,
        area: 60.25,
        client: '+1-2',
        no: 'HT-I-002',
      });
      await signed(tx, {
        agent: A.openId,
        date: '2026-12-10',
        rent: 7000.33,
        area: 40,
        client: '甲店',
        no: 'HT-I-003',
      });
      await signed(tx, {
        agent: null,
        date: '2026-12-11',
        rent: 20000.5,
        area: 200.75,
        client: '公共丙店',
        no: 'HT-I-004',
      });
    });
    const p = await uow.run((tx) =>
      targets.propose(tx, MGR, '2026-12', {
        contracts: '5',
        area: undefined,
        rent: undefined,
        split: { [A.openId]: '3', [B.openId]: '2' },
      }),
    );
    await uow.run((tx) => approvals.decide(tx, LEADER, p.approval.id, 'approved', null));
    await uow.run((tx) => targets.recordOpening(tx, MGR, 'HT-I-001', '2026-12-12'));
  });
  afterAll(async () => t?.close());

  const periodOf = (kind: ExportKind) =>
    kind === 'revisits' || kind === 'workplan' ? '2026-12-01~2026-12-31' : '2026-12';

  async function xlsxOf(kind: ExportKind): Promise<{ ws: ExcelJS.Worksheet; table: Table }> {
    return uow.run(async (tx) => {
      const req = await exports.prepare(tx, MGR, kind, periodOf(kind), false);
      const { buffer } = await xlsxBuffer(sheetFor(req, await exports.rows(tx, req)), TZ);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const width = ws.columnCount;
      const read = (r: number) => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value);
      const rows: unknown[][] = [];
      for (let r = 2; r <= ws.rowCount; r++) rows.push(read(r));
      return { ws, table: { header: read(1).map(String), rows } };
    });
  }

  async function csvOf(kind: ExportKind): Promise<{ text: string; table: Table }> {
    return uow.run(async (tx) => {
      const req = await exports.prepare(tx, MGR, kind, periodOf(kind), false);
      const pass = new PassThrough();
      const chunks: Buffer[] = [];
      pass.on('data', (c: Buffer) => chunks.push(c));
      await writeCsv(sheetFor(req, await exports.rows(tx, req)), pass, TZ);
      pass.end();
      const text = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\ufeff/, '');
      const [header, ...rows] = parseCsv(text);
      return { text, table: { header: header!, rows } };
    });
  }

  it('R-TGT-3: every totals row of every export is the sum of its column — in .xlsx and in CSV', async () => {
    let checked = 0;
    for (const kind of TABLES) {
      const { table } = await xlsxOf(kind);
      expect(table.rows.length).toBeGreaterThan(1);
      checked += expectTotalsAreSums(table, (v) => typeof v === 'number');
      const csv = await csvOf(kind);
      expect(csv.table.header).toEqual(table.header);
      expectTotalsAreSums(csv.table, (v) => /^-?\d+(\.\d+)?$/.test(String(v)));
    }
    // 已签合同表: area, monthly and first-year rent; 业绩与提成表: target, signed, area, two rents, four commission
    // columns; 铺位表 and 合同到期表: their five summed columns between them (area, rents).
    expect(checked).toBe(3 + 9 + 5);
  });

  it('R-TGT-4: 业绩与提成表 — every row, the totals row too, has 提成合计 = 签约发放 + 开业发放; the manager bonus sits below the totals', async () => {
    const { table } = await xlsxOf('performance');
    const col = (h: string) => table.header.indexOf(h);
    const [total, sign, open] = [col('提成合计(元)'), col('签约发放(元)'), col('开业发放(元)')];
    const totalAt = table.rows.findIndex((r) => r[0] === '合计');
    for (const r of table.rows.slice(0, totalAt + 1)) expect(cents(r[total])).toBe(cents(r[sign]) + cents(r[open]));
    const after = table.rows.slice(totalAt + 1);
    expect(after).toHaveLength(1);
    expect(String(after[0]![0])).toContain('经理奖金');
    // Department 4 of 5 (80 %) → 0.1 × (12345.67 + 8000.01 + 7000.33 + 20000.5) + 1000 = 5734.65
    expect(after[0]![total]).toBe(5734.65);
  });

  it('R-FORM-1: 来访客户登记总表 — 店名 shows the shop registered through the visitor form; a manufacturer has none', async () => {
    const { table } = await xlsxOf('visitors');
    const [client, shop] = [table.header.indexOf('客户/商户'), table.header.indexOf('店名')];
    const byName = new Map(table.rows.map((r) => [r[client], r[shop]]));
    expect(byName.get('鑫隆灯饰')).toBe('鑫隆灯饰');
    expect(byName.get('恒通工具厂')).toBeNull();
    // Not one registered merchant left without a shop name.
    const merchants = table.rows.filter((r) => r[table.header.indexOf('类型')] === '商户');
    expect(merchants.length).toBe(1 + HOSTILE.length);
    expect(merchants.every((r) => typeof r[shop] === 'string' && r[shop] !== '')).toBe(true);
  });

  it('R-INFO-3: a client named =HYPERLINK(…) or +1-2 exports as the literal text in .xlsx — no formula, Text format — and numbers stay numbers', async () => {
    const visitors = await xlsxOf('visitors');
    const clientCol = visitors.table.header.indexOf('客户/商户') + 1;
    const seen: string[] = [];
    visitors.ws.eachRow((row, r) => {
      if (r === 1) return;
      for (let c = 1; c <= visitors.ws.columnCount; c++) {
        const cell = row.getCell(c);
        expect(cell.formula).toBeUndefined();
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }
      const name = row.getCell(clientCol);
      if (HOSTILE.includes(name.value as string)) {
        seen.push(name.value as string);
        expect(name.type).toBe(ExcelJS.ValueType.String);
        expect(name.numFmt).toBe('@');
      }
    });
    expect(seen.sort()).toEqual([...HOSTILE].sort());
    // The agent named @李四 too.
    expect(visitors.table.rows.some((r) => r[visitors.table.header.indexOf('招商员')] === '@李四')).toBe(true);

    const signedSheet = await xlsxOf('signed');
    const row = signedSheet.table.rows.find((r) => r[2] === HYPERLINK)!;
    expect(row).toBeDefined();
    expect(row.slice(5)).toEqual([85.5, 12345.67, 148148.04]);
    expect(signedSheet.table.rows.find((r) => r[2] === '+1-2')!.slice(5)).toEqual([60.25, 8000.01, 96000.12]);
    expect(signedSheet.ws.getCell('F2').numFmt).toBe('#,##0.00');

    const revisits = await xlsxOf('revisits');
    revisits.ws.eachRow((r) => r.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('R-INFO-3: in CSV, a field that starts with = + - @ tab or CR is quoted and starts with a single quote; numbers are bare numerals', async () => {
    const visitors = await csvOf('visitors');
    expect(visitors.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(visitors.text).toContain(`"'+1-2"`);
    expect(visitors.text).toContain(`"'-2+3"`);
    expect(visitors.text).toContain(`"'@SUM(A1)"`);
    expect(visitors.text).toContain(`"'@李四"`);
    expect(visitors.text).toContain(`"'-陈"`);
    // Read back, the text is the typed text behind the quote.
    const clientCol = visitors.table.header.indexOf('客户/商户');
    expect(
      visitors.table.rows
        .map((r) => r[clientCol])
        .filter((v) => String(v).startsWith("'"))
        .sort(),
    ).toEqual(HOSTILE.map((h) => `'${h}`).sort());
    // No field anywhere starts a formula unquoted.
    for (const kind of TABLES) {
      const { table } = await csvOf(kind);
      for (const r of table.rows)
        for (const f of r.map(String))
          expect(/^[=+@\t\r]/.test(f) || (/^-/.test(f) && !/^-\d+(\.\d+)?$/.test(f))).toBe(false);
    }
    const revisits = await csvOf('revisits');
    expect(revisits.text).toContain(`"'\t=1+2"`);
    expect(revisits.text).toContain(`"'\r@x"`);

    const signedCsv = await csvOf('signed');
    const line = signedCsv.text.split('\n').find((l) => l.startsWith('HT-I-001'))!;
    expect(line).toMatch(/,85\.5,12345\.67,148148\.04$/);
  });
});

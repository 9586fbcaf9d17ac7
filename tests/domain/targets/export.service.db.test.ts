import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalCardRenderer } from '../../../src/domain/approvals/approval.js';
import { ApprovalService } from '../../../src/domain/approvals/approval.service.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { DomainError } from '../../../src/domain/shared/errors.js';
import { compileSchemes } from '../../../src/domain/targets/commission.rules.js';
import { ExportService, type ExportKind } from '../../../src/domain/targets/export.service.js';
import { TargetService } from '../../../src/domain/targets/target.service.js';
import { fileName, sheetFor } from '../../../src/exports/sheets.js';
import { xlsxBuffer } from '../../../src/exports/xlsx.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';
import { member, signed } from './seed.js';
import { loadConfig } from '../../../src/config.js';

const MGR = member('ou_exp_mgr', '王经理', ['manager']);
const LEADER = member('ou_exp_leader', '赵总', ['leader']);
const DESK = member('ou_exp_desk', '孙前台', ['front_desk']);
const A = member('ou_exp_a', '张三', ['agent']);
const B = member('ou_exp_b', '李四', ['agent']);
const TZ = 'Asia/Shanghai';

const cards: ApprovalCardRenderer = { approverCard: () => ({}), requesterCard: () => ({}) };
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, m - 1, d, h, mi));

describe('the Excel exports, read back cell by cell', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let exports: ExportService;
  let targets: TargetService;
  let approvals: ApprovalService;

  beforeAll(async () => {
    t = await openTestDb();
    const clock = new ManualClock('2026-12-14T02:00:00Z');
    uow = new TypeOrmUnitOfWork(t.db, clock);
    approvals = new ApprovalService({ clock, settings: { resendAfterMinutes: 60 }, cards });
    const schemes = compileSchemes([
      {
        from: '2026-01',
        perContractYuan: 0,
        rentMultiples: [
          { minCompletionPct: 90, multiple: 1.5 },
          { minCompletionPct: 70, multiple: 1.2 },
          { minCompletionPct: 0, multiple: 1 },
        ],
        atSigningPct: 80,
        managerBonus: [
          { minCompletionPct: 50, rentMultiple: 0.1, fixedYuan: 100 },
          { minCompletionPct: 0, rentMultiple: 0, fixedYuan: 0 },
        ],
      },
    ]);
    targets = new TargetService({
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
      for (const m of [MGR, LEADER, DESK, A, B]) await tx.members.save(m);
      // Visitor registrations: one just after local midnight of 12-01 (still 11-30 in UTC), one the evening before (excluded).
      const visitors: Array<[string, string | null, Date, boolean, boolean]> = [
        ['鑫隆灯饰', A.openId, utc(2026, 11, 30, 16, 30), false, false],
        ['华美家居', B.openId, utc(2026, 12, 3, 6, 5), true, true],
        ['前一天的客户', A.openId, utc(2026, 11, 30, 15, 59), false, false],
      ];
      let n = 0;
      for (const [name, agent, at, late, incomplete] of visitors) {
        n++;
        const c = await tx.clients.create(
          {
            regNo: `DJ-2026120${n}-001`,
            name,
            shopName: `${name}店`,
            contactPerson: '陈先生',
            phone: `1381234567${n}`,
            category: '灯饰',
            clientType: 'merchant',
            source: 'walk_in',
            grade: 'A',
            owner: agent ? { kind: 'agent', openId: agent } : { kind: 'pool' },
          },
          at,
        );
        await tx.formRecords.add({
          kind: 'visitor',
          clientId: c.id,
          agentOpenId: agent,
          filedBy: agent ?? DESK.openId,
          filedAt: at,
          dueAt: null,
          late,
          incomplete,
          missing: incomplete ? ['category'] : [],
          refId: null,
          dedupeKey: null,
          payload: {},
        });
        await tx.revisits.create(
          {
            clientId: c.id,
            agentOpenId: agent!,
            dueDate: `2026-12-1${n + 4}`,
            purpose: '谈租金',
            rescheduledFromId: null,
          },
          at,
        );
        if (n === 2) {
          const plan = await tx.fieldVisits.createPlan(
            {
              agentOpenId: B.openId,
              visitDate: '2026-12-16',
              purpose: '看仓库',
              clientIds: [c.id],
              places: ['建材市场'],
            },
            at,
          );
          await tx.fieldVisits.setStatus(plan.id, 'approved', at);
          const pending = await tx.fieldVisits.createPlan(
            { agentOpenId: B.openId, visitDate: '2026-12-16', purpose: '未批准的', clientIds: [], places: ['别处'] },
            at,
          );
          expect(pending.status).toBe('pending');
        }
        if (n === 1)
          await tx.contracts.addSigningPlan(
            {
              clientId: c.id,
              agentOpenId: agent!,
              depositAmount: 5000,
              paidDate: '2026-12-10',
              signingDate: '2026-12-15',
              unit: 'B-12',
            },
            at,
          );
      }
      await signed(tx, {
        agent: A.openId,
        date: '2026-12-02',
        rent: 12345.67,
        area: 85.5,
        client: '甲店',
        no: 'HT-001',
      });
      await signed(tx, { agent: B.openId, date: '2026-12-09', rent: 8000, area: 60, client: '乙店', no: 'HT-002' });
      await signed(tx, { agent: null, date: '2026-12-10', rent: 20000, area: 200, client: '公共丙店', no: 'HT-003' });
      await signed(tx, { agent: A.openId, date: '2026-11-30', rent: 1, area: 1, client: '上月店', no: 'HT-000' });
    });
    const p = await uow.run((tx) =>
      targets.propose(tx, MGR, '2026-12', {
        contracts: '4',
        area: undefined,
        rent: undefined,
        split: { [A.openId]: '2', [B.openId]: '2' },
      }),
    );
    await uow.run((tx) => approvals.decide(tx, LEADER, p.approval.id, 'approved', null));
    await uow.run((tx) => targets.recordOpening(tx, DESK, 'HT-001', '2026-12-10'));
  });
  afterAll(async () => t?.close());

  async function exportOf(viewer: Member, kind: ExportKind, period: string, inGroup = false) {
    return uow.run(async (tx) => {
      const req = await exports.prepare(tx, viewer, kind, period, inGroup);
      const { buffer, rows } = await xlsxBuffer(sheetFor(req, await exports.rows(tx, req)), TZ);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      return { ws: wb.worksheets[0]!, rows, name: fileName(req) };
    });
  }
  const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
  const expectLayout = (ws: ExcelJS.Worksheet, widths: number[], totalRow = ws.rowCount) => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(widths.map((_, i) => ws.getColumn(i + 1).width)).toEqual(widths);
    for (let i = 1; i <= widths.length; i++) {
      expect(ws.getRow(1).getCell(i).font?.bold).toBe(true);
      expect(ws.getRow(totalRow).getCell(i).font?.bold).toBe(true);
    }
  };

  it('R-FORM-1: 来访客户登记总表 — local dates, codes in Chinese, full phones for the manager, totals row', async () => {
    const { ws, rows, name } = await exportOf(MGR, 'visitors', '2026-12');
    expect(name).toBe('来访客户登记总表_2026-12-01_2026-12-14.xlsx');
    expect(rows).toBe(2);
    expectLayout(ws, [18, 17, 10, 20, 18, 10, 15, 12, 8, 10, 6, 8, 12]);
    expect(values(ws, 1)).toEqual([
      '登记编号',
      '登记时间',
      '招商员',
      '客户/商户',
      '店名',
      '联系人',
      '电话',
      '经营品类',
      '类型',
      '来源',
      '意向',
      '状态',
      '填报',
    ]);
    expect(values(ws, 2)).toEqual([
      'DJ-20261201-001',
      utc(2026, 12, 1, 0, 30),
      '张三',
      '鑫隆灯饰',
      '鑫隆灯饰店',
      '陈先生',
      '13812345671',
      '灯饰',
      '商户',
      '自然到访',
      'A',
      '意向',
      '按时完整',
    ]);
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(values(ws, 3)).toEqual([
      'DJ-20261202-001',
      utc(2026, 12, 3, 14, 5),
      '李四',
      '华美家居',
      '华美家居店',
      '陈先生',
      '13812345672',
      '灯饰',
      '商户',
      '自然到访',
      'A',
      '意向',
      '逾期且不完整',
    ]);
    expect(values(ws, 4)).toEqual(['合计 2 条']);
    expect(ws.rowCount).toBe(4);
  });

  it('R-INFO-2: a leader, the front desk, or anyone in a group chat, gets masked phone numbers', async () => {
    const leader = await exportOf(LEADER, 'visitors', '2026-12');
    expect(leader.ws.getCell('G2').value).toBe('138****5671');
    const group = await exportOf(MGR, 'revisits', '2026-12', true);
    expect(group.ws.getCell('D2').value).toBe('138****5671');
    const desk = await exportOf(DESK, 'revisits', '2026-12');
    expect(desk.ws.getCell('D2').value).toBe('138****5671');
  });

  it('R-REV-2: 回访计划总表 — due dates as dates, statuses in Chinese', async () => {
    const { ws, rows } = await exportOf(MGR, 'revisits', '2026-12-01~2026-12-31');
    expect(rows).toBe(3);
    expectLayout(ws, [12, 10, 20, 15, 30, 10, 30, 17]);
    expect(values(ws, 1)).toEqual(['回访日期', '招商员', '客户/商户', '电话', '回访目的', '状态', '结果', '处理时间']);
    expect(values(ws, 2)).toEqual([utc(2026, 12, 15), '张三', '鑫隆灯饰', '13812345671', '谈租金', '待回访']);
    expect(ws.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('A4').value).toEqual(utc(2026, 12, 17));
    expect(values(ws, 5)).toEqual(['合计 3 条']);
  });

  it('R-TGT-3: 已签合同表 — money summed exactly, public pool named, first-year rent = 12 months', async () => {
    const { ws, rows } = await exportOf(DESK, 'signed', '2026-12');
    expect(rows).toBe(3);
    expectLayout(ws, [18, 12, 22, 10, 12, 12, 14, 16]);
    expect(values(ws, 1)).toEqual([
      '合同编号',
      '签约日期',
      '客户/商户',
      '招商员',
      '铺位',
      '面积(㎡)',
      '月租金(元)',
      '首年租金(元)',
    ]);
    expect(values(ws, 2)).toEqual([
      'HT-001',
      utc(2026, 12, 2),
      '甲店',
      '张三',
      expect.stringMatching(/^A-\d+$/),
      85.5,
      12345.67,
      148148.04,
    ]);
    expect(values(ws, 4)).toEqual([
      'HT-003',
      utc(2026, 12, 10),
      '公共丙店',
      '公共业绩',
      expect.stringMatching(/^A-\d+$/),
      200,
      20000,
      240000,
    ]);
    expect(values(ws, 5)).toEqual([
      '合计 3 条',
      undefined,
      undefined,
      undefined,
      undefined,
      345.5,
      40345.67,
      484148.04,
    ]);
    expect(ws.getCell('G5').numFmt).toBe('#,##0.00');
  });

  it("R-PLAN-1: 当日工作计划表 — each day's revisits, signings and approved field visits per agent", async () => {
    const { ws, rows } = await exportOf(MGR, 'workplan', '2026-12-15~2026-12-16');
    expect(rows).toBe(4);
    expectLayout(ws, [12, 10, 10, 24, 30, 10]);
    expect(values(ws, 1)).toEqual(['日期', '招商员', '事项', '客户/地点', '内容', '状态']);
    expect(values(ws, 2)).toEqual([utc(2026, 12, 15), '张三', '回访', '鑫隆灯饰', '谈租金', '待回访']);
    expect(values(ws, 3)).toEqual([utc(2026, 12, 15), '张三', '签约', '鑫隆灯饰', 'B-12', '待签约']);
    expect(values(ws, 4)).toEqual([utc(2026, 12, 16), '李四', '回访', '华美家居', '谈租金', '待回访']);
    // Only approved field visits are on the plan.
    expect(values(ws, 5)).toEqual([utc(2026, 12, 16), '李四', '走访', '华美家居、建材市场', '看仓库', '已批准']);
    expect(values(ws, 6)).toEqual(['合计 4 条']);
  });

  it('R-TGT-4: 业绩与提成表 — per agent, public pool for the department only, totals, then the manager bonus outside them', async () => {
    const { ws } = await exportOf(LEADER, 'performance', '2026-12');
    expectLayout(ws, [14, 10, 10, 10, 12, 14, 16, 10, 14, 14, 14, 14], 5);
    expect(values(ws, 1)).toEqual([
      '招商员',
      '目标(份)',
      '已签(份)',
      '完成率',
      '面积(㎡)',
      '首月租金(元)',
      '首年租金(元)',
      '提成系数',
      '提成合计(元)',
      '签约发放(元)',
      '开业发放(元)',
      '其中已开业(元)',
    ]);
    // 张三 1/2 = 50 % → ×1.0; 李四 1/2 → ×1.0
    // Equal figures: by name in pinyin order (李 before 张).
    expect(values(ws, 2)).toEqual(['李四', 2, 1, 0.5, 60, 8000, 96000, 1, 8000, 6400, 1600, 0]);
    // HT-001 opened on 12-10: its 20 % is due.
    expect(values(ws, 3)).toEqual([
      '张三',
      2,
      1,
      0.5,
      85.5,
      12345.67,
      148148.04,
      1,
      12345.67,
      9876.54,
      2469.13,
      2469.13,
    ]);
    expect(values(ws, 4)).toEqual([
      '公共业绩（计入部门）',
      undefined,
      1,
      undefined,
      200,
      20000,
      240000,
      undefined,
      0,
      0,
      0,
      0,
    ]);
    // 提成合计 = 签约发放 + 开业发放 on the totals row too: the manager's bonus is in none of its sums.
    expect(values(ws, 5)).toEqual([
      '合计',
      4,
      3,
      0.75,
      345.5,
      40345.67,
      484148.04,
      undefined,
      20345.67,
      16276.54,
      4069.13,
      2469.13,
    ]);
    expect(ws.getCell('D5').numFmt).toBe('0.00%');
    // Department 3/4 = 75 % ≥ 50 % → 0.1 × 40345.67 + 100 = 4134.57, paid with the month's settlement.
    expect(values(ws, 6)).toEqual([
      '经理奖金（按部门完成率，月度结算，不计入合计）',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      4134.57,
    ]);
    expect(ws.getRow(6).getCell(1).font?.bold).toBeFalsy();
    expect(ws.rowCount).toBe(6);
  });

  it('R-TGT-3: bad input — a period in the future, an agent asking, a period not understood — a clear refusal, nothing sent', async () => {
    const err = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: DomainError) => e.messageKey,
      );
    expect(await err(exportOf(MGR, 'signed', '2027-01'))).toBe('export.err.future');
    expect(await err(exportOf(MGR, 'workplan', '2027-03'))).toBe('export.err.too_far_ahead');
    expect(await err(exportOf(A, 'signed', '2026-12'))).toBe('error.forbidden_role');
    expect(await err(exportOf(DESK, 'performance', '2026-12'))).toBe('export.err.performance_role');
    expect(await err(exportOf(MGR, 'signed', '下下周'))).toBe('export.err.period');
    expect(await err(exportOf(MGR, 'signed', '2026-12-10~2026-12-01'))).toBe('export.err.reversed');
    expect(await err(exportOf(MGR, 'performance', '2026-12-01~2026-12-10'))).toBe('export.err.performance_period');
  });
});

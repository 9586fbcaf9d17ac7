import type { ExportRequest, ExportRows, WeeklyTable } from '../domain/targets/export.service.js';
import type { PerformanceReport } from '../domain/targets/performance.js';
import { t, dynamicKey } from '../i18n/index.js';
import type { Cell, Column, Sheet } from './sheet.js';
import { displayStatus } from '../domain/units/unit.rules.js';

/**
 * The layout of each export: columns (header, width, type, total) and how a row is read. Values
 * that are codes in the database (statuses, grades, sources) are shown in Chinese.
 */
const col = (key: string, width: number, type: Column['type'] = 'text', total?: Column['total']): Column => ({
  header: t(dynamicKey(`export.col.${key}`)),
  width,
  type,
  ...(total ? { total } : {}),
});

/** A code shown through the catalog; an unknown code is shown as it is. Cached: it runs for every cell. */
const labels = new Map<string, string>();
function label(group: string, code: string | null): string | null {
  if (code === null || code === '') return null;
  const key = `export.val.${group}.${code}`;
  let text = labels.get(key);
  if (text === undefined) {
    const found = t(dynamicKey(key));
    text = found === key ? code : found;
    labels.set(key, text);
  }
  return text;
}

async function* mapPages<T>(pages: AsyncIterable<T[]>, f: (row: T) => Cell[]): AsyncIterable<Cell[][]> {
  for await (const page of pages) {
    const cells = page.map(f);
    // The source page is not needed any more: empty it so that it does not stay alive (and get
    // promoted to the old generation) while the writer works through this page.
    page.length = 0;
    yield cells;
  }
}

export function fileName(req: ExportRequest): string {
  const { from, to } = req.range;
  return `${t(`export.kind.${req.kind}`)}_${from === to ? from : `${from}_${to}`}.xlsx`;
}

export function sheetFor(req: ExportRequest, rows: ExportRows): Sheet {
  const name = (id: string | null) => (id ? (req.names.get(id) ?? id) : t('export.val.pool'));
  const totalLabel = (rows: number) => t('export.total_rows', { rows });
  const sheetName = t(`export.kind.${rows.kind}`);
  switch (rows.kind) {
    case 'visitors':
      return {
        name: sheetName,
        totalLabel,
        columns: [
          col('reg_no', 18),
          col('filed_at', 17, 'datetime'),
          col('agent', 10),
          col('client', 20),
          col('shop', 18),
          col('contact', 10),
          col('phone', 15),
          col('category', 12),
          col('client_type', 8),
          col('source', 10),
          col('grade', 6),
          col('state', 8),
          col('compliance', 12),
        ],
        pages: mapPages(rows.pages, (r) => [
          r.regNo ?? '',
          r.filedAt,
          name(r.agentOpenId),
          r.clientName,
          shopName(r),
          r.contactPerson,
          r.phone,
          r.category,
          label('client_type', r.clientType),
          label('source', r.source),
          r.grade,
          label('state', r.state),
          r.missing ? label('compliance', 'missing') : compliance(r.late, r.incomplete),
        ]),
      };
    case 'revisits':
      return {
        name: sheetName,
        totalLabel,
        columns: [
          col('due_date', 12, 'date'),
          col('agent', 10),
          col('client', 20),
          col('phone', 15),
          col('purpose', 30),
          col('status', 10),
          col('outcome', 30),
          col('resolved_at', 17, 'datetime'),
        ],
        pages: mapPages(rows.pages, (r) => [
          r.dueDate,
          name(r.agentOpenId),
          r.clientName,
          r.phone,
          r.purpose,
          label('revisit', r.status),
          r.outcomeNote,
          r.resolvedAt,
        ]),
      };
    case 'signed':
      return {
        name: sheetName,
        totalLabel,
        columns: [
          col('contract_no', 18),
          col('signed_date', 12, 'date'),
          col('client', 22),
          col('agent', 10),
          col('unit', 12),
          col('area', 12, 'decimal2', 'sum'),
          col('monthly_rent', 14, 'money', 'sum'),
          col('first_year_rent', 16, 'money', 'sum'),
        ],
        pages: mapPages(rows.pages, (c) => [
          c.contractNo,
          c.signedDate,
          c.clientName,
          name(c.agentOpenId),
          c.unit,
          c.areaCenti,
          c.monthlyRentFen,
          c.monthlyRentFen === null ? null : c.monthlyRentFen * 12,
        ]),
      };
    case 'workplan':
      return {
        name: sheetName,
        totalLabel,
        columns: [
          col('date', 12, 'date'),
          col('agent', 10),
          col('item', 10),
          col('subject', 24),
          col('detail', 30),
          col('status', 10),
        ],
        pages: mapPages(rows.pages, (r) => [
          r.date,
          name(r.agentOpenId),
          label('item', r.kind),
          r.subject,
          r.detail,
          label(r.kind === 'revisit' ? 'revisit' : r.kind === 'signing' ? 'signing' : 'approval', r.status),
        ]),
      };
    case 'performance':
      return performanceSheet(rows.report, sheetName);
    case 'weekly':
      return weeklySheet(rows.table, sheetName);
    case 'units': {
      const until = rows.expiringUntil;
      return {
        name: sheetName,
        totalLabel,
        columns: [
          col('building', 10),
          col('floor', 8),
          col('unit_no', 10),
          col('area', 12, 'decimal2', 'sum'),
          col('standard_rent', 14, 'money', 'sum'),
          col('unit_status', 10),
          col('tenant', 22),
          col('agent', 10),
          col('contract_no', 18),
          col('lease_start', 12, 'date'),
          col('lease_end', 12, 'date'),
          col('monthly_rent', 14, 'money', 'sum'),
        ],
        pages: mapPages(rows.pages, (u) => [
          u.building,
          u.floor,
          u.number,
          centi(u.areaSqm),
          centi(u.standardRent),
          t(`unit.status.${displayStatus(u, until)}`),
          u.clientName,
          u.agentOpenId ? name(u.agentOpenId) : null,
          u.contractNo,
          u.leaseStart,
          u.leaseEnd,
          u.monthlyRent === null ? null : centi(u.monthlyRent),
        ]),
      };
    }
    case 'expiry': {
      const { today, expiringUntil } = rows;
      return {
        name: sheetName,
        totalLabel,
        columns: [
          col('lease_end', 12, 'date'),
          col('days_left', 10, 'int'),
          col('unit_status', 10),
          col('building', 10),
          col('floor', 8),
          col('unit_no', 10),
          col('tenant', 22),
          col('agent', 10),
          col('contract_no', 18),
          col('lease_start', 12, 'date'),
          col('area', 12, 'decimal2', 'sum'),
          col('monthly_rent', 14, 'money', 'sum'),
        ],
        pages: mapPages(rows.pages, (u) => [
          u.leaseEnd,
          u.leaseEnd ? daysFrom(today, u.leaseEnd) : null,
          t(`unit.status.${displayStatus(u, expiringUntil)}`),
          u.building,
          u.floor,
          u.number,
          u.clientName,
          u.agentOpenId ? name(u.agentOpenId) : null,
          u.contractNo,
          u.leaseStart,
          centi(u.areaSqm),
          u.monthlyRent === null ? null : centi(u.monthlyRent),
        ]),
      };
    }
  }
}

/** Counts are numbers in Excel; the rest (完成/逾期, 完成率, the form problems) stay as the card writes them. */
const WEEKLY_INT = new Set(['walkins', 'passes', 'reg', 'deposits', 'signed', 'target']);

/**
 * 每周业绩汇总表: the weekly summary's full table, one row per agent. Its last row is the department's,
 * written as the totals row: it counts the public pool's walk-ins and the department's own target, so
 * it is not a sum of the agents' rows.
 */
function weeklySheet(table: WeeklyTable, name: string): Sheet {
  const keys = table.columns;
  const cells = (r: Record<string, string | number>): Cell[] =>
    keys.map((k) => {
      const v = r[k];
      if (v === undefined) return null;
      return WEEKLY_INT.has(k) ? (typeof v === 'number' ? v : null) : String(v);
    });
  const agents = table.rows.slice(0, -1).map(cells);
  const department = table.rows.at(-1);
  const total = department ? cells(department) : [];
  return {
    name,
    columns: keys.map((k) => ({
      header: t(dynamicKey(`weekly.col.${k}`)),
      width: k === 'agent' ? 12 : k === 'forms' ? 22 : 10,
      type: WEEKLY_INT.has(k) ? 'int' : 'text',
    })),
    totalLabel: () => String(department?.agent ?? t('weekly.total')),
    totalOverride: () => Object.fromEntries(total.map((v, i) => [i, v]).slice(1)),
    pages: (async function* () {
      if (agents.length) yield agents;
    })(),
  };
}

/** Yuan or ㎡ → hundredths, the writer's exact unit for money and decimal2 columns. */
const centi = (v: number) => Math.round(v * 100);

function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * 店名: the shop name on the client's record when one was recorded separately; otherwise the name
 * the visitor form registered, whose one field is 客户/店铺名称 (DOMAIN.md: "shop/client name") —
 * for a merchant (商户) that is its shop. A manufacturer (厂家) has no shop, so its cell stays empty.
 */
function shopName(r: { shopName: string | null; clientName: string; clientType: string | null }): string | null {
  if (r.shopName) return r.shopName;
  return r.clientType === 'manufacturer' || !r.clientName ? null : r.clientName;
}

function compliance(late: boolean, incomplete: boolean): string {
  return label(
    'compliance',
    late && incomplete ? 'late_incomplete' : late ? 'late' : incomplete ? 'incomplete' : 'ok',
  )!;
}

/**
 * 业绩与提成表: one row per agent, the public pool (department only), the totals, then the manager's bonus.
 *
 * The bonus is its own row below 合计 and in none of its sums: it is paid with the month's
 * settlement (commission.rules.ts `managerBonus`), not per contract, so it is neither 签约发放 nor
 * 开业发放. Counted in 提成合计 alone, the totals row said 提成合计 ≠ 签约发放 + 开业发放; this way
 * every row, the totals row included, keeps 提成合计 = 签约发放 + 开业发放, and every totals cell is
 * the sum of its column.
 */
function performanceSheet(r: PerformanceReport, name: string): Sheet {
  const columns = [
    col('agent', 14),
    col('target', 10, 'int', 'sum'),
    col('signed_count', 10, 'int', 'sum'),
    col('completion', 10, 'pct'),
    col('area', 12, 'decimal2', 'sum'),
    col('first_month_rent', 14, 'money', 'sum'),
    col('first_year_rent', 16, 'money', 'sum'),
    col('multiple', 10, 'multiple'),
    col('commission', 14, 'money', 'sum'),
    col('at_signing', 14, 'money', 'sum'),
    col('at_opening', 14, 'money', 'sum'),
    col('opened', 14, 'money', 'sum'),
  ];
  const rows: Cell[][] = r.agents.map((a) => [
    a.name,
    a.target,
    a.signed,
    a.bp,
    a.areaCenti,
    a.firstMonthRentFen,
    a.firstYearRentFen,
    a.commission.milli || null,
    a.commission.totalFen,
    a.commission.atSigningFen,
    a.commission.atOpeningFen,
    a.openedFen,
  ]);
  const pool = r.department.signed - r.agents.reduce((n, a) => n + a.signed, 0);
  if (pool > 0 || r.department.poolSigned > 0) {
    const agentsArea = r.agents.reduce((n, a) => n + a.areaCenti, 0);
    const agentsRent = r.agents.reduce((n, a) => n + a.firstMonthRentFen, 0);
    rows.push([
      t('export.val.pool_row'),
      null,
      r.department.poolSigned,
      null,
      r.department.areaCenti - agentsArea,
      r.department.firstMonthRentFen - agentsRent,
      r.department.firstYearRentFen - agentsRent * 12,
      null,
      0,
      0,
      0,
      0,
    ]);
  }
  const bonus: Cell[] = [
    t('export.val.manager_bonus'),
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    r.department.managerBonusFen,
    null,
    null,
    null,
  ];
  const agentTargets = r.agents.reduce((n, a) => n + (a.target ?? 0), 0);
  return {
    name,
    columns,
    totalLabel: () => t('export.total'),
    pages: (async function* () {
      yield rows;
    })(),
    // The department's completion, not the sum of the rates. The target is the sum of the agents'
    // parts (R-TGT-2: they add up to the department's); before it is split, the department's own.
    totalOverride: () => ({ 1: agentTargets || r.department.target || null, 3: r.department.bp }),
    afterTotal: () => [bonus],
  };
}

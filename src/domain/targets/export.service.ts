import { addDays, isValidIsoDate, mondayOf, startOfLocalDay, today as todayIn } from '../shared/zoned-time.js';
import { maskPhone } from '../clients/phone.js';
import { PHONES_EXPORTED } from '../clients/client.service.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, invalidInput } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { monthPeriod, parsePeriod, previousMonth, quarterOf, type TargetPeriod } from './period.js';
import type { LedgerContract, RevisitExportRow, VisitorExportRow, WorkPlanExportRow } from './target.ports.js';
import type { PerformanceReport } from './performance.js';
import type { TargetService } from './target.service.js';
import { deriveOwedForms, missingIn, type OwedFormSettings } from '../forms/owed-forms.rules.js';
import type { UnitWithTenant } from '../units/unit.js';

/** How far back a walk-in may lie and still owe a form whose deadline falls in the exported period. */
const OWED_LOOKBACK_DAYS = 7;

/**
 * The five Excel exports: who may ask, for which period, and the rows — streamed from
 * the database a page at a time. Writing the workbook is src/exports' job.
 */
export const EXPORT_KINDS = [
  'visitors',
  'revisits',
  'signed',
  'workplan',
  'performance',
  'units',
  'expiry',
  'weekly',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Tables of how things stand today (R-UNIT-1 铺位表, R-UNIT-3 合同到期表): no period. */
const AS_OF_TODAY: ReadonlySet<ExportKind> = new Set(['units', 'expiry']);
const UNITS_PAGE = 500;

/** Plans look ahead; ledgers only back. */
const FORWARD_LOOKING: ReadonlySet<ExportKind> = new Set(['revisits', 'workplan']);
const MAX_AHEAD_DAYS = 31;
/** The tables with a phone column (masked unless a manager asks in a private chat, R-INFO-2). */
const HAS_PHONES: ReadonlySet<ExportKind> = new Set(['visitors', 'revisits']);

export interface ExportRange {
  from: string;
  to: string;
  /** Set when the range is a whole month or quarter (the performance table needs one). */
  period?: TargetPeriod;
}

export interface ExportRequest {
  kind: ExportKind;
  range: ExportRange;
  /** R-INFO-2: full phone numbers only for a manager in a private chat (and that export is recorded). */
  showPhones: boolean;
  /** open_id → name, for the agent columns. */
  names: Map<string, string>;
}

export type ExportRows =
  | { kind: 'visitors'; pages: AsyncIterable<VisitorExportRow[]> }
  | { kind: 'revisits'; pages: AsyncIterable<RevisitExportRow[]> }
  | { kind: 'signed'; pages: AsyncIterable<LedgerContract[]> }
  | { kind: 'workplan'; pages: AsyncIterable<WorkPlanExportRow[]> }
  | { kind: 'performance'; report: PerformanceReport }
  | { kind: 'units'; pages: AsyncIterable<UnitWithTenant[]>; expiringUntil: string }
  | { kind: 'expiry'; pages: AsyncIterable<UnitWithTenant[]>; today: string; expiringUntil: string }
  | { kind: 'weekly'; table: WeeklyTable };

/**
 * R-DIG-2's full weekly table (the card shows a phone-width digest of it): its column keys, one row
 * per agent and, last, the department's row (which counts the public pool's walk-ins too).
 */
export interface WeeklyTable {
  columns: readonly string[];
  rows: Array<Record<string, string | number>>;
}
/** Builds the weekly table for the week [from, to] (Monday to Sunday), as the weekly summary job does. */
export type WeeklyTableSource = (tx: Tx, week: { from: string; to: string }) => Promise<WeeklyTable>;

export class ExportService {
  constructor(
    private readonly deps: {
      clock: Clock;
      /** `forms`: the deadlines owed forms are judged by (R-FORM-3). */
      settings: {
        timezone: string;
        exportMaxDays: number;
        forms: Omit<OwedFormSettings, 'timezone'>;
        /** R-UNIT-3: leases ending within this many days are 即将到期 in the unit tables. */
        expiryWarningDays?: number;
      };
      targets: TargetService;
      /** The weekly summary's figures (computed like the job's); without it the weekly table is refused. */
      weekly?: WeeklyTableSource;
    },
  ) {}

  today(): string {
    return todayIn(this.deps.clock, this.deps.settings.timezone);
  }

  /**
   * Manager, leader and front desk export; an agent is refused. Everyone's commission is for
   * managers and leaders only (as `业绩` shows it), so the front desk gets the four master tables.
   */
  authorize(viewer: Member, kind: ExportKind): void {
    if (!hasRole(viewer, 'manager', 'leader', 'front_desk'))
      throw forbidden('error.forbidden_role', { roles: '招商部经理、上级领导、前台' });
    if (kind === 'performance' && !hasRole(viewer, 'manager', 'leader')) throw forbidden('export.err.performance_role');
    if (kind === 'weekly' && !hasRole(viewer, 'manager', 'leader')) throw forbidden('export.err.weekly_role');
  }

  /**
   * The period typed after the table's name: 本月 (default), 上月, 今天, 明天, 本季度, 2026-11, 2026-Q4,
   * 2026-11-01~2026-11-30 (or two dates with a space, 至, 到). A period that starts in the future
   * is refused for ledgers; plans may look up to a month ahead. The part after today is cut off
   * for ledgers (nothing is signed there yet).
   */
  range(kind: ExportKind, text: string | undefined): ExportRange {
    const today = this.today();
    if (AS_OF_TODAY.has(kind)) return { from: today, to: today };
    const s = (text ?? '').trim();
    if (kind === 'weekly') return this.weekRange(s, today);
    let r: ExportRange;
    if (s === '' || s === '本月') r = withPeriod(monthPeriod(today.slice(0, 7)));
    else if (s === '上月') r = withPeriod(monthPeriod(previousMonth(today.slice(0, 7))));
    else if (s === '今天' || s === '今日' || s === '当日') r = { from: today, to: today };
    else if (s === '明天' || s === '明日') r = { from: addDays(today, 1), to: addDays(today, 1) };
    else if (s === '本季度' || s === '本季') r = withPeriod(parsePeriod(quarterOf(today.slice(0, 7)), today)!);
    else {
      const two = /^(\d{4}-\d{2}-\d{2})\s*(?:~|～|至|到|-{1,2}|\s)\s*(\d{4}-\d{2}-\d{2})$/.exec(s);
      const one = /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
      if (two) r = { from: two[1]!, to: two[2]! };
      else if (one) r = { from: one, to: one };
      else {
        const p = parsePeriod(s, today);
        if (!p) throw invalidInput('export.err.period', { value: s.slice(0, 30) });
        r = withPeriod(p);
      }
    }
    if (!isValidIsoDate(r.from) || !isValidIsoDate(r.to))
      throw invalidInput('export.err.period', { value: s.slice(0, 30) });
    if (r.from > r.to) throw invalidInput('export.err.reversed', { from: r.from, to: r.to });
    if (kind === 'performance' && !r.period) throw invalidInput('export.err.performance_period');
    const limit = FORWARD_LOOKING.has(kind) ? addDays(today, MAX_AHEAD_DAYS) : today;
    if (r.from > limit)
      throw invalidInput(FORWARD_LOOKING.has(kind) ? 'export.err.too_far_ahead' : 'export.err.future', {
        from: r.from,
        today,
      });
    if (r.to > limit) r = { ...r, to: limit };
    if (daysBetween(r.from, r.to) + 1 > this.deps.settings.exportMaxDays)
      throw invalidInput('export.err.too_long', { max: this.deps.settings.exportMaxDays });
    return r;
  }

  /**
   * The weekly table is by week, Monday to Sunday: 上周 (the default, the week the Monday summary
   * reports), 本周, or the week of a date. A week that has not started is refused.
   */
  private weekRange(s: string, today: string): ExportRange {
    let day: string;
    if (s === '' || s === '上周') day = addDays(today, -7);
    else if (s === '本周') day = today;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(s) && isValidIsoDate(s)) day = s;
    else throw invalidInput('export.err.weekly_period', { value: s.slice(0, 30), example: addDays(today, -7) });
    const from = mondayOf(day);
    if (from > today) throw invalidInput('export.err.future', { from, today });
    return { from, to: addDays(from, 6) };
  }

  private expiringUntil(today: string): string {
    return addDays(today, this.deps.settings.expiryWarningDays ?? 90);
  }

  showPhones(viewer: Member, inGroup: boolean): boolean {
    return !inGroup && hasRole(viewer, 'manager');
  }

  /** Checks the asker and the period; reads member names once (small) for the agent columns. */
  async prepare(
    tx: Tx,
    viewer: Member,
    kind: ExportKind,
    periodText: string | undefined,
    inGroup: boolean,
  ): Promise<ExportRequest> {
    this.authorize(viewer, kind);
    const range = this.range(kind, periodText);
    const names = new Map((await tx.members.list()).map((m) => [m.openId, m.name]));
    const showPhones = this.showPhones(viewer, inGroup);
    if (showPhones && HAS_PHONES.has(kind)) {
      await tx.audit.append(
        {
          actor: viewer.openId,
          action: PHONES_EXPORTED,
          subjectType: 'export',
          subjectId: kind,
          after: { from: range.from, to: range.to },
          rule: 'R-INFO-2',
        },
        this.deps.clock.now(),
      );
    }
    return { kind, range, showPhones, names };
  }

  /**
   * R-FORM-3: visitor registrations owed for walk-ins whose deadline fell in the period and that were
   * never filed (as of now), as ledger rows marked 缺交 — derived from the events, like the digests.
   */
  private async missingVisitorForms(
    tx: Tx,
    from: string,
    to: string,
    w: { fromAt: Date; toAt: Date },
  ): Promise<VisitorExportRow[]> {
    const tz = this.deps.settings.timezone;
    const since = addDays(from, -OWED_LOOKBACK_DAYS);
    const facts = await tx.reports.owedFormFacts({ from: since, to, fromAt: startOfLocalDay(since, tz) });
    const calendar = await this.deps.targets.calendar.load(tx);
    const owed = deriveOwedForms(facts, { ...this.deps.settings.forms, timezone: tz }, calendar);
    const asOf = this.deps.clock.now();
    return missingIn(owed, { ...w, asOf })
      .filter((o) => o.kind === 'visitor')
      .map((o, i) => ({
        id: -(i + 1),
        regNo: null,
        filedAt: null,
        agentOpenId: o.agentOpenId,
        clientName: o.subject ?? '',
        shopName: null,
        contactPerson: null,
        phone: null,
        category: null,
        clientType: null,
        source: null,
        grade: null,
        state: '',
        late: false,
        incomplete: false,
        missing: true,
      }));
  }

  /** The rows, streamed; they must be consumed inside `tx`. */
  async rows(tx: Tx, req: ExportRequest): Promise<ExportRows> {
    const { from, to } = req.range;
    const tz = this.deps.settings.timezone;
    switch (req.kind) {
      case 'visitors': {
        const fromAt = startOfLocalDay(from, tz);
        const toAt = startOfLocalDay(addDays(to, 1), tz);
        // Filed forms, then (R-FORM-3) the ones owed in the period and never filed, as 缺交 rows.
        const missing = await this.missingVisitorForms(tx, from, to, { fromAt, toAt });
        return {
          kind: 'visitors',
          pages: maskPages(concatPages(tx.exportReader.visitors({ fromAt, toAt }), missing), req.showPhones),
        };
      }
      case 'revisits':
        return { kind: 'revisits', pages: maskPages(tx.exportReader.revisits({ from, to }), req.showPhones) };
      case 'signed':
        return { kind: 'signed', pages: tx.exportReader.signedContracts({ from, to }) };
      case 'workplan':
        return { kind: 'workplan', pages: tx.exportReader.workPlan({ from, to }) };
      case 'performance':
        return { kind: 'performance', report: await this.deps.targets.compute(tx, req.range.period!, to) };
      case 'units':
        return { kind: 'units', pages: unitPages(tx), expiringUntil: this.expiringUntil(to) };
      case 'expiry':
        // Every lease by its end date, soonest first (overdue ones not yet renewed or released at the top).
        return {
          kind: 'expiry',
          pages: onePage(() => tx.units.listExpiring('9999-12-31')),
          today: to,
          expiringUntil: this.expiringUntil(to),
        };
      case 'weekly':
        if (!this.deps.weekly) throw invalidInput('export.unknown_kind', { value: req.kind });
        return { kind: 'weekly', table: await this.deps.weekly(tx, { from, to }) };
    }
  }
}

async function* unitPages(tx: Tx): AsyncIterable<UnitWithTenant[]> {
  for (let offset = 0; ; offset += UNITS_PAGE) {
    const page = await tx.units.listAll(offset, UNITS_PAGE);
    if (page.length) yield page;
    if (page.length < UNITS_PAGE) return;
  }
}

async function* onePage<T>(read: () => Promise<T[]>): AsyncIterable<T[]> {
  const rows = await read();
  if (rows.length) yield rows;
}

/** One page after the others (an empty one is not yielded). */
async function* concatPages<T>(pages: AsyncIterable<T[]>, last: T[]): AsyncIterable<T[]> {
  yield* pages;
  if (last.length) yield last;
}

async function* maskPages<T extends { phone: string | null }>(
  pages: AsyncIterable<T[]>,
  show: boolean,
): AsyncIterable<T[]> {
  for await (const page of pages) {
    if (show) {
      yield page;
      continue;
    }
    const masked = page.map((r) => ({ ...r, phone: r.phone ? maskPhone(r.phone) : null }));
    page.length = 0; // not needed any more: don't keep it alive while the page is written
    yield masked;
  }
}

function withPeriod(p: TargetPeriod): ExportRange {
  return { from: p.from, to: p.to, period: p };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

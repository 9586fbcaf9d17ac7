import type { EntityManager } from 'typeorm';
import { toFen } from '../../domain/targets/money.js';
import { lastDayOfMonth } from '../../domain/targets/period.js';
import { REVISIT_STATUSES } from '../../domain/forms/form.js';
import type {
  ContractLedger,
  LedgerContract,
  ReportReader,
  RevisitExportRow,
  VisitorExportRow,
  WorkPlanExportRow,
} from '../../domain/targets/target.ports.js';

/**
 * Read-only views over other features' tables (signed contracts, visitor registrations, revisits,
 * signing plans, field visits) for targets and the exports. Every stream is keyset-paged so that a
 * year of a large department is read a page at a time, each page one indexed range scan.
 */
const PAGE = 500;

type Raw = Record<string, unknown>;

/*
 * The hot paths are plain SQL with `?` placeholders (the same on both drivers): a query builder
 * per page costs more than the page itself when a year is read in small pages.
 */
const SIGNED_SELECT =
  'SELECT s.id AS id, s.contract_no AS contract_no, s.client_id AS client_id, c.name AS client_name, s.agent_open_id AS agent_open_id, s.signed_date AS signed_date, ' +
  's.unit AS unit, s.area AS area, s.monthly_rent AS monthly_rent, s.entered_by AS entered_by FROM signed_contract s LEFT JOIN client c ON c.id = s.client_id';
const VISITOR_SELECT =
  'SELECT f.id AS id, f.filed_at AS filed_at, f.agent_open_id AS agent_open_id, f.late AS late, f.incomplete AS incomplete, c.reg_no AS reg_no, c.name AS name, ' +
  'c.shop_name AS shop_name, c.contact_person AS contact_person, c.phone AS phone, c.category AS category, c.client_type AS client_type, c.source AS source, ' +
  'c.grade AS grade, c.state AS state FROM form_record f LEFT JOIN client c ON c.id = f.client_id';
/**
 * R-FORM-3: a refused 撞单 is stored (its flags count against nobody) but is no registration: the
 * ledger leaves it out. Its outcome is in the stored payload as our own JSON.stringify wrote it; a
 * LIKE on that text works the same on MySQL and SQLite (their JSON functions differ in quoting).
 */
const COUNTED_VISITOR = `COALESCE(f.payload_json, '') NOT LIKE '%"outcome":"duplicate"%'`;
const REVISIT_SELECT =
  'SELECT r.id AS id, r.due_date AS due_date, r.agent_open_id AS agent_open_id, c.name AS client_name, c.phone AS phone, r.purpose AS purpose, r.status AS status, ' +
  'r.outcome_note AS outcome_note, r.resolved_at AS resolved_at FROM revisit r LEFT JOIN client c ON c.id = r.client_id';

/** DATETIME(3) as both drivers store and compare it: UTC `YYYY-MM-DD HH:MM:SS.sss`. */
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** DATETIME(3) comes back as a Date on MySQL (timezone 'Z') and as a UTC text on SQLite. */
function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
const optDate = (v: unknown) => (v === null || v === undefined ? null : toDate(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const centi = (v: unknown) => (v === null || v === undefined ? null : toFen(v as string | number));
const bool = (v: unknown) => v === true || v === 1 || v === '1';

function toContract(r: Raw): LedgerContract {
  return {
    id: Number(r.id),
    contractNo: String(r.contract_no),
    clientId: Number(r.client_id),
    clientName: str(r.client_name) ?? `#${r.client_id}`,
    agentOpenId: str(r.agent_open_id),
    signedDate: String(r.signed_date),
    unit: str(r.unit),
    areaCenti: centi(r.area),
    monthlyRentFen: centi(r.monthly_rent),
    enteredBy: String(r.entered_by),
  };
}

export class TypeOrmTargetReports implements ContractLedger, ReportReader {
  constructor(private readonly em: EntityManager) {}

  async signedBetween(from: string, to: string): Promise<LedgerContract[]> {
    const rows = (await this.em.query(
      `${SIGNED_SELECT} WHERE s.signed_date >= ? AND s.signed_date <= ? ORDER BY s.signed_date, s.id`,
      [from, to],
    )) as Raw[];
    return rows.map(toContract);
  }

  async *signedContracts(range: { from: string; to: string }, pageSize = PAGE): AsyncIterable<LedgerContract[]> {
    let after: [string, number] | undefined;
    for (;;) {
      // Sargable keyset: the range on signed_date uses idx_signed_date; the id only breaks ties.
      const rows = (await this.em.query(
        `${SIGNED_SELECT} WHERE s.signed_date >= ? AND s.signed_date <= ?${after ? ' AND s.signed_date >= ? AND (s.signed_date > ? OR s.id > ?)' : ''} ORDER BY s.signed_date, s.id LIMIT ${Number(pageSize)}`,
        after ? [range.from, range.to, after[0], after[0], after[1]] : [range.from, range.to],
      )) as Raw[];
      const page = rows.map(toContract);
      // The keyset is taken before yielding: a yielded page belongs to the consumer, which may empty it.
      if (page.length) after = [page[page.length - 1]!.signedDate, page[page.length - 1]!.id];
      if (page.length) yield page;
      if (rows.length < pageSize) return;
    }
  }

  async *visitors(range: { fromAt: Date; toAt: Date }, pageSize = PAGE): AsyncIterable<VisitorExportRow[]> {
    let after: [string, number] | undefined;
    for (;;) {
      // Keyset on (filed_at, id), sargable so that every page is a range scan of idx_form_filed.
      // After the first page the keyset's filed_at (≥ fromAt) is the only lower bound: given both
      // `filed_at >= fromAt` and `filed_at >= after`, SQLite scanned the index from fromAt on every
      // page, so a page near the end of a year cost ~20× one at the start (quadratic overall).
      const rows = (await this.em.query(
        `${VISITOR_SELECT} WHERE f.filed_at >= ? AND f.filed_at < ? AND f.kind = 'visitor' AND ${COUNTED_VISITOR}${after ? ' AND (f.filed_at > ? OR f.id > ?)' : ''} ORDER BY f.filed_at, f.id LIMIT ${Number(pageSize)}`,
        after ? [after[0], sqlTime(range.toAt), after[0], after[1]] : [sqlTime(range.fromAt), sqlTime(range.toAt)],
      )) as Raw[];
      const n = rows.length;
      if (n) after = [sqlTime(toDate(rows[n - 1]!.filed_at)), Number(rows[n - 1]!.id)];
      // Drop the raw rows before yielding: while the consumer writes this page, nothing should keep
      // them alive (they would survive young-generation GCs and pile up in the old generation).
      const page = rows.map(toVisitor);
      rows.length = 0;
      if (n) yield page;
      if (n < pageSize) return;
    }
  }

  async *revisits(range: { from: string; to: string }, pageSize = PAGE): AsyncIterable<RevisitExportRow[]> {
    let after: [string, number] | undefined;
    const statuses = REVISIT_STATUSES.map(() => '?').join(', ');
    for (;;) {
      // Every status listed, so that idx_revisit_status_due (status, due_date) serves the range.
      const rows = (await this.em.query(
        `${REVISIT_SELECT} WHERE r.status IN (${statuses}) AND r.due_date >= ? AND r.due_date <= ?${after ? ' AND r.due_date >= ? AND (r.due_date > ? OR r.id > ?)' : ''} ORDER BY r.due_date, r.id LIMIT ${Number(pageSize)}`,
        [...REVISIT_STATUSES, range.from, range.to, ...(after ? [after[0], after[0], after[1]] : [])],
      )) as Raw[];
      const page = rows.map(toRevisit);
      // The keyset is taken before yielding: a yielded page belongs to the consumer, which may empty it.
      if (page.length) after = [page[page.length - 1]!.dueDate, page[page.length - 1]!.id];
      if (page.length) yield page;
      if (rows.length < pageSize) return;
    }
  }

  /** 当日工作计划表 over a range: each day's revisits, signings and approved field visits, a month at a time. */
  async *workPlan(range: { from: string; to: string }): AsyncIterable<WorkPlanExportRow[]> {
    for (let month = range.from.slice(0, 7); month <= range.to.slice(0, 7); month = nextMonth(month)) {
      const from = month === range.from.slice(0, 7) ? range.from : `${month}-01`;
      const last = lastDayOfMonth(month);
      // Dates as YYYY-MM-DD strings: the earlier one sorts first.
      const to = range.to < last ? range.to : last;
      const rows: WorkPlanExportRow[] = [];
      for await (const page of this.revisits({ from, to })) {
        for (const r of page)
          rows.push({
            date: r.dueDate,
            agentOpenId: r.agentOpenId,
            kind: 'revisit',
            subject: r.clientName,
            detail: r.purpose,
            status: r.status,
          });
      }
      const signings = await this.em
        .createQueryBuilder()
        .from('signing_plan', 'p')
        .leftJoin('client', 'c', 'c.id = p.client_id')
        .select([
          'p.id AS id',
          'p.signing_date AS signing_date',
          'p.agent_open_id AS agent_open_id',
          'c.name AS client_name',
          'p.unit AS unit',
          'p.status AS status',
        ])
        .where('p.signing_date >= :from AND p.signing_date <= :to', { from, to })
        .orderBy('p.id', 'ASC')
        .getRawMany<Raw>();
      for (const s of signings)
        rows.push({
          date: String(s.signing_date),
          agentOpenId: String(s.agent_open_id),
          kind: 'signing',
          subject: str(s.client_name) ?? '',
          detail: str(s.unit),
          status: String(s.status),
        });
      const visits = await this.em
        .createQueryBuilder()
        .from('field_visit_plan', 'v')
        .select([
          'v.id AS id',
          'v.visit_date AS visit_date',
          'v.agent_open_id AS agent_open_id',
          'v.purpose AS purpose',
          'v.status AS status',
        ])
        .where('v.visit_date >= :from AND v.visit_date <= :to AND v.status = :approved', {
          from,
          to,
          approved: 'approved',
        })
        .orderBy('v.id', 'ASC')
        .getRawMany<Raw>();
      const places = await this.visitPlaces(visits.map((v) => Number(v.id)));
      for (const v of visits)
        rows.push({
          date: String(v.visit_date),
          agentOpenId: String(v.agent_open_id),
          kind: 'field_visit',
          subject: places.get(Number(v.id)) ?? '',
          detail: str(v.purpose),
          status: String(v.status),
        });
      const order = { revisit: 0, signing: 1, field_visit: 2 } as const;
      rows.sort((a, b) =>
        a.date < b.date
          ? -1
          : a.date > b.date
            ? 1
            : a.agentOpenId < b.agentOpenId
              ? -1
              : a.agentOpenId > b.agentOpenId
                ? 1
                : order[a.kind] - order[b.kind],
      );
      if (rows.length) yield rows;
    }
  }

  /** Each approved plan's clients and places, joined into one line. */
  private async visitPlaces(planIds: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (let i = 0; i < planIds.length; i += 500) {
      const ids = planIds.slice(i, i + 500);
      const rows = await this.em
        .createQueryBuilder()
        .from('field_visit_target', 't')
        .leftJoin('client', 'c', 'c.id = t.client_id')
        .select(['t.plan_id AS plan_id', 't.place AS place', 'c.name AS client_name', 't.position AS position'])
        .where('t.plan_id IN (:...ids)', { ids })
        .orderBy('t.plan_id', 'ASC')
        .addOrderBy('t.position', 'ASC')
        .getRawMany<Raw>();
      for (const r of rows) {
        const id = Number(r.plan_id);
        const name = str(r.client_name) ?? str(r.place) ?? '';
        out.set(id, out.has(id) ? `${out.get(id)}、${name}` : name);
      }
    }
    return out;
  }
}

function toVisitor(r: Raw): VisitorExportRow {
  return {
    id: Number(r.id),
    regNo: str(r.reg_no),
    filedAt: toDate(r.filed_at),
    agentOpenId: str(r.agent_open_id),
    clientName: str(r.name) ?? '',
    shopName: str(r.shop_name),
    contactPerson: str(r.contact_person),
    phone: str(r.phone),
    category: str(r.category),
    clientType: str(r.client_type),
    source: str(r.source),
    grade: str(r.grade),
    state: str(r.state) ?? '',
    late: bool(r.late),
    incomplete: bool(r.incomplete),
  };
}

function toRevisit(r: Raw): RevisitExportRow {
  return {
    id: Number(r.id),
    dueDate: String(r.due_date),
    agentOpenId: String(r.agent_open_id),
    clientName: str(r.client_name) ?? '',
    phone: str(r.phone),
    purpose: str(r.purpose),
    status: String(r.status),
    outcomeNote: str(r.outcome_note),
    resolvedAt: optDate(r.resolved_at),
  };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

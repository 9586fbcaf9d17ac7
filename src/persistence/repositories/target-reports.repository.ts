import type { EntityManager } from 'typeorm';
import { toFen } from '../../domain/targets/money.js';
import { lastDayOfMonth } from '../../domain/targets/period.js';
import { REVISIT_STATUSES } from '../../domain/forms/form.ports.js';
import type { ContractLedger, LedgerContract, ReportReader, RevisitExportRow, VisitorExportRow, WorkPlanExportRow } from '../../domain/targets/ports.js';

/**
 * Read-only views over other features' tables (signed contracts, visitor registrations, revisits,
 * signing plans, field visits) for targets and the exports. Every stream is keyset-paged so that a
 * year of a large department is read a page at a time, each page one indexed range scan.
 */
const PAGE = 2000;

type Raw = Record<string, unknown>;

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

  private signedQuery() {
    return this.em
      .createQueryBuilder()
      .from('signed_contract', 's')
      .leftJoin('client', 'c', 'c.id = s.client_id')
      .select(['s.id AS id', 's.contract_no AS contract_no', 's.client_id AS client_id', 'c.name AS client_name', 's.agent_open_id AS agent_open_id', 's.signed_date AS signed_date', 's.unit AS unit', 's.area AS area', 's.monthly_rent AS monthly_rent', 's.entered_by AS entered_by']);
  }

  async signedBetween(from: string, to: string): Promise<LedgerContract[]> {
    const rows = await this.signedQuery().where('s.signed_date >= :from AND s.signed_date <= :to', { from, to }).orderBy('s.signed_date', 'ASC').addOrderBy('s.id', 'ASC').getRawMany<Raw>();
    return rows.map(toContract);
  }

  async *signedContracts(range: { from: string; to: string }, pageSize = PAGE): AsyncIterable<LedgerContract[]> {
    let after: { d: string; id: number } | undefined;
    for (;;) {
      const qb = this.signedQuery().where('s.signed_date >= :from AND s.signed_date <= :to', range);
      // Sargable keyset: the range on signed_date uses idx_signed_date; the id only breaks ties.
      if (after) qb.andWhere('s.signed_date >= :d AND (s.signed_date > :d OR s.id > :id)', after);
      const rows = (await qb.orderBy('s.signed_date', 'ASC').addOrderBy('s.id', 'ASC').limit(pageSize).getRawMany<Raw>()).map(toContract);
      if (rows.length) yield rows;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      after = { d: last.signedDate, id: last.id };
    }
  }

  async *visitors(range: { fromAt: Date; toAt: Date }, pageSize = PAGE): AsyncIterable<VisitorExportRow[]> {
    let after: { at: Date; id: number } | undefined;
    for (;;) {
      const qb = this.em
        .createQueryBuilder()
        .from('form_record', 'f')
        .leftJoin('client', 'c', 'c.id = f.client_id')
        .select([
          'f.id AS id', 'f.filed_at AS filed_at', 'f.agent_open_id AS agent_open_id', 'f.late AS late', 'f.incomplete AS incomplete',
          'c.reg_no AS reg_no', 'c.name AS name', 'c.shop_name AS shop_name', 'c.contact_person AS contact_person', 'c.phone AS phone',
          'c.category AS category', 'c.client_type AS client_type', 'c.source AS source', 'c.grade AS grade', 'c.state AS state',
        ])
        .where('f.filed_at >= :fromAt AND f.filed_at < :toAt AND f.kind = :k', { k: 'visitor', ...range });
      // Keyset on (filed_at, id), sargable so that every page is a range scan of idx_form_filed.
      if (after) qb.andWhere('f.filed_at >= :at AND (f.filed_at > :at OR f.id > :id)', after);
      const rows = await qb.orderBy('f.filed_at', 'ASC').addOrderBy('f.id', 'ASC').limit(pageSize).getRawMany<Raw>();
      if (rows.length) {
        yield rows.map((r) => ({
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
        }));
      }
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      after = { at: toDate(last.filed_at), id: Number(last.id) };
    }
  }

  private revisitQuery() {
    return this.em
      .createQueryBuilder()
      .from('revisit', 'r')
      .leftJoin('client', 'c', 'c.id = r.client_id')
      .select(['r.id AS id', 'r.due_date AS due_date', 'r.agent_open_id AS agent_open_id', 'c.name AS client_name', 'c.phone AS phone', 'r.purpose AS purpose', 'r.status AS status', 'r.outcome_note AS outcome_note', 'r.resolved_at AS resolved_at']);
  }

  async *revisits(range: { from: string; to: string }, pageSize = PAGE): AsyncIterable<RevisitExportRow[]> {
    let after: { d: string; id: number } | undefined;
    for (;;) {
      // Every status listed, so that idx_revisit_status_due (status, due_date) serves the range.
      const qb = this.revisitQuery().where('r.status IN (:...statuses) AND r.due_date >= :from AND r.due_date <= :to', { ...range, statuses: REVISIT_STATUSES });
      if (after) qb.andWhere('r.due_date >= :d AND (r.due_date > :d OR r.id > :id)', after);
      const rows = await qb.orderBy('r.due_date', 'ASC').addOrderBy('r.id', 'ASC').limit(pageSize).getRawMany<Raw>();
      const mapped = rows.map(toRevisit);
      if (mapped.length) yield mapped;
      if (rows.length < pageSize) return;
      const last = mapped[mapped.length - 1]!;
      after = { d: last.dueDate, id: last.id };
    }
  }

  /** 当日工作计划表 over a range: each day's revisits, signings and approved field visits, a month at a time. */
  async *workPlan(range: { from: string; to: string }): AsyncIterable<WorkPlanExportRow[]> {
    for (let month = range.from.slice(0, 7); month <= range.to.slice(0, 7); month = nextMonth(month)) {
      const from = month === range.from.slice(0, 7) ? range.from : `${month}-01`;
      const last = lastDayOfMonth(month);
      const to = range.to < last ? range.to : last;
      const rows: WorkPlanExportRow[] = [];
      for await (const page of this.revisits({ from, to })) {
        for (const r of page) rows.push({ date: r.dueDate, agentOpenId: r.agentOpenId, kind: 'revisit', subject: r.clientName, detail: r.purpose, status: r.status });
      }
      const signings = await this.em
        .createQueryBuilder()
        .from('signing_plan', 'p')
        .leftJoin('client', 'c', 'c.id = p.client_id')
        .select(['p.id AS id', 'p.signing_date AS signing_date', 'p.agent_open_id AS agent_open_id', 'c.name AS client_name', 'p.unit AS unit', 'p.status AS status'])
        .where('p.signing_date >= :from AND p.signing_date <= :to', { from, to })
        .orderBy('p.id', 'ASC')
        .getRawMany<Raw>();
      for (const s of signings) rows.push({ date: String(s.signing_date), agentOpenId: String(s.agent_open_id), kind: 'signing', subject: str(s.client_name) ?? '', detail: str(s.unit), status: String(s.status) });
      const visits = await this.em
        .createQueryBuilder()
        .from('field_visit_plan', 'v')
        .select(['v.id AS id', 'v.visit_date AS visit_date', 'v.agent_open_id AS agent_open_id', 'v.purpose AS purpose', 'v.status AS status'])
        .where('v.visit_date >= :from AND v.visit_date <= :to AND v.status = :approved', { from, to, approved: 'approved' })
        .orderBy('v.id', 'ASC')
        .getRawMany<Raw>();
      const places = await this.visitPlaces(visits.map((v) => Number(v.id)));
      for (const v of visits) rows.push({ date: String(v.visit_date), agentOpenId: String(v.agent_open_id), kind: 'field_visit', subject: places.get(Number(v.id)) ?? '', detail: str(v.purpose), status: String(v.status) });
      const order = { revisit: 0, signing: 1, field_visit: 2 } as const;
      rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.agentOpenId < b.agentOpenId ? -1 : a.agentOpenId > b.agentOpenId ? 1 : order[a.kind] - order[b.kind]));
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

import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { OwedFormFacts, VisitorFiling } from '../../domain/forms/owed-forms.ports.js';
import { countableVisitorFilings, DOUBLE_TAP_WINDOW_MS, isRegistration } from '../../domain/forms/owed-forms.rules.js';
import type { ReportRepository } from '../../domain/jobs/report.ports.js';
import { emptyActivity, type ActivityReport, type AgentActivity } from '../../domain/jobs/report.js';
import { CARD_SOURCED, SELF_SOURCED, type DevelopmentCount } from '../../domain/kpi/funnel.js';

type Counted = {
  agent: string | null;
  n: string | number;
  late?: string | number;
  incomplete?: string | number;
  flagged?: string | number;
};

/**
 * Digest counts: one grouped query per measure, each on an index that starts with the filtered column
 * (day / filed_at / due_date / signed_date …), so a week or a month reads only its own rows.
 * Only counts and open_ids leave the database: no names, no phones.
 */
export class TypeOrmReportRepository implements ReportRepository {
  constructor(private readonly em: EntityManager) {}

  private qb(table: string, alias: string): SelectQueryBuilder<Record<string, unknown>> {
    return this.em.createQueryBuilder().from(table, alias) as SelectQueryBuilder<Record<string, unknown>>;
  }

  async activity(r: { from: string; to: string; fromAt: Date; toAt: Date }): Promise<ActivityReport> {
    const byAgent = new Map<string, AgentActivity>();
    const add = (rows: Counted[], field: keyof Omit<AgentActivity, 'agentOpenId'>) => {
      for (const row of rows) {
        if (!row.agent) continue;
        const a = byAgent.get(row.agent) ?? emptyActivity(row.agent);
        a[field] += Number(row.n);
        byAgent.set(row.agent, a);
      }
    };
    const walkIns = await this.qb('walk_in', 'w')
      .select('w.owner_open_id', 'agent')
      .addSelect('COUNT(*)', 'n')
      .where('w.day BETWEEN :from AND :to AND w.status IN (:...st)', {
        from: r.from,
        to: r.to,
        st: ['accepted', 'assigned'],
      })
      .groupBy('w.owner_open_id')
      .getRawMany<Counted>();
    add(walkIns, 'walkIns');
    add(
      await this.qb('rotation_member', 'm')
        .select('m.open_id', 'agent')
        .addSelect('SUM(m.passed)', 'n')
        .where('m.day BETWEEN :from AND :to', r)
        .groupBy('m.open_id')
        .getRawMany<Counted>(),
      'passes',
    );
    // Every form but the visitor registration: one grouped count (those are refused before anything is stored).
    const forms = await this.qb('form_record', 'f')
      .select('f.agent_open_id', 'agent')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN f.late = 1 THEN 1 ELSE 0 END)', 'late')
      .addSelect('SUM(CASE WHEN f.incomplete = 1 THEN 1 ELSE 0 END)', 'incomplete')
      .addSelect('SUM(CASE WHEN f.flagged = 1 THEN 1 ELSE 0 END)', 'flagged')
      .where('f.filed_at >= :fromAt AND f.filed_at < :toAt AND f.kind <> :k', { ...r, k: 'visitor' })
      .groupBy('f.agent_open_id')
      .getRawMany<Counted>();
    // Visitor registrations one by one: a 撞单 or a double tap is stored but never counted (R-FORM-3),
    // and only a form that issued a registration number is a registration.
    const visitors = countableVisitorFilings(
      await this.visitorFilings(new Date(r.fromAt.getTime() - DOUBLE_TAP_WINDOW_MS), r.toAt),
    ).filter((f) => f.filedAt.getTime() >= r.fromAt.getTime());
    for (const f of visitors) {
      if (!f.agentOpenId) continue;
      forms.push({
        agent: f.agentOpenId,
        n: 1,
        late: f.late ? 1 : 0,
        incomplete: f.incomplete ? 1 : 0,
        flagged: f.flagged ? 1 : 0,
      });
    }
    add(forms, 'formsFiled');
    add(
      forms.map((f) => ({ agent: f.agent, n: f.late ?? 0 })),
      'formsLate',
    );
    add(
      forms.map((f) => ({ agent: f.agent, n: f.incomplete ?? 0 })),
      'formsIncomplete',
    );
    add(
      forms.map((f) => ({ agent: f.agent, n: f.flagged ?? 0 })),
      'formsFlagged',
    );
    add(
      visitors.filter(isRegistration).map((f) => ({ agent: f.agentOpenId, n: 1 })),
      'registrations',
    );
    add(
      await this.qb('revisit', 'v')
        .select('v.agent_open_id', 'agent')
        .addSelect('COUNT(*)', 'n')
        .where('v.status = :st AND v.resolved_at >= :fromAt AND v.resolved_at < :toAt', { ...r, st: 'done' })
        .groupBy('v.agent_open_id')
        .getRawMany<Counted>(),
      'revisitsDone',
    );
    add(
      await this.qb('revisit', 'v')
        .select('v.agent_open_id', 'agent')
        .addSelect('COUNT(*)', 'n')
        .where('v.status = :st AND v.due_date < :to', { to: r.to, st: 'planned' })
        .groupBy('v.agent_open_id')
        .getRawMany<Counted>(),
      'revisitsOverdue',
    );
    add(
      await this.qb('signing_plan', 's')
        .select('s.agent_open_id', 'agent')
        .addSelect('COUNT(*)', 'n')
        .where('s.paid_date BETWEEN :from AND :to', r)
        .groupBy('s.agent_open_id')
        .getRawMany<Counted>(),
      'deposits',
    );
    const signed = await this.qb('signed_contract', 'c')
      .select('c.agent_open_id', 'agent')
      .addSelect('COUNT(*)', 'n')
      .where('c.signed_date BETWEEN :from AND :to', r)
      .groupBy('c.agent_open_id')
      .getRawMany<Counted>();
    add(signed, 'signed');
    const poolWalkIns = await this.qb('walk_in', 'w')
      .select('COUNT(*)', 'n')
      .where('w.day BETWEEN :from AND :to AND w.status = :st', { ...r, st: 'pool' })
      .getRawOne<{ n: string | number }>();
    return {
      agents: [...byAgent.values()].sort((a, b) => a.agentOpenId.localeCompare(b.agentOpenId)),
      pool: {
        walkIns: Number(poolWalkIns?.n ?? 0),
        signed: signed.filter((s) => !s.agent).reduce((n, s) => n + Number(s.n), 0),
      },
    };
  }

  async development(r: { fromAt: Date; toAt: Date }): Promise<DevelopmentCount[]> {
    // idx_client_created_dev (created_at, source, owner_kind, owner_open_id) covers it: one index range.
    const rows = await this.qb('client', 'c')
      .select('c.owner_open_id', 'agent')
      .addSelect('c.source', 'source')
      .addSelect('COUNT(*)', 'n')
      .where('c.created_at >= :fromAt AND c.created_at < :toAt AND c.owner_kind = :k AND c.source IN (:...src)', {
        ...r,
        k: 'agent',
        src: [...CARD_SOURCED, ...SELF_SOURCED],
      })
      .groupBy('c.owner_open_id')
      .addGroupBy('c.source')
      .getRawMany<{ agent: string | null; source: string; n: string | number }>();
    const by = new Map<string, DevelopmentCount>();
    for (const row of rows) {
      if (!row.agent) continue;
      const d = by.get(row.agent) ?? { agentOpenId: row.agent, card: 0, self: 0 };
      if ((CARD_SOURCED as readonly string[]).includes(row.source)) d.card += Number(row.n);
      else d.self += Number(row.n);
      by.set(row.agent, d);
    }
    return [...by.values()].sort((a, b) => a.agentOpenId.localeCompare(b.agentOpenId));
  }

  /** Visitor forms filed in [fromAt, toAt) (no upper bound when absent), oldest first. */
  private async visitorFilings(fromAt: Date, toAt?: Date, agentOpenId?: string): Promise<VisitorFiling[]> {
    const q = this.qb('form_record', 'f')
      .select([
        'f.id AS id',
        'f.agent_open_id AS agent',
        'f.client_id AS client_id',
        'f.filed_at AS filed_at',
        'f.late AS late',
        'f.incomplete AS incomplete',
        'f.flagged AS flagged',
        'f.dedupe_key AS dedupe_key',
        'f.payload_json AS payload',
      ])
      .where('f.filed_at >= :fromAt AND f.kind = :k', { fromAt, k: 'visitor' });
    if (toAt) q.andWhere('f.filed_at < :toAt', { toAt });
    if (agentOpenId) q.andWhere('f.agent_open_id = :agent', { agent: agentOpenId });
    const rows = await q.orderBy('f.filed_at', 'ASC').addOrderBy('f.id', 'ASC').getRawMany<Raw>();
    return rows.map((row) => {
      const payload = parsePayload(row.payload);
      const { outcome, walkInId, ...values } = payload;
      const fromKey = /^visitor:walkin:(\d+)$/.exec(String(row.dedupe_key ?? ''))?.[1];
      const walkIn = walkInId ?? fromKey;
      return {
        id: Number(row.id),
        agentOpenId: str(row.agent),
        clientId: row.client_id === null || row.client_id === undefined ? null : Number(row.client_id),
        filedAt: toDate(row.filed_at),
        walkInId: walkIn === undefined || walkIn === null ? null : Number(walkIn),
        outcome: typeof outcome === 'string' ? outcome : null,
        late: bool(row.late),
        incomplete: bool(row.incomplete),
        flagged: bool(row.flagged),
        values,
      };
    });
  }

  async owedFormFacts(r: { from: string; to: string; fromAt: Date; agentOpenId?: string }): Promise<OwedFormFacts> {
    const agent = (alias: string) => (r.agentOpenId ? ` AND ${alias}.agent_open_id = :agent` : '');
    const p = { from: r.from, to: r.to, agent: r.agentOpenId };
    const walkIns = await this.qb('walk_in', 'w')
      .leftJoin('client', 'c', 'c.id = w.client_id')
      .select([
        'w.id AS id',
        'w.owner_open_id AS agent',
        'w.client_id AS client_id',
        'w.day AS day',
        'w.decided_at AS decided_at',
        'w.arrived_at AS arrived_at',
        'w.name AS typed_name',
        'c.name AS client_name',
      ])
      .where(
        `w.day BETWEEN :from AND :to AND w.status IN (:...st) AND w.owner_open_id IS NOT NULL${r.agentOpenId ? ' AND w.owner_open_id = :agent' : ''}`,
        { ...p, st: ['accepted', 'assigned'] },
      )
      .orderBy('w.id', 'ASC')
      .getRawMany<Raw>();
    const plans = await this.qb('field_visit_plan', 'p')
      .leftJoin('visit_log', 'l', 'l.plan_id = p.id')
      .select(['p.id AS id', 'p.agent_open_id AS agent', 'p.visit_date AS visit_date', 'l.filed_at AS log_filed_at'])
      .where(`p.status = :approved AND p.visit_date BETWEEN :from AND :to${agent('p')}`, { ...p, approved: 'approved' })
      .orderBy('p.id', 'ASC')
      .getRawMany<Raw>();
    const subjects = new Map<number, string[]>();
    const planIds = plans.map((x) => Number(x.id));
    for (let i = 0; i < planIds.length; i += 500) {
      const targets = await this.qb('field_visit_target', 't')
        .leftJoin('client', 'c', 'c.id = t.client_id')
        .select(['t.plan_id AS plan_id', 't.place AS place', 'c.name AS client_name'])
        .where('t.plan_id IN (:...ids)', { ids: planIds.slice(i, i + 500) })
        .orderBy('t.plan_id', 'ASC')
        .addOrderBy('t.position', 'ASC')
        .getRawMany<Raw>();
      for (const t of targets) {
        const name = str(t.client_name) ?? str(t.place);
        if (name) subjects.set(Number(t.plan_id), [...(subjects.get(Number(t.plan_id)) ?? []), name]);
      }
    }
    const deposits = await this.qb('signing_plan', 's')
      .leftJoin('client', 'c', 'c.id = s.client_id')
      .select([
        's.id AS id',
        's.agent_open_id AS agent',
        's.client_id AS client_id',
        'c.name AS client_name',
        's.paid_date AS paid_date',
        's.created_at AS created_at',
      ])
      .where(`s.paid_date BETWEEN :from AND :to${agent('s')}`, p)
      .orderBy('s.id', 'ASC')
      .getRawMany<Raw>();
    const contracts = await this.qb('signed_contract', 's')
      .leftJoin('client', 'c', 'c.id = s.client_id')
      .leftJoin('contract_collection', 'k', 'k.contract_no = s.contract_no')
      .select([
        's.contract_no AS contract_no',
        's.agent_open_id AS agent',
        's.client_id AS client_id',
        'c.name AS client_name',
        's.signed_date AS signed_date',
        's.created_at AS created_at',
        'k.created_at AS collected_at',
      ])
      .where(`s.signed_date BETWEEN :from AND :to AND s.agent_open_id IS NOT NULL${agent('s')}`, p)
      .orderBy('s.id', 'ASC')
      .getRawMany<Raw>();
    const revisits = await this.qb('revisit', 'v')
      .leftJoin('client', 'c', 'c.id = v.client_id')
      .select([
        'v.id AS id',
        'v.agent_open_id AS agent',
        'v.client_id AS client_id',
        'c.name AS client_name',
        'v.due_date AS due_date',
        'v.status AS status',
        'v.resolved_at AS resolved_at',
      ])
      .where(`v.due_date BETWEEN :from AND :to${agent('v')}`, p)
      .orderBy('v.id', 'ASC')
      .getRawMany<Raw>();
    return {
      walkIns: walkIns.map((w) => ({
        walkInId: Number(w.id),
        agentOpenId: String(w.agent),
        clientId: w.client_id === null || w.client_id === undefined ? null : Number(w.client_id),
        clientName: str(w.client_name) ?? str(w.typed_name),
        day: String(w.day),
        acceptedAt: toDate(w.decided_at ?? w.arrived_at),
      })),
      visitorFilings: await this.visitorFilings(r.fromAt, undefined, r.agentOpenId),
      visits: plans.map((v) => ({
        planId: Number(v.id),
        agentOpenId: String(v.agent),
        visitDate: String(v.visit_date),
        subjects: subjects.get(Number(v.id)) ?? [],
        logFiledAt: optDate(v.log_filed_at),
      })),
      deposits: deposits.map((d) => ({
        signingPlanId: Number(d.id),
        agentOpenId: String(d.agent),
        clientId: Number(d.client_id),
        clientName: str(d.client_name),
        paidDate: String(d.paid_date),
        planFiledAt: toDate(d.created_at),
      })),
      contracts: contracts.map((c) => ({
        contractNo: String(c.contract_no),
        agentOpenId: String(c.agent),
        clientId: Number(c.client_id),
        clientName: str(c.client_name),
        signedDate: String(c.signed_date),
        enteredAt: toDate(c.created_at),
        collectedAt: optDate(c.collected_at),
      })),
      revisits: revisits.map((v) => ({
        revisitId: Number(v.id),
        agentOpenId: String(v.agent),
        clientId: Number(v.client_id),
        clientName: str(v.client_name),
        dueDate: String(v.due_date),
        resolvedAt: v.status === 'planned' ? null : (optDate(v.resolved_at) ?? new Date(0)),
      })),
    };
  }
}

type Raw = Record<string, unknown>;

/** DATETIME(3) comes back as a Date on MySQL and as a UTC text on SQLite. */
function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
const optDate = (v: unknown) => (v === null || v === undefined ? null : toDate(v));
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const bool = (v: unknown) => v === true || v === 1 || v === '1';

function parsePayload(v: unknown): Record<string, unknown> {
  if (typeof v !== 'string' || !v) return {};
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { emptyActivity, type ActivityReport, type AgentActivity, type ReportRepository } from '../../domain/jobs/report.ports.js';

type Counted = { agent: string | null; n: string | number; late?: string | number; incomplete?: string | number; flagged?: string | number };

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
      .select('w.owner_open_id', 'agent').addSelect('COUNT(*)', 'n')
      .where('w.day BETWEEN :from AND :to AND w.status IN (:...st)', { from: r.from, to: r.to, st: ['accepted', 'assigned'] })
      .groupBy('w.owner_open_id').getRawMany<Counted>();
    add(walkIns, 'walkIns');
    add(await this.qb('rotation_member', 'm').select('m.open_id', 'agent').addSelect('SUM(m.passed)', 'n').where('m.day BETWEEN :from AND :to', r).groupBy('m.open_id').getRawMany<Counted>(), 'passes');
    const forms = await this.qb('form_record', 'f')
      .select('f.agent_open_id', 'agent').addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN f.late = 1 THEN 1 ELSE 0 END)', 'late')
      .addSelect('SUM(CASE WHEN f.incomplete = 1 THEN 1 ELSE 0 END)', 'incomplete')
      .addSelect('SUM(CASE WHEN f.flagged = 1 THEN 1 ELSE 0 END)', 'flagged')
      .where('f.filed_at >= :fromAt AND f.filed_at < :toAt', r)
      .groupBy('f.agent_open_id').getRawMany<Counted>();
    add(forms, 'formsFiled');
    add(forms.map((f) => ({ agent: f.agent, n: f.late ?? 0 })), 'formsLate');
    add(forms.map((f) => ({ agent: f.agent, n: f.incomplete ?? 0 })), 'formsIncomplete');
    add(forms.map((f) => ({ agent: f.agent, n: f.flagged ?? 0 })), 'formsFlagged');
    add(await this.qb('form_record', 'f').select('f.agent_open_id', 'agent').addSelect('COUNT(*)', 'n').where('f.filed_at >= :fromAt AND f.filed_at < :toAt AND f.kind = :k', { ...r, k: 'visitor' }).groupBy('f.agent_open_id').getRawMany<Counted>(), 'registrations');
    add(await this.qb('revisit', 'v').select('v.agent_open_id', 'agent').addSelect('COUNT(*)', 'n').where('v.status = :st AND v.resolved_at >= :fromAt AND v.resolved_at < :toAt', { ...r, st: 'done' }).groupBy('v.agent_open_id').getRawMany<Counted>(), 'revisitsDone');
    add(await this.qb('revisit', 'v').select('v.agent_open_id', 'agent').addSelect('COUNT(*)', 'n').where('v.status = :st AND v.due_date < :to', { to: r.to, st: 'planned' }).groupBy('v.agent_open_id').getRawMany<Counted>(), 'revisitsOverdue');
    add(await this.qb('signing_plan', 's').select('s.agent_open_id', 'agent').addSelect('COUNT(*)', 'n').where('s.paid_date BETWEEN :from AND :to', r).groupBy('s.agent_open_id').getRawMany<Counted>(), 'deposits');
    const signed = await this.qb('signed_contract', 'c').select('c.agent_open_id', 'agent').addSelect('COUNT(*)', 'n').where('c.signed_date BETWEEN :from AND :to', r).groupBy('c.agent_open_id').getRawMany<Counted>();
    add(signed, 'signed');
    const poolWalkIns = await this.qb('walk_in', 'w').select('COUNT(*)', 'n').where('w.day BETWEEN :from AND :to AND w.status = :st', { ...r, st: 'pool' }).getRawOne<{ n: string | number }>();
    return {
      agents: [...byAgent.values()].sort((a, b) => a.agentOpenId.localeCompare(b.agentOpenId)),
      pool: { walkIns: Number(poolWalkIns?.n ?? 0), signed: signed.filter((s) => !s.agent).reduce((n, s) => n + Number(s.n), 0) },
    };
  }
}

import { In, type EntityManager } from 'typeorm';
import type { OpenedTenant, SatisfactionAverage, SatisfactionSurvey } from '../../domain/feedback/satisfaction.js';
import type { SatisfactionRepository } from '../../domain/feedback/satisfaction.ports.js';
import { TenantSatisfactionEntity, type TenantSatisfactionRow } from '../entities/feedback.entities.js';
import { isDuplicateKey } from '../json.js';

export class TypeOrmSatisfactionRepository implements SatisfactionRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(TenantSatisfactionEntity);
  }

  async openedTenants(asOf: string): Promise<OpenedTenant[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select('o.contract_no', 'contract_no')
      .addSelect('o.opened_date', 'opened_date')
      .addSelect('s.client_id', 'client_id')
      .addSelect('s.agent_open_id', 'agent_open_id')
      .from('contract_opening', 'o')
      .innerJoin('signed_contract', 's', 's.contract_no = o.contract_no')
      .where('o.opened_date <= :asOf', { asOf })
      .orderBy('o.opened_date', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getRawMany<{ contract_no: string; opened_date: string; client_id: number; agent_open_id: string | null }>();
    return rows.map((r) => ({
      contractNo: r.contract_no,
      openedDate: r.opened_date,
      clientId: Number(r.client_id),
      agentOpenId: r.agent_open_id,
    }));
  }

  async periodsOf(clientIds: number[]): Promise<Array<{ clientId: number; period: string }>> {
    if (clientIds.length === 0) return [];
    const rows = await this.repo.find({
      select: { client_id: true, period: true },
      where: { client_id: In(clientIds) },
    });
    return rows.map((r) => ({ clientId: r.client_id, period: r.period }));
  }

  async create(
    s: { clientId: number; agentOpenId: string | null; period: string },
    now: Date,
  ): Promise<SatisfactionSurvey | undefined> {
    try {
      const res = await this.repo.insert({
        client_id: s.clientId,
        agent_open_id: s.agentOpenId,
        period: s.period,
        score: null,
        note: null,
        prompted_at: now,
        recorded_date: null,
        recorded_by: null,
      });
      return toSurvey((await this.repo.findOneBy({ id: Number(res.identifiers[0]?.id) }))!);
    } catch (err) {
      if (isDuplicateKey(err)) return undefined;
      throw err;
    }
  }

  async get(id: number): Promise<SatisfactionSurvey | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toSurvey(row) : undefined;
  }

  async record(id: number, score: number, note: string | null, by: string, date: string): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ score, note, recorded_by: by, recorded_date: date })
      .where('id = :id AND score IS NULL', { id })
      .execute();
    return res.affected === 1;
  }

  async averages(from: string, to: string): Promise<SatisfactionAverage[]> {
    // ix_tenant_satisfaction_recorded (recorded_date, agent_open_id) bounds the month.
    const rows = await this.em
      .createQueryBuilder()
      .select('t.agent_open_id', 'agent')
      .addSelect('SUM(t.score)', 'total')
      .addSelect('COUNT(*)', 'n')
      .from('tenant_satisfaction', 't')
      .where('t.recorded_date BETWEEN :from AND :to AND t.score IS NOT NULL', { from, to })
      .groupBy('t.agent_open_id')
      .getRawMany<{ agent: string | null; total: string | number; n: string | number }>();
    return rows
      .filter((r) => r.agent)
      .map((r) => ({
        agentOpenId: r.agent!,
        count: Number(r.n),
        average: Math.round((Number(r.total) / Number(r.n)) * 100) / 100,
      }))
      .sort((a, b) => a.agentOpenId.localeCompare(b.agentOpenId));
  }
}

function toSurvey(r: TenantSatisfactionRow): SatisfactionSurvey {
  return {
    id: r.id,
    clientId: r.client_id,
    agentOpenId: r.agent_open_id,
    period: r.period,
    score: r.score === null ? null : Number(r.score),
    note: r.note,
    promptedAt: new Date(r.prompted_at),
    recordedDate: r.recorded_date,
    recordedBy: r.recorded_by,
  };
}

import type { EntityManager } from 'typeorm';
import type { RevisitRepository } from '../../domain/forms/form.ports.js';
import type { Revisit, RevisitStatus } from '../../domain/forms/form.js';
import { RevisitEntity, type RevisitRow } from '../entities/forms.entities.js';

export class TypeOrmRevisitRepository implements RevisitRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(RevisitEntity);
  }

  async create(
    r: Pick<Revisit, 'clientId' | 'agentOpenId' | 'dueDate' | 'purpose' | 'rescheduledFromId'>,
    now: Date,
  ): Promise<Revisit> {
    const res = await this.repo.insert({
      client_id: r.clientId,
      agent_open_id: r.agentOpenId,
      due_date: r.dueDate,
      purpose: r.purpose,
      status: 'planned',
      outcome_note: null,
      rescheduled_from_id: r.rescheduledFromId,
      resolved_by: null,
      resolved_at: null,
      created_at: now,
    });
    return (await this.get(Number(res.identifiers[0]?.id)))!;
  }

  async get(id: number): Promise<Revisit | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toRevisit(row) : undefined;
  }

  async resolve(
    id: number,
    status: Exclude<RevisitStatus, 'planned'>,
    note: string | null,
    by: string,
    at: Date,
  ): Promise<boolean> {
    const res = await this.repo.update(
      { id, status: 'planned' },
      { status, outcome_note: note, resolved_by: by, resolved_at: at },
    );
    return res.affected === 1;
  }

  async listOpenDueBy(date: string, agentOpenId?: string): Promise<Revisit[]> {
    const qb = this.repo
      .createQueryBuilder('r')
      .where('r.status = :s', { s: 'planned' })
      .andWhere('r.due_date <= :date', { date });
    if (agentOpenId) qb.andWhere('r.agent_open_id = :agent', { agent: agentOpenId });
    const rows = await qb
      .orderBy('r.agent_open_id', 'ASC')
      .addOrderBy('r.due_date', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    return rows.map(toRevisit);
  }

  async listOpenForClient(clientId: number): Promise<Revisit[]> {
    const rows = await this.repo.find({
      where: { client_id: clientId, status: 'planned' },
      order: { due_date: 'ASC', id: 'ASC' },
    });
    return rows.map(toRevisit);
  }

  async closeOpenForClient(clientId: number, status: 'done' | 'lost', by: string, at: Date): Promise<number> {
    const res = await this.repo.update(
      { client_id: clientId, status: 'planned' },
      { status, resolved_by: by, resolved_at: at },
    );
    return res.affected ?? 0;
  }
}

function toRevisit(r: RevisitRow): Revisit {
  return {
    id: r.id,
    clientId: r.client_id,
    agentOpenId: r.agent_open_id,
    dueDate: r.due_date,
    purpose: r.purpose,
    status: r.status as RevisitStatus,
    outcomeNote: r.outcome_note,
    rescheduledFromId: r.rescheduled_from_id,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
    createdAt: new Date(r.created_at),
  };
}

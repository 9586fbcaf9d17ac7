import { In, type EntityManager } from 'typeorm';
import type { ApprovalStatus } from '../../domain/approvals/approval.js';
import type { Grade } from '../../domain/clients/client.js';
import { conflict } from '../../domain/shared/errors.js';
import type {
  FieldVisitPlan,
  NewLog,
  NewPlan,
  UnvisitedClient,
  VisitLog,
} from '../../domain/field-visits/field-visit.js';
import type { FieldVisitRepository } from '../../domain/field-visits/field-visit.ports.js';
import { ClientEntity } from '../entities/clients.entities.js';
import {
  FieldVisitPlanEntity,
  FieldVisitTargetEntity,
  VisitLogEntity,
  VisitOutcomeEntity,
  type FieldVisitPlanRow,
  type VisitLogRow,
} from '../entities/field-visits.entities.js';
import { isDuplicateKey } from '../json.js';

export class TypeOrmFieldVisitRepository implements FieldVisitRepository {
  constructor(private readonly em: EntityManager) {}

  private get plans() {
    return this.em.getRepository(FieldVisitPlanEntity);
  }
  private get targets() {
    return this.em.getRepository(FieldVisitTargetEntity);
  }
  private get logs() {
    return this.em.getRepository(VisitLogEntity);
  }
  private get outcomes() {
    return this.em.getRepository(VisitOutcomeEntity);
  }

  async createPlan(p: NewPlan, now: Date): Promise<FieldVisitPlan> {
    const res = await this.plans.insert({
      agent_open_id: p.agentOpenId,
      visit_date: p.visitDate,
      purpose: p.purpose,
      status: 'pending',
      approval_id: null,
      created_at: now,
      updated_at: now,
    });
    const id = Number(res.identifiers[0]?.id);
    const rows = [
      ...p.clientIds.map((clientId, i) => ({ plan_id: id, client_id: clientId, place: null, position: i })),
      ...p.places.map((place, i) => ({ plan_id: id, client_id: null, place, position: p.clientIds.length + i })),
    ];
    if (rows.length) await this.targets.insert(rows);
    return (await this.getPlan(id))!;
  }

  async getPlan(id: number): Promise<FieldVisitPlan | undefined> {
    const row = await this.plans.findOneBy({ id });
    return row ? (await this.withTargets([row]))[0] : undefined;
  }

  async setApproval(planId: number, approvalId: number): Promise<void> {
    await this.plans.update({ id: planId }, { approval_id: approvalId });
  }

  async setStatus(planId: number, status: ApprovalStatus, now: Date): Promise<void> {
    await this.plans.update({ id: planId }, { status, updated_at: now });
  }

  async listAwaitingLog(agentOpenId: string, byDate: string, limit: number): Promise<FieldVisitPlan[]> {
    return this.awaitingLog(byDate, limit, agentOpenId);
  }

  async listAllAwaitingLog(byDate: string, limit: number): Promise<FieldVisitPlan[]> {
    return this.awaitingLog(byDate, limit);
  }

  private async awaitingLog(byDate: string, limit: number, agentOpenId?: string): Promise<FieldVisitPlan[]> {
    const q = this.plans
      .createQueryBuilder('p')
      .where('p.status = :approved AND p.visit_date <= :by', { approved: 'approved', by: byDate })
      .andWhere('NOT EXISTS (SELECT 1 FROM visit_log l WHERE l.plan_id = p.id)');
    if (agentOpenId) q.andWhere('p.agent_open_id = :agent', { agent: agentOpenId });
    const rows = await q.orderBy('p.visit_date', 'ASC').addOrderBy('p.id', 'ASC').limit(limit).getMany();
    return this.withTargets(rows);
  }

  async listApprovedOn(date: string): Promise<FieldVisitPlan[]> {
    const rows = await this.plans.find({
      where: { visit_date: date, status: 'approved' },
      order: { agent_open_id: 'ASC', id: 'ASC' },
    });
    return this.withTargets(rows);
  }

  async createLog(l: NewLog): Promise<VisitLog> {
    let id: number;
    try {
      const res = await this.logs.insert({
        plan_id: l.planId,
        agent_open_id: l.agentOpenId,
        visit_date: l.visitDate,
        summary: l.summary,
        filed_at: l.filedAt,
        due_at: l.dueAt,
        late: l.late,
        reviewed_by: null,
        reviewed_at: null,
        review_comment: null,
      });
      id = Number(res.identifiers[0]?.id);
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('visit.log.already_filed');
      throw err;
    }
    if (l.outcomes.length)
      await this.outcomes.insert(
        l.outcomes.map((o) => ({ log_id: id, client_id: o.clientId, outcome: o.outcome, grade: o.grade })),
      );
    return (await this.getLog(id))!;
  }

  async getLog(id: number): Promise<VisitLog | undefined> {
    const row = await this.logs.findOneBy({ id });
    return row ? (await this.withOutcomes([row]))[0] : undefined;
  }

  async markReviewed(id: number, by: string, comment: string | null, at: Date): Promise<boolean> {
    const res = await this.logs
      .createQueryBuilder()
      .update()
      .set({ reviewed_by: by, reviewed_at: at, review_comment: comment })
      .where('id = :id AND reviewed_at IS NULL', { id })
      .execute();
    return res.affected === 1;
  }

  async listUnreviewed(limit: number): Promise<{ items: VisitLog[]; total: number }> {
    const qb = this.logs.createQueryBuilder('l').where('l.reviewed_at IS NULL');
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('l.filed_at', 'ASC').addOrderBy('l.id', 'ASC').limit(limit).getMany();
    return { items: await this.withOutcomes(rows), total };
  }

  async listUnvisited(q: {
    ownerOpenId?: string;
    limit: number;
  }): Promise<{ items: UnvisitedClient[]; total: number }> {
    const qb = this.em
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .where('c.state <> :lost', { lost: 'lost' })
      .andWhere('NOT EXISTS (SELECT 1 FROM visit_outcome o WHERE o.client_id = c.id)');
    if (q.ownerOpenId) qb.andWhere('c.owner_open_id = :owner', { owner: q.ownerOpenId });
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('c.owner_open_id', 'ASC').addOrderBy('c.id', 'ASC').limit(q.limit).getMany();
    return {
      items: rows.map((c) => ({
        clientId: c.id,
        name: c.name,
        shopName: c.shop_name,
        ownerOpenId: c.owner_kind === 'agent' ? c.owner_open_id : null,
      })),
      total,
    };
  }

  private async withTargets(rows: FieldVisitPlanRow[]): Promise<FieldVisitPlan[]> {
    if (rows.length === 0) return [];
    const targets = await this.targets.find({
      where: { plan_id: In(rows.map((r) => r.id)) },
      order: { position: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => {
      const mine = targets.filter((t) => t.plan_id === r.id);
      return {
        id: r.id,
        agentOpenId: r.agent_open_id,
        visitDate: r.visit_date,
        purpose: r.purpose,
        status: r.status as ApprovalStatus,
        approvalId: r.approval_id,
        clientIds: mine.filter((t) => t.client_id !== null).map((t) => Number(t.client_id)),
        places: mine.filter((t) => t.place !== null).map((t) => t.place!),
        createdAt: new Date(r.created_at),
      };
    });
  }

  private async withOutcomes(rows: VisitLogRow[]): Promise<VisitLog[]> {
    if (rows.length === 0) return [];
    const outs = await this.outcomes.find({ where: { log_id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      planId: r.plan_id,
      agentOpenId: r.agent_open_id,
      visitDate: r.visit_date,
      summary: r.summary ?? '',
      outcomes: outs
        .filter((o) => o.log_id === r.id)
        .map((o) => ({ clientId: o.client_id, outcome: o.outcome, grade: (o.grade as Grade | null) ?? null })),
      filedAt: new Date(r.filed_at),
      dueAt: new Date(r.due_at),
      late: Boolean(r.late),
      reviewedBy: r.reviewed_by,
      reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
      reviewComment: r.review_comment,
    }));
  }
}

import type { EntityManager } from 'typeorm';
import type {
  Feedback,
  FeedbackKind,
  FeedbackStatus,
  NewFeedback,
  OpenFeedback,
} from '../../domain/feedback/feedback.js';
import type { FeedbackRepository } from '../../domain/feedback/feedback.ports.js';
import { TenantFeedbackEntity, type TenantFeedbackRow } from '../entities/feedback.entities.js';

export class TypeOrmFeedbackRepository implements FeedbackRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(TenantFeedbackEntity);
  }

  async add(f: NewFeedback): Promise<Feedback> {
    const res = await this.repo.insert({
      client_id: f.clientId,
      kind: f.kind,
      content: f.content,
      owner_open_id: f.ownerOpenId,
      logged_by: f.loggedBy,
      logged_at: f.loggedAt,
      due_date: f.dueDate,
      status: 'open',
      resolution: null,
      closed_by: null,
      closed_at: null,
    });
    return toFeedback((await this.repo.findOneBy({ id: Number(res.identifiers[0]?.id) }))!);
  }

  async get(id: number): Promise<Feedback | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toFeedback(row) : undefined;
  }

  async close(id: number, by: string, resolution: string, at: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'closed', resolution, closed_by: by, closed_at: at })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .execute();
    return res.affected === 1;
  }

  async listOpen(f: { ownerOpenId?: string; limit: number }): Promise<OpenFeedback[]> {
    // ix_tenant_feedback_open (status, due_date) serves the filter and the order.
    const qb = this.em
      .createQueryBuilder()
      .select('f.*')
      .addSelect('c.name', 'client_name')
      .from('tenant_feedback', 'f')
      .leftJoin('client', 'c', 'c.id = f.client_id')
      .where('f.status = :open', { open: 'open' });
    if (f.ownerOpenId) qb.andWhere('f.owner_open_id = :o', { o: f.ownerOpenId });
    const rows = await qb.orderBy('f.due_date', 'ASC').addOrderBy('f.id', 'ASC').limit(f.limit).getRawMany();
    return rows.map((r) => ({
      ...toFeedback(r as TenantFeedbackRow),
      clientName: String(r.client_name ?? r.client_id),
    }));
  }
}

function toFeedback(r: TenantFeedbackRow): Feedback {
  return {
    id: Number(r.id),
    clientId: Number(r.client_id),
    kind: r.kind as FeedbackKind,
    content: r.content,
    ownerOpenId: r.owner_open_id,
    loggedBy: r.logged_by,
    loggedAt: toDate(r.logged_at)!,
    dueDate: r.due_date,
    status: r.status as FeedbackStatus,
    resolution: r.resolution,
    closedBy: r.closed_by,
    closedAt: toDate(r.closed_at),
  };
}

/** Raw rows carry datetimes as text on SQLite (UTC, no zone) and as Date on MariaDB. */
function toDate(v: Date | string | null): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}

import type { EntityManager } from 'typeorm';
import type { AuditEntry, AuditRecord } from '../../domain/audit/audit.js';
import type { AuditRepository } from '../../domain/audit/audit.ports.js';
import { AuditEntity } from '../entities/audit.entities.js';
import { fromJson, toJson } from '../json.js';

export class TypeOrmAuditRepository implements AuditRepository {
  constructor(private readonly em: EntityManager) {}

  async append(entry: AuditEntry, at: Date): Promise<void> {
    await this.em.getRepository(AuditEntity).insert({
      at,
      actor: entry.actor,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      before_json: toJson(entry.before),
      after_json: toJson(entry.after),
      rule: entry.rule ?? null,
      note: entry.note ?? null,
    });
  }

  async list(filter: {
    subjectType?: string;
    subjectId?: string;
    from?: Date;
    to?: Date;
    limit?: number;
  }): Promise<AuditRecord[]> {
    const qb = this.em.getRepository(AuditEntity).createQueryBuilder('a').orderBy('a.id', 'ASC');
    if (filter.subjectType) qb.andWhere('a.subject_type = :st', { st: filter.subjectType });
    if (filter.subjectId) qb.andWhere('a.subject_id = :sid', { sid: filter.subjectId });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    qb.take(filter.limit ?? 500);
    const rows = await qb.getMany();
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      before: fromJson(r.before_json),
      after: fromJson(r.after_json),
      ...(r.rule ? { rule: r.rule } : {}),
      ...(r.note ? { note: r.note } : {}),
    }));
  }
}

import { In, type EntityManager } from 'typeorm';
import type { Grade } from '../../domain/clients/client.js';
import type { FollowUpCandidate } from '../../domain/follow-up/follow-up.js';
import type { FollowUpRepository } from '../../domain/follow-up/follow-up.ports.js';
import { CallLogEntity } from '../entities/calls.entities.js';
import { ClientEntity } from '../entities/clients.entities.js';
import { FormRecordEntity, RevisitEntity } from '../entities/forms.entities.js';
import { dbDate, ID_CHUNK } from './call-log.repository.js';

/** The forms that are a contact with the client (a revisit plan is not: it only says when the next one is). */
const CONTACT_FORMS = ['visitor', 'revisit_outcome', 'visit_log'];

/**
 * R-DAY-4 reads: an agent's clients under a cadence (owner index), their latest contact across the
 * call log, the contact forms and the visit outcomes (each by its client index), and which have a
 * revisit planned.
 */
export class TypeOrmFollowUpRepository implements FollowUpRepository {
  constructor(private readonly em: EntityManager) {}

  async candidates(agentOpenId: string): Promise<FollowUpCandidate[]> {
    const rows = await this.em
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.name', 'c.shop_name', 'c.grade', 'c.owner_open_id', 'c.created_at'])
      .where('c.owner_open_id = :agentOpenId', { agentOpenId })
      .andWhere('c.state IN (:...states)', { states: ['intent', 'following'] })
      .andWhere('c.grade IS NOT NULL')
      .getMany();
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      shopName: r.shop_name,
      grade: r.grade as Grade,
      ownerOpenId: r.owner_open_id!,
      createdAt: dbDate(r.created_at),
    }));
  }

  async lastContactAt(clientIds: number[]): Promise<Map<number, Date>> {
    const out = new Map<number, Date>();
    const keep = (id: unknown, at: unknown) => {
      if (at === null || at === undefined) return;
      const d = dbDate(at);
      const prev = out.get(Number(id));
      if (!prev || d > prev) out.set(Number(id), d);
    };
    for (let i = 0; i < clientIds.length; i += ID_CHUNK) {
      const ids = clientIds.slice(i, i + ID_CHUNK);
      const calls = await this.em
        .getRepository(CallLogEntity)
        .createQueryBuilder('c')
        .select('c.client_id', 'id')
        .addSelect('MAX(c.called_at)', 'at')
        .where({ client_id: In(ids) })
        .groupBy('c.client_id')
        .getRawMany<{ id: unknown; at: unknown }>();
      for (const r of calls) keep(r.id, r.at);
      const forms = await this.em
        .getRepository(FormRecordEntity)
        .createQueryBuilder('f')
        .select('f.client_id', 'id')
        .addSelect('MAX(f.filed_at)', 'at')
        .where('f.client_id IN (:...ids)', { ids })
        .andWhere('f.kind IN (:...kinds)', { kinds: CONTACT_FORMS })
        .groupBy('f.client_id')
        .getRawMany<{ id: unknown; at: unknown }>();
      for (const r of forms) keep(r.id, r.at);
      // A visit log of several clients records an outcome per client (its form record names none).
      const visits: Array<{ id: unknown; at: unknown }> = await this.em.query(
        `SELECT o.client_id AS id, MAX(l.filed_at) AS at FROM visit_outcome o JOIN visit_log l ON l.id = o.log_id
         WHERE o.client_id IN (${ids.map(() => '?').join(',')}) GROUP BY o.client_id`,
        ids,
      );
      for (const r of visits) keep(r.id, r.at);
    }
    return out;
  }

  async withPlannedRevisit(clientIds: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (let i = 0; i < clientIds.length; i += ID_CHUNK) {
      const rows = await this.em
        .getRepository(RevisitEntity)
        .createQueryBuilder('r')
        .select('DISTINCT r.client_id', 'id')
        .where({ client_id: In(clientIds.slice(i, i + ID_CHUNK)), status: 'planned' })
        .getRawMany<{ id: unknown }>();
      for (const r of rows) out.add(Number(r.id));
    }
    return out;
  }
}

import type { EntityManager } from 'typeorm';
import type { DisputeRepository, PoolRepository } from '../../domain/reception/dispute.ports.js';
import type { Dispute, DisputeDecision } from '../../domain/reception/dispute.js';
import { ClientEntity } from '../entities/clients.entities.js';
import { DisputeEntity, type DisputeRow } from '../entities/reception.entities.js';
import { isDuplicateKey } from '../json.js';
import { locking } from './rotation.repository.js';

export class TypeOrmDisputeRepository implements DisputeRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(DisputeEntity);
  }

  async create(
    d: Pick<Dispute, 'clientId' | 'claimant' | 'holder' | 'reason' | 'createdAt'>,
  ): Promise<Dispute | undefined> {
    try {
      const res = await this.repo.insert({
        client_id: d.clientId,
        claimant: d.claimant,
        holder_kind: d.holder.kind,
        holder_open_id: d.holder.kind === 'agent' ? d.holder.openId : null,
        reason: d.reason.slice(0, 500),
        status: 'open',
        open_key: `${d.clientId}:${d.claimant}`,
        decision: null,
        decided_by: null,
        decided_at: null,
        created_at: d.createdAt,
      });
      return this.get(Number(res.identifiers[0]?.id));
    } catch (err) {
      if (isDuplicateKey(err)) return undefined;
      throw err;
    }
  }

  async get(id: number): Promise<Dispute | undefined> {
    const row = await locking(this.em, this.repo.createQueryBuilder('d').where('d.id = :id', { id })).getOne();
    return row ? toDispute(row) : undefined;
  }

  async decide(id: number, decision: DisputeDecision, by: string, at: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'decided', decision, decided_by: by, decided_at: at, open_key: null })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .execute();
    return res.affected === 1;
  }

  async listOpen(limit: number): Promise<Dispute[]> {
    const rows = await this.repo
      .createQueryBuilder('d')
      .where('d.status = :s', { s: 'open' })
      .orderBy('d.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toDispute);
  }

  async listForClient(clientId: number, limit: number): Promise<Dispute[]> {
    const rows = await this.repo
      .createQueryBuilder('d')
      .where('d.client_id = :c', { c: clientId })
      .orderBy('d.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toDispute);
  }
}

function toDispute(r: DisputeRow): Dispute {
  return {
    id: r.id,
    clientId: r.client_id,
    claimant: r.claimant,
    holder:
      r.holder_kind === 'agent' && r.holder_open_id ? { kind: 'agent', openId: r.holder_open_id } : { kind: 'pool' },
    reason: r.reason,
    status: r.status as Dispute['status'],
    decision: (r.decision as DisputeDecision | null) ?? null,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    createdAt: new Date(r.created_at),
  };
}

/** The public pool is the client table's pool owner; read here so the client repository stays as it is. */
export class TypeOrmPoolRepository implements PoolRepository {
  constructor(private readonly em: EntityManager) {}

  async list(offset: number, limit: number) {
    const qb = this.em
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .where('c.owner_kind = :k', { k: 'pool' })
      .orderBy('c.id', 'DESC');
    const [rows, total] = await qb.skip(offset).take(limit).getManyAndCount();
    return {
      items: rows.map((r) => ({
        id: r.id,
        regNo: r.reg_no ?? null,
        name: r.name,
        phone: r.phone,
        createdAt: new Date(r.created_at),
      })),
      total,
    };
  }

  async findByExactName(text: string, limit: number): Promise<number[]> {
    const rows = await this.em
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.name = :t OR c.shop_name = :t', { t: text })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  async lockClient(id: number): Promise<void> {
    await locking(
      this.em,
      this.em.getRepository(ClientEntity).createQueryBuilder('c').where('c.id = :id', { id }),
    ).getOne();
  }
}

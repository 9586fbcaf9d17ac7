import { In, type EntityManager } from 'typeorm';
import type { ClientTier, Handover, Tier, TierCriteria, TierRecheckItem } from '../../domain/tiers/tier.js';
import type { HandoverRepository, TierRepository } from '../../domain/tiers/tier.ports.js';
import { ClientEntity } from '../entities/clients.entities.js';
import { ClientTierEntity, HandoverEntity, type ClientTierRow, type HandoverRow } from '../entities/tiers.entities.js';

/** Whole numbers are stored: areas in m², turnover in 万元. */
const whole = (n: number | null) => (n === null ? null : Math.round(n));

export class TypeOrmTierRepository implements TierRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(ClientTierEntity);
  }

  async get(clientId: number): Promise<ClientTier | undefined> {
    const row = await this.repo.findOneBy({ client_id: clientId });
    return row ? toTier(row) : undefined;
  }

  async saveCriteria(clientId: number, c: TierCriteria, suggested: Tier | null, now: Date): Promise<void> {
    const cols = {
      store_area_sqm: whole(c.storeAreaSqm),
      store_count: whole(c.storeCount),
      brand_level: c.brandLevel,
      warehouse_sqm: whole(c.warehouseSqm),
      turnover_wan_yuan: whole(c.turnoverWanYuan),
      manufacturer_strength: c.manufacturerStrength,
      suggested_tier: suggested,
      updated_at: now,
    };
    const existing = await this.repo.findOneBy({ client_id: clientId });
    if (existing) await this.repo.update({ client_id: clientId }, cols);
    else
      await this.repo.insert({
        client_id: clientId,
        ...cols,
        tier: null,
        proposed_tier: null,
        status: 'none',
        approval_id: null,
        confirmed_by: null,
        confirmed_at: null,
      });
  }

  async propose(clientId: number, tier: Tier, approvalId: number, now: Date): Promise<void> {
    await this.repo.update(
      { client_id: clientId },
      { proposed_tier: tier, status: 'pending', approval_id: approvalId, updated_at: now },
    );
  }

  async decide(clientId: number, approvalId: number, confirmed: boolean, by: string, at: Date): Promise<void> {
    const row = await this.repo.findOneBy({ client_id: clientId, approval_id: approvalId });
    if (!row) return;
    if (confirmed)
      await this.repo.update(
        { client_id: clientId },
        {
          tier: row.proposed_tier,
          proposed_tier: null,
          status: 'confirmed',
          confirmed_by: by,
          confirmed_at: at,
          updated_at: at,
        },
      );
    else await this.repo.update({ client_id: clientId }, { status: 'rejected', updated_at: at });
  }

  async listDueForRecheck(q: {
    confirmedBefore: Date;
    limit: number;
  }): Promise<{ items: TierRecheckItem[]; total: number }> {
    const qb = this.em
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .leftJoin(ClientTierEntity.options.name, 'ct', 'ct.client_id = c.id')
      .where('c.state <> :lost', { lost: 'lost' })
      .andWhere(
        '(ct.client_id IS NULL OR (ct.status <> :pending AND (ct.tier IS NULL OR ct.confirmed_at IS NULL OR ct.confirmed_at < :before)))',
        { pending: 'pending', before: q.confirmedBefore },
      );
    const total = await qb.clone().getCount();
    const clients = await qb.orderBy('ct.confirmed_at', 'ASC').addOrderBy('c.id', 'ASC').limit(q.limit).getMany();
    const tiers = clients.length ? await this.repo.findBy({ client_id: In(clients.map((c) => c.id)) }) : [];
    const byId = new Map(tiers.map((r) => [r.client_id, r]));
    const items = clients.map((c) => {
      const row = byId.get(c.id);
      return {
        clientId: c.id,
        name: c.name,
        shopName: c.shop_name,
        ownerOpenId: c.owner_kind === 'agent' ? c.owner_open_id : null,
        tier: (row?.tier as Tier | null | undefined) ?? null,
        confirmedAt: row?.tier && row.confirmed_at ? new Date(row.confirmed_at) : null,
      };
    });
    // NULLs sort first on both databases, but sort in memory too so "never tiered first" never depends on it.
    items.sort(
      (a, b) =>
        (a.confirmedAt?.getTime() ?? -Infinity) - (b.confirmedAt?.getTime() ?? -Infinity) || a.clientId - b.clientId,
    );
    return { items, total };
  }
}

export class TypeOrmHandoverRepository implements HandoverRepository {
  constructor(private readonly em: EntityManager) {}

  async add(h: Omit<Handover, 'id'>): Promise<Handover> {
    const res = await this.em.getRepository(HandoverEntity).insert({
      client_id: h.clientId,
      from_open_id: h.fromOpenId,
      to_open_id: h.toOpenId,
      reason: h.reason,
      requested_by: h.requestedBy,
      approved_by: h.approvedBy,
      approval_id: h.approvalId,
      at: h.at,
    });
    return { ...h, id: Number(res.identifiers[0]?.id) };
  }

  async listFor(openId: string, limit: number): Promise<Handover[]> {
    const rows = await this.em
      .getRepository(HandoverEntity)
      .createQueryBuilder('h')
      .where('h.from_open_id = :id OR h.to_open_id = :id OR h.requested_by = :id', { id: openId })
      .orderBy('h.at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map(toHandover);
  }

  async listForClient(clientId: number, limit: number): Promise<Handover[]> {
    const rows = await this.em
      .getRepository(HandoverEntity)
      .createQueryBuilder('h')
      .where('h.client_id = :c', { c: clientId })
      .orderBy('h.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toHandover);
  }
}

function toTier(r: ClientTierRow): ClientTier {
  return {
    clientId: r.client_id,
    criteria: {
      storeAreaSqm: r.store_area_sqm,
      storeCount: r.store_count,
      brandLevel: (r.brand_level as TierCriteria['brandLevel']) ?? null,
      warehouseSqm: r.warehouse_sqm,
      turnoverWanYuan: r.turnover_wan_yuan,
      manufacturerStrength: (r.manufacturer_strength as TierCriteria['manufacturerStrength']) ?? null,
    },
    suggested: (r.suggested_tier as Tier | null) ?? null,
    tier: (r.tier as Tier | null) ?? null,
    proposed: (r.proposed_tier as Tier | null) ?? null,
    status: r.status as ClientTier['status'],
    approvalId: r.approval_id,
    confirmedBy: r.confirmed_by,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
    updatedAt: new Date(r.updated_at),
  };
}

function toHandover(r: HandoverRow): Handover {
  return {
    id: r.id,
    clientId: r.client_id,
    fromOpenId: r.from_open_id,
    toOpenId: r.to_open_id,
    reason: r.reason,
    requestedBy: r.requested_by,
    approvedBy: r.approved_by,
    approvalId: r.approval_id,
    at: new Date(r.at),
  };
}

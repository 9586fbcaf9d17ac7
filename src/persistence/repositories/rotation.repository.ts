import type { EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { DayState, MemberState, RotationEvent } from '../../domain/rotation/rotation.rules.js';
import type { DayRecord, LedgerEntry, LedgerEvent, NewLedgerEntry, NewWalkIn, Offer, OfferStatus, RotationRepository, WalkIn, WalkInRepository, WalkInStatus } from '../../domain/rotation/rotation.ports.js';
import { LedgerEntity, OfferEntity, RotationDayEntity, RotationMemberEntity, WalkInEntity, type OfferRow, type RotationMemberRow, type WalkInRow } from '../entities/rotation.entities.js';
import { fromJson, isDuplicateKey, toJson } from '../json.js';

/** A read that sees the latest committed row and holds it until commit, on MySQL. SQLite runs transactions one at a time. */
export function locking<T extends ObjectLiteral>(em: EntityManager, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return em.connection.options.type === 'mysql' ? qb.setLock('pessimistic_write') : qb;
}

export class TypeOrmRotationRepository implements RotationRepository {
  constructor(private readonly em: EntityManager) {}

  findDay(day: string): Promise<DayRecord | undefined> {
    return this.read(day, false);
  }

  lockDay(day: string): Promise<DayRecord | undefined> {
    return this.read(day, true);
  }

  private async read(day: string, lock: boolean): Promise<DayRecord | undefined> {
    const dq = this.em.getRepository(RotationDayEntity).createQueryBuilder('d').where('d.day = :day', { day });
    const row = await (lock ? locking(this.em, dq) : dq).getOne();
    if (!row) return undefined;
    const mq = this.em.getRepository(RotationMemberEntity).createQueryBuilder('m').where('m.day = :day', { day }).orderBy('m.seq', 'ASC');
    const members = await (lock ? locking(this.em, mq) : mq).getMany();
    return {
      version: row.version,
      baseOrder: fromJson<string[]>(row.base_order_json) ?? [],
      state: { day, nextSeq: row.next_seq, members: members.map(toMember) },
    };
  }

  async createDay(r: DayRecord, now: Date): Promise<boolean> {
    try {
      await this.em.getRepository(RotationDayEntity).insert({ day: r.state.day, version: r.version, next_seq: r.state.nextSeq, base_order_json: JSON.stringify(r.baseOrder), created_at: now, updated_at: now });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    if (r.state.members.length) await this.em.getRepository(RotationMemberEntity).insert(r.state.members.map((m) => toRow(r.state.day, m, now)));
    return true;
  }

  async saveDay(before: DayRecord, after: DayState, now: Date): Promise<boolean> {
    const res = await this.em
      .getRepository(RotationDayEntity)
      .createQueryBuilder()
      .update()
      .set({ version: before.version + 1, next_seq: after.nextSeq, updated_at: now })
      .where('day = :day AND version = :v', { day: after.day, v: before.version })
      .execute();
    if (res.affected !== 1) return false;
    const old = new Map(before.state.members.map((m) => [m.openId, m]));
    const repo = this.em.getRepository(RotationMemberEntity);
    for (const m of after.members) {
      const o = old.get(m.openId);
      if (!o) await repo.insert(toRow(after.day, m, now));
      else if (changed(o, m)) {
        const { id: _id, day: _d, open_id: _o, ...cols } = toRow(after.day, m, now);
        await repo.update({ day: after.day, open_id: m.openId }, cols);
      }
    }
    return true;
  }

  async lastDayBefore(day: string): Promise<DayRecord | undefined> {
    const row = await this.em.getRepository(RotationDayEntity).createQueryBuilder('d').where('d.day < :day', { day }).orderBy('d.day', 'DESC').getOne();
    return row ? this.read(row.day, false) : undefined;
  }

  async appendLedger(entries: NewLedgerEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.em.getRepository(LedgerEntity).insert(
      entries.map((e) => ({
        day: e.day,
        at: e.at,
        actor: e.actor,
        action: e.event.type,
        agent: 'agent' in e.event ? e.event.agent ?? null : null,
        walk_in_id: 'walkInId' in e.event ? e.event.walkInId : null,
        event_json: JSON.stringify(e.event),
        rule: e.rule,
        before_json: toJson(e.before),
        after_json: toJson(e.after),
      })),
    );
  }

  async ledger(day: string, limit = 2000): Promise<LedgerEntry[]> {
    const rows = await this.em.getRepository(LedgerEntity).createQueryBuilder('l').where('l.day = :day', { day }).orderBy('l.id', 'ASC').take(limit).getMany();
    return rows.map((r) => ({
      id: r.id,
      day: r.day,
      at: new Date(r.at),
      actor: r.actor,
      event: JSON.parse(r.event_json) as LedgerEvent,
      rule: r.rule,
      before: fromJson(r.before_json) ?? null,
      after: fromJson(r.after_json) ?? null,
    }));
  }
}

function toMember(r: RotationMemberRow): MemberState {
  return {
    openId: r.open_id,
    onDuty: Boolean(r.on_duty),
    busyWalkInId: r.busy_walk_in_id ?? null,
    offeredWalkInId: r.offered_walk_in_id ?? null,
    turns: r.turns,
    seq: r.seq,
    received: r.received,
    passed: r.passed,
  };
}

function toRow(day: string, m: MemberState, now: Date): Omit<RotationMemberRow, 'id'> & { id?: number } {
  return {
    day,
    open_id: m.openId,
    on_duty: m.onDuty,
    busy_walk_in_id: m.busyWalkInId,
    offered_walk_in_id: m.offeredWalkInId,
    turns: m.turns,
    seq: m.seq,
    received: m.received,
    passed: m.passed,
    updated_at: now,
  };
}

function changed(a: MemberState, b: MemberState): boolean {
  return (Object.keys(a) as Array<keyof MemberState>).some((k) => a[k] !== b[k]);
}

export const isRotationEvent = (e: LedgerEvent): e is RotationEvent => !['arrival', 'claimed', 'pool', 'assigned', 'dispute', 'ruling'].includes(e.type);

export class TypeOrmWalkInRepository implements WalkInRepository {
  constructor(private readonly em: EntityManager) {}

  private get walkIns() {
    return this.em.getRepository(WalkInEntity);
  }
  private get offers() {
    return this.em.getRepository(OfferEntity);
  }

  async create(w: NewWalkIn): Promise<WalkIn> {
    const row: Omit<WalkInRow, 'id'> = {
      day: w.day,
      registered_by: w.registeredBy,
      arrived_at: w.arrivedAt,
      name: w.name,
      phone_typed: w.phoneTyped,
      phone: w.phone,
      card_agent: w.cardAgent,
      leader_referral: w.leaderReferral,
      note: w.note,
      rule: w.rule,
      status: w.status,
      owner_open_id: w.owner,
      client_id: w.clientId,
      decided_at: w.decidedAt,
    };
    const res = await this.walkIns.insert(row);
    return { ...w, id: Number(res.identifiers[0]?.id) };
  }

  async get(id: number): Promise<WalkIn | undefined> {
    const row = await this.walkIns.findOneBy({ id });
    return row ? toWalkIn(row) : undefined;
  }

  async update(id: number, patch: Partial<Pick<WalkIn, 'status' | 'owner' | 'clientId' | 'decidedAt' | 'rule'>>): Promise<void> {
    const cols: Partial<WalkInRow> = {};
    if (patch.status !== undefined) cols.status = patch.status;
    if (patch.owner !== undefined) cols.owner_open_id = patch.owner;
    if (patch.clientId !== undefined) cols.client_id = patch.clientId;
    if (patch.decidedAt !== undefined) cols.decided_at = patch.decidedAt;
    if (patch.rule !== undefined) cols.rule = patch.rule;
    if (Object.keys(cols).length) await this.walkIns.update({ id }, cols);
  }

  async listByDay(day: string, limit: number): Promise<WalkIn[]> {
    const rows = await this.walkIns.createQueryBuilder('w').where('w.day = :day', { day }).orderBy('w.id', 'ASC').take(limit).getMany();
    return rows.map(toWalkIn);
  }

  async createOffer(o: Omit<Offer, 'id' | 'resolvedAt' | 'status'>): Promise<Offer> {
    const res = await this.offers.insert({ walk_in_id: o.walkInId, day: o.day, agent: o.agent, attempt: o.attempt, status: 'pending', offered_at: o.offeredAt, deadline_at: o.deadlineAt, resolved_at: null });
    return { ...o, id: Number(res.identifiers[0]?.id), status: 'pending', resolvedAt: null };
  }

  async getOffer(id: number): Promise<Offer | undefined> {
    const row = await locking(this.em, this.offers.createQueryBuilder('o').where('o.id = :id', { id })).getOne();
    return row ? toOffer(row) : undefined;
  }

  async offersOf(walkInId: number): Promise<Offer[]> {
    const rows = await this.offers.createQueryBuilder('o').where('o.walk_in_id = :w', { w: walkInId }).orderBy('o.attempt', 'ASC').getMany();
    return rows.map(toOffer);
  }

  async pendingOffers(day: string): Promise<Offer[]> {
    const rows = await this.offers.createQueryBuilder('o').where('o.status = :s AND o.day = :day', { s: 'pending', day }).orderBy('o.id', 'ASC').getMany();
    return rows.map(toOffer);
  }

  async resolveOffer(id: number, to: Exclude<OfferStatus, 'pending'>, at: Date): Promise<boolean> {
    const res = await this.offers.createQueryBuilder().update().set({ status: to, resolved_at: at }).where('id = :id AND status = :p', { id, p: 'pending' }).execute();
    return res.affected === 1;
  }

  async expiredOffers(now: Date, limit: number): Promise<Offer[]> {
    const rows = await this.offers.createQueryBuilder('o').where('o.status = :s AND o.deadline_at <= :now', { s: 'pending', now }).orderBy('o.deadline_at', 'ASC').take(limit).getMany();
    return rows.map(toOffer);
  }
}

function toWalkIn(r: WalkInRow): WalkIn {
  return {
    id: r.id,
    day: r.day,
    registeredBy: r.registered_by,
    arrivedAt: new Date(r.arrived_at),
    name: r.name,
    phoneTyped: r.phone_typed,
    phone: r.phone,
    cardAgent: r.card_agent,
    leaderReferral: Boolean(r.leader_referral),
    note: r.note,
    rule: r.rule,
    status: r.status as WalkInStatus,
    owner: r.owner_open_id,
    clientId: r.client_id ?? null,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
  };
}

function toOffer(r: OfferRow): Offer {
  return {
    id: r.id,
    walkInId: r.walk_in_id,
    day: r.day,
    agent: r.agent,
    attempt: r.attempt,
    status: r.status as OfferStatus,
    offeredAt: new Date(r.offered_at),
    deadlineAt: new Date(r.deadline_at),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
  };
}

import type { EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { DayState, MemberState, RotationEvent } from '../../domain/rotation/rotation.rules.js';
import type {
  LedgerEntry,
  LedgerEvent,
  NewLedgerEntry,
  RotationRepository,
  WalkInRepository,
} from '../../domain/rotation/rotation.ports.js';
import type { DayRecord, NewWalkIn, Offer, OfferStatus, WalkIn, WalkInStatus } from '../../domain/rotation/rotation.js';
import {
  LedgerEntity,
  OfferEntity,
  RotationDayEntity,
  RotationMemberEntity,
  WalkInEntity,
  type OfferRow,
  type RotationMemberRow,
  type WalkInRow,
} from '../entities/reception.entities.js';
import { fromJson, isDuplicateKey, toJson } from '../json.js';

/** A read that sees the latest committed row and holds it until commit, on MySQL. SQLite runs transactions one at a time. */
export function locking<T extends ObjectLiteral>(em: EntityManager, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return em.connection.options.type === 'mysql' ? qb.setLock('pessimistic_write') : qb;
}

/*
 * The front desk's hot path (arrival → decision → offer) uses plain SQL for its own tables: the query
 * builder's per-statement work was most of its CPU time (see bench/reception.bench.ts). The SQL is
 * the portable subset; `FOR UPDATE` is added on MySQL only.
 */
const forUpdate = (em: EntityManager) => (em.connection.options.type === 'mysql' ? ' FOR UPDATE' : '');
/** A datetime parameter as the driver stores it (a Date for mysql2, a UTC string for SQLite). */
const dbTime = (em: EntityManager, d: Date): unknown =>
  em.connection.driver.preparePersistentValue(d, { type: 'datetime' } as never);

async function exec(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<{ affected: number; insertId: number }> {
  if (!em.queryRunner) throw new Error('rotation repository used outside a transaction');
  const r = (await em.queryRunner.query(sql, params, true)) as { affected?: number; raw: unknown };
  const raw = r.raw as { insertId?: number; affectedRows?: number } | number | bigint;
  const insertId = typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) : Number(raw?.insertId ?? 0);
  return { affected: r.affected ?? (typeof raw === 'object' ? (raw.affectedRows ?? 0) : 0), insertId };
}

export class TypeOrmRotationRepository implements RotationRepository {
  constructor(private readonly em: EntityManager) {}

  findDay(day: string): Promise<DayRecord | undefined> {
    return this.read(day, false);
  }

  lockDay(day: string): Promise<DayRecord | undefined> {
    return this.read(day, true);
  }

  /** One round trip: the day row and its members (both locked on MySQL when `lock`). */
  private async read(day: string, lock: boolean): Promise<DayRecord | undefined> {
    const rows = (await this.em.query(
      `SELECT d.version, d.next_seq, d.base_order_json, m.open_id, m.on_duty, m.busy_walk_in_id, m.offered_walk_in_id, m.turns, m.seq, m.received, m.passed
       FROM rotation_day d LEFT JOIN rotation_member m ON m.day = d.day WHERE d.day = ? ORDER BY m.seq${lock ? forUpdate(this.em) : ''}`,
      [day],
    )) as Array<RotationMemberRow & { version: number; next_seq: number; base_order_json: string }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      version: Number(row.version),
      baseOrder: fromJson<string[]>(row.base_order_json) ?? [],
      state: {
        day,
        nextSeq: Number(row.next_seq),
        members: rows.filter((r) => r.open_id !== null && r.open_id !== undefined).map(toMember),
      },
    };
  }

  async createDay(r: DayRecord, now: Date): Promise<boolean> {
    try {
      await this.em.getRepository(RotationDayEntity).insert({
        day: r.state.day,
        version: r.version,
        next_seq: r.state.nextSeq,
        base_order_json: JSON.stringify(r.baseOrder),
        created_at: now,
        updated_at: now,
      });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    if (r.state.members.length)
      await this.em.getRepository(RotationMemberEntity).insert(r.state.members.map((m) => toRow(r.state.day, m, now)));
    return true;
  }

  async saveDay(before: DayRecord, after: DayState, now: Date): Promise<boolean> {
    const at = dbTime(this.em, now);
    const res = await exec(
      this.em,
      'UPDATE rotation_day SET version = ?, next_seq = ?, updated_at = ? WHERE day = ? AND version = ?',
      [before.version + 1, after.nextSeq, at, after.day, before.version],
    );
    if (res.affected !== 1) return false;
    const old = new Map(before.state.members.map((m) => [m.openId, m]));
    for (const m of after.members) {
      const o = old.get(m.openId);
      if (!o) await this.em.getRepository(RotationMemberEntity).insert(toRow(after.day, m, now));
      else if (changed(o, m)) {
        await exec(
          this.em,
          'UPDATE rotation_member SET on_duty = ?, busy_walk_in_id = ?, offered_walk_in_id = ?, turns = ?, seq = ?, received = ?, passed = ?, updated_at = ? WHERE day = ? AND open_id = ?',
          [
            m.onDuty ? 1 : 0,
            m.busyWalkInId,
            m.offeredWalkInId,
            m.turns,
            m.seq,
            m.received,
            m.passed,
            at,
            after.day,
            m.openId,
          ],
        );
      }
    }
    return true;
  }

  async lastDayBefore(day: string): Promise<DayRecord | undefined> {
    const row = await this.em
      .getRepository(RotationDayEntity)
      .createQueryBuilder('d')
      .where('d.day < :day', { day })
      .orderBy('d.day', 'DESC')
      .getOne();
    return row ? this.read(row.day, false) : undefined;
  }

  async appendLedger(entries: NewLedgerEntry[]): Promise<void> {
    if (!entries.length) return;
    const values = entries.flatMap((e) => [
      e.day,
      dbTime(this.em, e.at),
      e.actor,
      e.event.type,
      'agent' in e.event ? (e.event.agent ?? null) : null,
      'walkInId' in e.event ? e.event.walkInId : null,
      JSON.stringify(e.event),
      e.rule,
      toJson(e.before),
      toJson(e.after),
    ]);
    await exec(
      this.em,
      `INSERT INTO turn_ledger (day, at, actor, action, agent, walk_in_id, event_json, rule, before_json, after_json) VALUES ${entries.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      values,
    );
  }

  async ledger(day: string, limit = 2000): Promise<LedgerEntry[]> {
    const rows = await this.em
      .getRepository(LedgerEntity)
      .createQueryBuilder('l')
      .where('l.day = :day', { day })
      .orderBy('l.id', 'ASC')
      .take(limit)
      .getMany();
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
    busyWalkInId: r.busy_walk_in_id === null || r.busy_walk_in_id === undefined ? null : Number(r.busy_walk_in_id),
    offeredWalkInId:
      r.offered_walk_in_id === null || r.offered_walk_in_id === undefined ? null : Number(r.offered_walk_in_id),
    turns: Number(r.turns),
    seq: Number(r.seq),
    received: Number(r.received),
    passed: Number(r.passed),
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

export const isRotationEvent = (e: LedgerEvent): e is RotationEvent =>
  !['arrival', 'claimed', 'pool', 'assigned', 'dispute', 'ruling'].includes(e.type);

export class TypeOrmWalkInRepository implements WalkInRepository {
  constructor(private readonly em: EntityManager) {}

  private get walkIns() {
    return this.em.getRepository(WalkInEntity);
  }
  private get offers() {
    return this.em.getRepository(OfferEntity);
  }

  async create(w: NewWalkIn): Promise<WalkIn> {
    const res = await exec(
      this.em,
      'INSERT INTO walk_in (day, registered_by, arrived_at, name, phone_typed, phone, card_agent, leader_referral, note, rule, status, owner_open_id, client_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        w.day,
        w.registeredBy,
        dbTime(this.em, w.arrivedAt),
        w.name,
        w.phoneTyped,
        w.phone,
        w.cardAgent,
        w.leaderReferral ? 1 : 0,
        w.note,
        w.rule,
        w.status,
        w.owner,
        w.clientId,
        w.decidedAt ? dbTime(this.em, w.decidedAt) : null,
      ],
    );
    return { ...w, id: res.insertId };
  }

  async get(id: number): Promise<WalkIn | undefined> {
    const row = await this.walkIns.findOneBy({ id });
    return row ? toWalkIn(row) : undefined;
  }

  async update(
    id: number,
    patch: Partial<Pick<WalkIn, 'status' | 'owner' | 'clientId' | 'decidedAt' | 'rule'>>,
  ): Promise<void> {
    const cols: Partial<WalkInRow> = {};
    if (patch.status !== undefined) cols.status = patch.status;
    if (patch.owner !== undefined) cols.owner_open_id = patch.owner;
    if (patch.clientId !== undefined) cols.client_id = patch.clientId;
    if (patch.decidedAt !== undefined) cols.decided_at = patch.decidedAt;
    if (patch.rule !== undefined) cols.rule = patch.rule;
    if (Object.keys(cols).length) await this.walkIns.update({ id }, cols);
  }

  async listByDay(day: string, limit: number): Promise<WalkIn[]> {
    const rows = await this.walkIns
      .createQueryBuilder('w')
      .where('w.day = :day', { day })
      .orderBy('w.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toWalkIn);
  }

  async listByClient(clientId: number, limit: number): Promise<WalkIn[]> {
    const rows = await this.walkIns
      .createQueryBuilder('w')
      .where('w.client_id = :c', { c: clientId })
      .orderBy('w.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toWalkIn);
  }

  async createOffer(o: Omit<Offer, 'id' | 'resolvedAt' | 'status'>): Promise<Offer> {
    const res = await exec(
      this.em,
      'INSERT INTO rotation_offer (walk_in_id, day, agent, attempt, status, offered_at, deadline_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
      [o.walkInId, o.day, o.agent, o.attempt, 'pending', dbTime(this.em, o.offeredAt), dbTime(this.em, o.deadlineAt)],
    );
    return { ...o, id: res.insertId, status: 'pending', resolvedAt: null };
  }

  async getOffer(id: number): Promise<Offer | undefined> {
    const row = await locking(this.em, this.offers.createQueryBuilder('o').where('o.id = :id', { id })).getOne();
    return row ? toOffer(row) : undefined;
  }

  async offersOf(walkInId: number): Promise<Offer[]> {
    const rows = await this.offers
      .createQueryBuilder('o')
      .where('o.walk_in_id = :w', { w: walkInId })
      .orderBy('o.attempt', 'ASC')
      .getMany();
    return rows.map(toOffer);
  }

  async pendingOffers(day: string): Promise<Offer[]> {
    const rows = await this.offers
      .createQueryBuilder('o')
      .where('o.status = :s AND o.day = :day', { s: 'pending', day })
      .orderBy('o.id', 'ASC')
      .getMany();
    return rows.map(toOffer);
  }

  async resolveOffer(id: number, to: Exclude<OfferStatus, 'pending'>, at: Date): Promise<boolean> {
    const res = await this.offers
      .createQueryBuilder()
      .update()
      .set({ status: to, resolved_at: at })
      .where('id = :id AND status = :p', { id, p: 'pending' })
      .execute();
    return res.affected === 1;
  }

  async expiredOffers(now: Date, limit: number): Promise<Offer[]> {
    const rows = await this.offers
      .createQueryBuilder('o')
      .where('o.status = :s AND o.deadline_at <= :now', { s: 'pending', now })
      .orderBy('o.deadline_at', 'ASC')
      .take(limit)
      .getMany();
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

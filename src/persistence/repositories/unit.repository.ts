import { Brackets, type EntityManager } from 'typeorm';
import { conflict } from '../../domain/shared/errors.js';
import type {
  NewUnit,
  StoredUnitStatus,
  Unit,
  UnitFloor,
  UnitSnapshot,
  UnitStats,
  UnitWithTenant,
} from '../../domain/units/unit.js';
import type { UnitRepository } from '../../domain/units/unit.ports.js';
import { unitCodeKey } from '../../domain/units/unit.rules.js';
import { UnitEntity, type UnitRow, UnitSnapshotEntity, type UnitSnapshotRow } from '../entities/units.entities.js';
import { isDuplicateKey } from '../json.js';

const num = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const FREE = ['vacant', 'intent'];

export class TypeOrmUnitRepository implements UnitRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(UnitEntity);
  }

  async addMany(units: NewUnit[], now: Date): Promise<Unit[]> {
    const rows = units.map((u) => ({
      building: u.building,
      floor: u.floor,
      number: u.number,
      code_key: unitCodeKey(u.building, u.floor, u.number),
      area_sqm: u.areaSqm,
      standard_rent: u.standardRent,
      status: u.status,
      created_at: now,
      updated_at: now,
    }));
    try {
      // Chunks keep each statement under both dialects' parameter limits.
      for (let i = 0; i < rows.length; i += 200) await this.repo.insert(rows.slice(i, i + 200));
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('unit.duplicate');
      throw err;
    }
    const keys = rows.map((r) => r.code_key);
    const out: Unit[] = [];
    for (let i = 0; i < keys.length; i += 500)
      out.push(
        ...(
          await this.repo
            .createQueryBuilder('u')
            .where('u.code_key IN (:...k)', { k: keys.slice(i, i + 500) })
            .getMany()
        ).map(toUnit),
      );
    return out.sort((a, b) => a.id - b.id);
  }

  async get(id: number): Promise<Unit | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toUnit(row) : undefined;
  }

  async findByCodeKey(codeKey: string): Promise<Unit | undefined> {
    const row = await this.repo.findOneBy({ code_key: codeKey });
    return row ? toUnit(row) : undefined;
  }

  async existingCodeKeys(codeKeys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < codeKeys.length; i += 500) {
      const chunk = codeKeys.slice(i, i + 500);
      if (!chunk.length) continue;
      const rows = await this.repo
        .createQueryBuilder('u')
        .select('u.code_key', 'k')
        .where('u.code_key IN (:...k)', { k: chunk })
        .getRawMany<{ k: string }>();
      for (const r of rows) out.add(r.k);
    }
    return out;
  }

  async findByNumber(number: string): Promise<Unit[]> {
    const rows = await this.repo.find({ where: { number }, take: 10, order: { id: 'ASC' } });
    return rows.map(toUnit);
  }

  async reserve(
    id: number,
    by: { clientId: number; agentOpenId: string; planId: number },
    now: Date,
  ): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({
        status: 'reserved',
        client_id: by.clientId,
        agent_open_id: by.agentOpenId,
        plan_id: by.planId,
        updated_at: now,
      })
      .where('id = :id AND status IN (:...free)', { id, free: FREE })
      .execute();
    return res.affected === 1;
  }

  async lease(
    id: number,
    l: {
      clientId: number;
      agentOpenId: string | null;
      contractNo: string;
      start: string;
      end: string;
      monthlyRent: number | null;
    },
    now: Date,
  ): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({
        status: 'leased',
        client_id: l.clientId,
        agent_open_id: l.agentOpenId,
        contract_no: l.contractNo,
        lease_start: l.start,
        lease_end: l.end,
        monthly_rent: l.monthlyRent,
        updated_at: now,
      })
      .where('id = :id', { id })
      .andWhere(
        new Brackets((w) =>
          w.where('status IN (:...free)', { free: FREE }).orWhere('(status IN (:...held) AND client_id = :client)', {
            held: ['reserved', 'leased'],
            client: l.clientId,
          }),
        ),
      )
      .execute();
    return res.affected === 1;
  }

  async release(id: number, contractNo: string, now: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({
        status: 'vacant',
        client_id: null,
        agent_open_id: null,
        plan_id: null,
        contract_no: null,
        lease_start: null,
        lease_end: null,
        monthly_rent: null,
        updated_at: now,
      })
      .where('id = :id AND status = :leased AND contract_no = :no', { id, leased: 'leased', no: contractNo })
      .execute();
    return res.affected === 1;
  }

  async releaseReservation(id: number, clientId: number, now: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'vacant', client_id: null, agent_open_id: null, plan_id: null, updated_at: now })
      .where('id = :id AND status = :reserved AND client_id = :client', { id, reserved: 'reserved', client: clientId })
      .execute();
    return res.affected === 1;
  }

  async listReserved(agentOpenId: string | undefined, limit: number): Promise<UnitWithTenant[]> {
    const qb = this.withTenant().where('u.status = :reserved', { reserved: 'reserved' });
    if (agentOpenId) qb.andWhere('u.agent_open_id = :agent', { agent: agentOpenId });
    const rows = await qb
      .orderBy('u.updated_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit)
      .getRawMany<UnitRow & { client_name: string | null }>();
    return rows.map(toWithTenant);
  }

  async floors(): Promise<UnitFloor[]> {
    const rows = await this.repo
      .createQueryBuilder('u')
      .select('u.building', 'building')
      .addSelect('u.floor', 'floor')
      .addSelect('COUNT(*)', 'n')
      .groupBy('u.building')
      .addGroupBy('u.floor')
      .orderBy('u.building', 'ASC')
      .addOrderBy('u.floor', 'ASC')
      .getRawMany<{ building: string; floor: string; n: string | number }>();
    return rows
      .map((r) => ({ building: r.building, floor: r.floor, units: Number(r.n) }))
      .sort((a, b) => a.building.localeCompare(b.building) || floorOrder(a.floor, b.floor));
  }

  private withTenant() {
    return this.repo
      .createQueryBuilder('u')
      .leftJoin('client', 'c', 'c.id = u.client_id')
      .select('u.*')
      .addSelect('c.name', 'client_name');
  }

  async listFloor(building: string, floor: string): Promise<UnitWithTenant[]> {
    const rows = await this.withTenant()
      .where('u.building = :building AND u.floor = :floor', { building, floor })
      .orderBy('u.number', 'ASC')
      .getRawMany<UnitRow & { client_name: string | null }>();
    return rows.map(toWithTenant).sort((a, b) => naturalCompare(a.number, b.number));
  }

  async listAll(offset: number, limit: number): Promise<UnitWithTenant[]> {
    const rows = await this.withTenant()
      .orderBy('u.building', 'ASC')
      .addOrderBy('u.floor', 'ASC')
      .addOrderBy('u.number', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getRawMany<UnitRow & { client_name: string | null }>();
    return rows.map(toWithTenant);
  }

  async listFree(limit: number): Promise<Unit[]> {
    const rows = await this.repo
      .createQueryBuilder('u')
      .where('u.status IN (:...free)', { free: FREE })
      .orderBy('u.building', 'ASC')
      .addOrderBy('u.floor', 'ASC')
      .addOrderBy('u.number', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toUnit);
  }

  async listExpiring(until: string): Promise<UnitWithTenant[]> {
    const rows = await this.withTenant()
      .where('u.status = :leased AND u.lease_end <= :until', { leased: 'leased', until })
      .orderBy('u.lease_end', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getRawMany<UnitRow & { client_name: string | null }>();
    return rows.map(toWithTenant);
  }

  async stats(expiringUntil: string, floor?: { building: string; floor: string }): Promise<UnitStats> {
    const qb = this.repo
      .createQueryBuilder('u')
      .select(
        `CASE WHEN u.status = 'leased' AND u.lease_end IS NOT NULL AND u.lease_end <= :until THEN 'expiring' ELSE u.status END`,
        'st',
      )
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(u.area_sqm)', 'area')
      .addSelect('SUM(COALESCE(u.monthly_rent, u.standard_rent))', 'rent')
      .setParameter('until', expiringUntil)
      .groupBy('st');
    if (floor) qb.where('u.building = :b AND u.floor = :f', { b: floor.building, f: floor.floor });
    const rows = await qb.getRawMany<{
      st: string;
      n: string | number;
      area: string | number;
      rent: string | number;
    }>();
    const out: UnitStats = {
      total: 0,
      byStatus: { vacant: 0, intent: 0, reserved: 0, leased: 0, expiring: 0 },
      totalArea: 0,
      leasedArea: 0,
      rentIncome: 0,
    };
    for (const r of rows) {
      const st = r.st as keyof UnitStats['byStatus'];
      const n = Number(r.n);
      out.total += n;
      if (st in out.byStatus) out.byStatus[st] += n;
      out.totalArea += num(r.area);
      if (st === 'leased' || st === 'expiring') {
        out.leasedArea += num(r.area);
        out.rentIncome += num(r.rent);
      }
    }
    out.totalArea = round2(out.totalArea);
    out.leasedArea = round2(out.leasedArea);
    out.rentIncome = round2(out.rentIncome);
    return out;
  }

  async saveSnapshot(s: UnitSnapshot, now: Date): Promise<void> {
    try {
      await this.em.getRepository(UnitSnapshotEntity).insert({
        month: s.month,
        total: s.total,
        vacant: s.vacant,
        leased: s.leased,
        total_area: s.totalArea,
        leased_area: s.leasedArea,
        rent_income: s.rentIncome,
        taken_at: now,
      });
    } catch (err) {
      // The month's figures were stored already (a re-run report): the first stays.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async getSnapshot(month: string): Promise<UnitSnapshot | undefined> {
    const r = await this.em.getRepository(UnitSnapshotEntity).findOneBy({ month });
    return r ? toSnapshot(r) : undefined;
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** B1 < 1F < 2F < 10F: basements first, then by the floor's number. */
function floorOrder(a: string, b: string): number {
  const v = (f: string) => {
    const m = /^(B)?(\d+)/i.exec(f.replace(/^负/, 'B'));
    if (!m) return 1000;
    return m[1] ? -Number(m[2]) : Number(m[2]);
  };
  return v(a) - v(b) || a.localeCompare(b);
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true });
}

function toUnit(r: UnitRow): Unit {
  return {
    id: Number(r.id),
    building: r.building,
    floor: r.floor,
    number: r.number,
    codeKey: r.code_key,
    areaSqm: num(r.area_sqm),
    standardRent: num(r.standard_rent),
    status: r.status as StoredUnitStatus,
    clientId: r.client_id === null ? null : Number(r.client_id),
    agentOpenId: r.agent_open_id,
    planId: r.plan_id === null ? null : Number(r.plan_id),
    contractNo: r.contract_no,
    leaseStart: r.lease_start,
    leaseEnd: r.lease_end,
    monthlyRent: r.monthly_rent === null ? null : num(r.monthly_rent),
    updatedAt: new Date(r.updated_at),
  };
}

function toWithTenant(r: UnitRow & { client_name: string | null }): UnitWithTenant {
  return { ...toUnit(r), clientName: r.client_name ?? null };
}

function toSnapshot(r: UnitSnapshotRow): UnitSnapshot {
  return {
    month: r.month,
    total: Number(r.total),
    vacant: Number(r.vacant),
    leased: Number(r.leased),
    totalArea: num(r.total_area),
    leasedArea: num(r.leased_area),
    rentIncome: num(r.rent_income),
  };
}

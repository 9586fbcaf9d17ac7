import { In, type EntityManager } from 'typeorm';
import { fenToDecimal, toFen } from '../../domain/targets/money.js';
import type { PeriodKind } from '../../domain/targets/period.js';
import type { NewTarget, Target, TargetStatus } from '../../domain/targets/target.js';
import type { OpeningRepository, TargetRepository } from '../../domain/targets/target.ports.js';
import {
  ContractOpeningEntity,
  TargetEntity,
  TargetSplitEntity,
  type TargetRow,
  type TargetSplitRow,
} from '../entities/targets.entities.js';
import { isDuplicateKey } from '../json.js';

const dec = (v: number | null) => (v === null ? null : fenToDecimal(v));
const cents = (v: string | number | null) => (v === null || v === undefined ? null : toFen(v));

export class TypeOrmTargetRepository implements TargetRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(TargetEntity);
  }

  async create(t: NewTarget, now: Date): Promise<Target> {
    const res = await this.repo.insert({
      period_key: t.periodKey,
      period_kind: t.periodKind,
      contracts: t.contracts,
      area_sqm: dec(t.areaCenti),
      first_year_rent: dec(t.rentFen),
      status: 'pending',
      proposed_by: t.proposedBy,
      proposed_at: now,
      approval_id: null,
      decided_by: null,
      decided_at: null,
    });
    const id = Number(res.identifiers[0]?.id);
    if (t.split.length) {
      await this.em.getRepository(TargetSplitEntity).insert(
        t.split.map((s) => ({
          target_id: id,
          agent_open_id: s.agentOpenId,
          contracts: s.contracts,
          area_sqm: dec(s.areaCenti),
          first_year_rent: dec(s.rentFen),
        })),
      );
    }
    return (await this.get(id))!;
  }

  async get(id: number): Promise<Target | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? (await this.withSplits([row]))[0] : undefined;
  }

  async setApproval(id: number, approvalId: number): Promise<void> {
    await this.repo.update({ id }, { approval_id: approvalId });
  }

  async decide(
    id: number,
    status: Exclude<TargetStatus, 'pending' | 'superseded'>,
    by: string,
    at: Date,
  ): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status, decided_by: by, decided_at: at })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return res.affected === 1;
  }

  async supersede(periodKey: string, exceptId: number): Promise<number> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'superseded' })
      .where('period_key = :periodKey AND status = :approved AND id <> :exceptId', {
        periodKey,
        approved: 'approved',
        exceptId,
      })
      .execute();
    return res.affected ?? 0;
  }

  async approvedFor(periodKeys: string[]): Promise<Target[]> {
    if (periodKeys.length === 0) return [];
    const rows = await this.repo.find({
      where: { period_key: In(periodKeys), status: 'approved' },
      order: { id: 'DESC' },
    });
    // Only one is approved per period; should two ever be, the newest is in force.
    const newest = new Map<string, TargetRow>();
    for (const r of rows) if (!newest.has(r.period_key)) newest.set(r.period_key, r);
    return this.withSplits([...newest.values()]);
  }

  async pendingFor(periodKey: string): Promise<Target | undefined> {
    const row = await this.repo.findOne({ where: { period_key: periodKey, status: 'pending' }, order: { id: 'DESC' } });
    return row ? (await this.withSplits([row]))[0] : undefined;
  }

  private async withSplits(rows: TargetRow[]): Promise<Target[]> {
    if (rows.length === 0) return [];
    const splits = await this.em
      .getRepository(TargetSplitEntity)
      .find({ where: { target_id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
    const by = new Map<number, TargetSplitRow[]>();
    for (const s of splits) by.set(s.target_id, [...(by.get(s.target_id) ?? []), s]);
    return rows.map((r) => toTarget(r, by.get(r.id) ?? []));
  }
}

function toTarget(r: TargetRow, splits: TargetSplitRow[]): Target {
  return {
    id: r.id,
    periodKey: r.period_key,
    periodKind: r.period_kind as PeriodKind,
    contracts: r.contracts,
    areaCenti: cents(r.area_sqm),
    rentFen: cents(r.first_year_rent),
    status: r.status as TargetStatus,
    proposedBy: r.proposed_by,
    proposedAt: new Date(r.proposed_at),
    approvalId: r.approval_id,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    split: splits.map((s) => ({
      agentOpenId: s.agent_open_id,
      contracts: s.contracts,
      areaCenti: cents(s.area_sqm),
      rentFen: cents(s.first_year_rent),
    })),
  };
}

export class TypeOrmOpeningRepository implements OpeningRepository {
  constructor(private readonly em: EntityManager) {}

  async record(o: { contractNo: string; openedDate: string; recordedBy: string }, now: Date): Promise<boolean> {
    try {
      await this.em
        .getRepository(ContractOpeningEntity)
        .insert({ contract_no: o.contractNo, opened_date: o.openedDate, recorded_by: o.recordedBy, recorded_at: now });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async openedBy(contractNos: string[], asOf: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < contractNos.length; i += 500) {
      const rows = await this.em
        .getRepository(ContractOpeningEntity)
        .findBy({ contract_no: In(contractNos.slice(i, i + 500)) });
      for (const r of rows) if (r.opened_date <= asOf) out.set(r.contract_no, r.opened_date);
    }
    return out;
  }
}

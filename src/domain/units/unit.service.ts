import { localDate } from '../shared/zoned-time.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { NewUnit, Unit, UnitFloor, UnitSnapshot, UnitStats, UnitWithTenant } from './unit.js';
import {
  addDays,
  isFree,
  leaseEnd,
  normPart,
  parseUnitRow,
  type RowIssue,
  splitAddCommand,
  unitCodeKey,
  unitLabel,
} from './unit.rules.js';

/** `config/settings.json` → `units`, plus what the forms already bound (area, rent) and the timezone. */
export interface UnitSettings {
  timezone: string;
  /** R-UNIT-3: a lease ending within this many days is 即将到期 and listed weekly. */
  expiryWarningDays: number;
  /** A contract without a collection form's term leases for this many months. */
  defaultTermMonths: number;
  maxAreaSqm: number;
  maxMonthlyRentYuan: number;
  /** The most rows one import takes. */
  maxImportRows: number;
}

export type ImportResult = { ok: true; units: Unit[] } | { ok: false; issues: RowIssue[]; rows: number };

/** The most 已定 units one list shows (a department holds a handful at a time). */
export const RESERVED_LIST_LIMIT = 200;

/** What a signing plan's unit text or pick did to the unit table. */
export type ReserveResult =
  | { kind: 'none' }
  | { kind: 'reserved'; unit: Unit }
  | { kind: 'taken'; label: string }
  | { kind: 'ambiguous'; count: number };

export interface LeasingMap {
  floors: UnitFloor[];
  /** Index into `floors` shown on this page. */
  page: number;
  units: UnitWithTenant[];
  floorStats: UnitStats;
  all: UnitStats;
  expiringUntil: string;
}

export interface UnitMonthReport {
  now: UnitSnapshot;
  previous: UnitSnapshot | undefined;
}

export class UnitService {
  constructor(private readonly deps: { clock: Clock; settings: UnitSettings }) {}

  get settings(): UnitSettings {
    return this.deps.settings;
  }

  today(): string {
    return localDate(this.deps.clock.now(), this.deps.settings.timezone);
  }

  expiringUntil(today = this.today()): string {
    return addDays(today, this.deps.settings.expiryWarningDays);
  }

  private requireAdmin(actor: Member): void {
    if (!hasRole(actor, 'admin', 'manager')) throw forbidden('error.forbidden_role', { roles: '管理员、招商部经理' });
  }

  /**
   * R-UNIT-1 import: every row is checked (and checked against the units already there and the other
   * rows) before anything is written; one bad row and nothing is imported. `rows[i]` is sheet row i + 2
   * (row 1 holds the headers).
   */
  async importRows(tx: Tx, actor: Member, rows: Array<{ row: number; cells: string[] }>): Promise<ImportResult> {
    this.requireAdmin(actor);
    const s = this.deps.settings;
    const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
    if (filled.length === 0) throw invalidInput('unit.import.empty');
    if (filled.length > s.maxImportRows) throw invalidInput('unit.import.too_many', { max: s.maxImportRows });
    const issues: RowIssue[] = [];
    const good: Array<{ row: number; unit: NewUnit; key: string }> = [];
    const seen = new Map<string, number>();
    for (const r of filled) {
      const p = parseUnitRow(r.row, r.cells, s);
      if (!p.ok) {
        issues.push(...p.issues);
        continue;
      }
      const key = unitCodeKey(p.unit.building, p.unit.floor, p.unit.number);
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({ row: r.row, key: 'unit.err.dup_in_file', params: { unit: unitLabel(p.unit), first } });
        continue;
      }
      seen.set(key, r.row);
      good.push({ row: r.row, unit: p.unit, key });
    }
    const existing = await tx.units.existingCodeKeys(good.map((g) => g.key));
    for (const g of good)
      if (existing.has(g.key)) issues.push({ row: g.row, key: 'unit.err.exists', params: { unit: unitLabel(g.unit) } });
    if (issues.length) return { ok: false, issues: issues.sort((a, b) => a.row - b.row), rows: filled.length };
    const units = await tx.units.addMany(
      good.map((g) => g.unit),
      this.deps.clock.now(),
    );
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'unit.imported',
        subjectType: 'unit',
        subjectId: String(units[0]?.id ?? ''),
        before: null,
        after: { count: units.length },
        rule: 'R-UNIT-1',
      },
      this.deps.clock.now(),
    );
    return { ok: true, units };
  }

  /** `添加铺位 A栋 2F 201 85.5 12000`: one unit, 空置. */
  async addFromText(tx: Tx, actor: Member, text: string): Promise<Unit> {
    this.requireAdmin(actor);
    const parts = splitAddCommand(text);
    if (!parts) throw invalidInput('unit.add.usage');
    const p = parseUnitRow(0, parts, this.deps.settings);
    if (!p.ok) {
      const i = p.issues[0]!;
      throw invalidInput(i.key, i.params);
    }
    const key = unitCodeKey(p.unit.building, p.unit.floor, p.unit.number);
    if (await tx.units.findByCodeKey(key)) throw conflict('unit.err.exists', { unit: unitLabel(p.unit) });
    const [unit] = await tx.units.addMany([p.unit], this.deps.clock.now());
    return unit!;
  }

  /**
   * Finds the unit a form names: by its id (the picker), by building+floor+number typed in any
   * spacing, or by its number alone when only one unit has it. Text naming no unit stays free text
   * (the property may not be imported yet).
   */
  async resolve(tx: Tx, text: string | undefined, pickedId?: number): Promise<Unit | 'ambiguous' | undefined> {
    if (pickedId !== undefined) return tx.units.get(pickedId);
    if (!text) return undefined;
    const parts = text
      .trim()
      .split(/[\s\u3000\-_/]+/)
      .filter(Boolean);
    if (parts.length === 3) return tx.units.findByCodeKey(unitCodeKey(parts[0]!, parts[1]!, parts[2]!));
    if (parts.length === 0 || parts.length > 3) return undefined;
    // "201" alone, or "A栋 201" / "2F 201": the number, narrowed by what else was typed.
    const qualifiers = parts.slice(0, -1).map(normPart);
    const byNumber = (await tx.units.findByNumber(parts[parts.length - 1]!)).filter((u) =>
      qualifiers.every((q) => q === normPart(u.building) || q === normPart(u.floor)),
    );
    if (byNumber.length === 1) return byNumber[0];
    return byNumber.length > 1 ? 'ambiguous' : undefined;
  }

  /** The label of a unit picked by id (a stale pick of a deleted unit gives undefined). */
  async pickedLabel(tx: Tx, id: number): Promise<string | undefined> {
    const u = await tx.units.get(id);
    return u ? unitLabel(u) : undefined;
  }

  /**
   * R-UNIT-1: a signing plan reserves its unit (已定). A conditional update, so of two agents reserving
   * one unit at the same instant exactly one wins; the other gets `taken`.
   */
  async reserveForPlan(
    tx: Tx,
    text: string | undefined,
    pickedId: number | undefined,
    by: { clientId: number; agentOpenId: string; planId: number },
  ): Promise<ReserveResult> {
    const u = await this.resolve(tx, text, pickedId);
    if (u === 'ambiguous') return { kind: 'ambiguous', count: 2 };
    if (!u) return { kind: 'none' };
    const already = u.status === 'reserved' && u.clientId === by.clientId;
    if (!already && !(isFree(u.status) && (await tx.units.reserve(u.id, by, this.deps.clock.now()))))
      return { kind: 'taken', label: unitLabel(u) };
    return { kind: 'reserved', unit: (await tx.units.get(u.id))! };
  }

  /**
   * R-UNIT-1: a signed contract leases its unit (已租) from the signing date for the collection form's
   * term (or `defaultTermMonths`). The same client signing again on its unit is a renewal (R-UNIT-3):
   * the lease moves on. Returns undefined when the contract names no known unit; `taken` when another
   * client reserved or leases it (the contract is refused: one unit is never leased twice).
   */
  async leaseForContract(
    tx: Tx,
    c: {
      contractNo: string;
      clientId: number;
      agentOpenId: string | null;
      unit: string | null;
      signedDate: string;
      monthlyRent: number | null;
    },
    termMonths: number | null,
  ): Promise<{ unit: Unit } | { taken: string } | undefined> {
    const u = await this.resolve(tx, c.unit ?? undefined);
    if (!u || u === 'ambiguous') return undefined;
    const start = c.signedDate;
    const end = leaseEnd(start, termMonths ?? this.deps.settings.defaultTermMonths);
    const ok = await tx.units.lease(
      u.id,
      {
        clientId: c.clientId,
        agentOpenId: c.agentOpenId,
        contractNo: c.contractNo,
        start,
        end,
        monthlyRent: c.monthlyRent,
      },
      this.deps.clock.now(),
    );
    if (!ok) return { taken: unitLabel(u) };
    return { unit: (await tx.units.get(u.id))! };
  }

  /** The label of the unit `text` names when another client reserved or leases it (checked before a contract). */
  async heldByOther(tx: Tx, text: string | null, clientId: number): Promise<string | undefined> {
    const u = await this.resolve(tx, text ?? undefined);
    if (!u || u === 'ambiguous' || isFree(u.status) || u.clientId === clientId) return undefined;
    return unitLabel(u);
  }

  /** R-UNIT-3 释放: the tenant leaves; the unit is 空置 again. The contract number guards a stale card. */
  async release(tx: Tx, actor: Member, unitId: number, contractNo: string): Promise<Unit> {
    const u = await tx.units.get(unitId);
    if (!u) throw notFound('unit.not_found');
    // A card from before a renewal or a release names a contract the unit no longer has.
    if (u.status !== 'leased' || u.contractNo !== contractNo)
      throw conflict('unit.release.stale', { unit: unitLabel(u) });
    const mine = u.agentOpenId === actor.openId && hasRole(actor, 'agent');
    if (!mine && !hasRole(actor, 'manager'))
      throw forbidden('error.forbidden_role', { roles: '招商部经理、该铺位的招商专员' });
    const now = this.deps.clock.now();
    if (!(await tx.units.release(unitId, contractNo, now)))
      throw conflict('unit.release.stale', { unit: unitLabel(u) });
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'unit.released',
        subjectType: 'unit',
        subjectId: String(unitId),
        before: { status: u.status, contractNo, clientId: u.clientId },
        after: { status: 'vacant' },
        rule: 'R-UNIT-3',
      },
      now,
    );
    return (await tx.units.get(unitId))!;
  }

  /**
   * R-UNIT-1 释放预定: the deposit fell through, so the 已定 unit is free again. Only the agent who reserved
   * it or a manager; conditional on it still being reserved for the card's client, so a stale card or a
   * second click changes nothing.
   */
  async releaseReservation(tx: Tx, actor: Member, unitId: number, clientId: number): Promise<Unit> {
    const u = await tx.units.get(unitId);
    if (!u) throw notFound('unit.not_found');
    if (u.status !== 'reserved' || u.clientId !== clientId)
      throw conflict('unit.unreserve.stale', { unit: unitLabel(u) });
    const mine = u.agentOpenId === actor.openId && hasRole(actor, 'agent');
    if (!mine && !hasRole(actor, 'manager'))
      throw forbidden('error.forbidden_role', { roles: '招商部经理、预定该铺位的招商专员' });
    const now = this.deps.clock.now();
    if (!(await tx.units.releaseReservation(unitId, clientId, now)))
      throw conflict('unit.unreserve.stale', { unit: unitLabel(u) });
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'unit.reservation_released',
        subjectType: 'unit',
        subjectId: String(unitId),
        before: { status: u.status, clientId: u.clientId, agentOpenId: u.agentOpenId, planId: u.planId },
        after: { status: 'vacant' },
        rule: 'R-UNIT-1',
      },
      now,
    );
    return (await tx.units.get(unitId))!;
  }

  /** R-UNIT-1: the 已定 units an agent holds (all of them for managers and leaders). */
  async reserved(tx: Tx, agentOpenId?: string): Promise<UnitWithTenant[]> {
    return tx.units.listReserved(agentOpenId, RESERVED_LIST_LIMIT);
  }

  /** R-UNIT-2: one floor of the leasing map (page = floor index), with the floor's and the property's figures. */
  async map(tx: Tx, page: number): Promise<LeasingMap> {
    const until = this.expiringUntil();
    const floors = await tx.units.floors();
    const all = await tx.units.stats(until);
    if (floors.length === 0) return { floors, page: 0, units: [], floorStats: all, all, expiringUntil: until };
    const p = Math.min(Math.max(0, page), floors.length - 1);
    const f = floors[p]!;
    const [units, floorStats] = await Promise.all([
      tx.units.listFloor(f.building, f.floor),
      tx.units.stats(until, { building: f.building, floor: f.floor }),
    ]);
    return { floors, page: p, units, floorStats, all, expiringUntil: until };
  }

  /** R-UNIT-3: leases ending within the warning window (and overdue ones not yet renewed or released). */
  async expiring(tx: Tx, agentOpenId?: string): Promise<UnitWithTenant[]> {
    const list = await tx.units.listExpiring(this.expiringUntil());
    return agentOpenId ? list.filter((u) => u.agentOpenId === agentOpenId) : list;
  }

  /**
   * R-UNIT-2 in the monthly report: this month's figures are stored once (a unique month), so next
   * month's report can show the change; `previousMonth` is read back.
   */
  async monthReport(tx: Tx, month: string, previousMonth: string): Promise<UnitMonthReport> {
    const stats = await tx.units.stats(this.expiringUntil());
    const now: UnitSnapshot = {
      month,
      total: stats.total,
      vacant: stats.byStatus.vacant + stats.byStatus.intent,
      leased: stats.byStatus.leased + stats.byStatus.expiring,
      totalArea: stats.totalArea,
      leasedArea: stats.leasedArea,
      rentIncome: stats.rentIncome,
    };
    if (!(await tx.units.getSnapshot(month))) await tx.units.saveSnapshot(now, this.deps.clock.now());
    return { now, previous: await tx.units.getSnapshot(previousMonth) };
  }
}

export type { UnitStats };

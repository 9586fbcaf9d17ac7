import type { NewUnit, Unit, UnitFloor, UnitSnapshot, UnitStats, UnitWithTenant } from './unit.js';

export interface UnitRepository {
  /** Inserts all or none; throws DomainError conflict `unit.duplicate` when a code exists. */
  addMany(units: NewUnit[], now: Date): Promise<Unit[]>;
  get(id: number): Promise<Unit | undefined>;
  findByCodeKey(codeKey: string): Promise<Unit | undefined>;
  /** Which of these code keys already exist. */
  existingCodeKeys(codeKeys: string[]): Promise<Set<string>>;
  /** Units whose number alone is `number` (a unit typed as "201" when it is unique). */
  findByNumber(number: string): Promise<Unit[]>;
  /** Conditional: only from 空置/意向; false when someone else holds it (two agents, one unit). */
  reserve(id: number, by: { clientId: number; agentOpenId: string; planId: number }, now: Date): Promise<boolean>;
  /**
   * Conditional: from 空置/意向, from 已定 for this client, or from 已租 for this client (a renewal);
   * false when another client reserved or leases it.
   */
  lease(
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
  ): Promise<boolean>;
  /** Conditional on the lease still being this contract's: back to 空置. */
  release(id: number, contractNo: string, now: Date): Promise<boolean>;
  /** Conditional on the unit still being 已定 for this client (the deposit fell through): back to 空置. */
  releaseReservation(id: number, clientId: number, now: Date): Promise<boolean>;
  /** Reserved units (已定), of one agent or all, oldest reservation first, first `limit`. */
  listReserved(agentOpenId: string | undefined, limit: number): Promise<UnitWithTenant[]>;
  floors(): Promise<UnitFloor[]>;
  listFloor(building: string, floor: string): Promise<UnitWithTenant[]>;
  /** Every unit, in building / floor / number order (exports). */
  listAll(offset: number, limit: number): Promise<UnitWithTenant[]>;
  /** Free units (空置/意向) for the signing plan's picker, first `limit`. */
  listFree(limit: number): Promise<Unit[]>;
  /** Leases ending on or before `until` (and not yet released), soonest first. */
  listExpiring(until: string): Promise<UnitWithTenant[]>;
  /** Aggregates by status in SQL; `expiringUntil` splits 已租 into 已租 / 即将到期. */
  stats(expiringUntil: string, floor?: { building: string; floor: string }): Promise<UnitStats>;
  saveSnapshot(s: UnitSnapshot, now: Date): Promise<void>;
  getSnapshot(month: string): Promise<UnitSnapshot | undefined>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    units: UnitRepository;
  }
}

/**
 * The property's units (铺位, R-UNIT-1). A unit's stored status moves 空置/意向 → 已定 (a signing plan
 * reserved it) → 已租 (a signed contract leases it) → back to 空置 when released. 即将到期 is not stored:
 * it is a leased unit whose lease ends within `units.expiryWarningDays` (derived, so it never goes stale).
 */
export const UNIT_STATUSES = ['vacant', 'intent', 'reserved', 'leased'] as const;
export type StoredUnitStatus = (typeof UNIT_STATUSES)[number];
/** What the map and the lists show. */
export type UnitStatus = StoredUnitStatus | 'expiring';
export const DISPLAY_STATUSES: readonly UnitStatus[] = ['vacant', 'intent', 'reserved', 'leased', 'expiring'];
/** Statuses a signing plan may take a unit from. */
export const FREE_STATUSES: readonly StoredUnitStatus[] = ['vacant', 'intent'];

export interface Unit {
  id: number;
  building: string;
  floor: string;
  number: string;
  /** building + floor + number normalised: unique (see `unitCodeKey`). */
  codeKey: string;
  areaSqm: number;
  /** Standard monthly rent, yuan. */
  standardRent: number;
  status: StoredUnitStatus;
  clientId: number | null;
  agentOpenId: string | null;
  planId: number | null;
  contractNo: string | null;
  leaseStart: string | null;
  leaseEnd: string | null;
  /** The contract's monthly rent while leased (else the standard rent counts for nothing). */
  monthlyRent: number | null;
  updatedAt: Date;
}

export interface NewUnit {
  building: string;
  floor: string;
  number: string;
  areaSqm: number;
  standardRent: number;
  status: 'vacant' | 'intent';
}

export interface UnitFloor {
  building: string;
  floor: string;
  units: number;
}

/** Counts and sums over units, by display status, as the map and the report need them. */
export interface UnitStats {
  total: number;
  byStatus: Record<UnitStatus, number>;
  totalArea: number;
  leasedArea: number;
  /** Monthly rent of the leased units (contract rent, else standard rent). */
  rentIncome: number;
}

export interface UnitSnapshot {
  month: string;
  total: number;
  vacant: number;
  leased: number;
  totalArea: number;
  leasedArea: number;
  rentIncome: number;
}

/** A unit with its tenant's name, for lists and exports. */
export interface UnitWithTenant extends Unit {
  clientName: string | null;
}

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

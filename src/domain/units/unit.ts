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

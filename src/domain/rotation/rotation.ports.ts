import type { Owner } from '../clients/client.js';
import type { DayState, RotationEvent } from './rotation.rules.js';

/** One day's rotation as stored: its state, the optimistic-lock version, and the order it started with. */
export interface DayRecord {
  state: DayState;
  version: number;
  baseOrder: string[];
}

/** Informational ledger entries: they record what happened without changing the rotation's state. */
export type InfoEvent =
  | { type: 'arrival'; walkInId: number; rule: string; agent?: string }
  | { type: 'claimed'; walkInId: number; agent: string }
  | { type: 'pool'; walkInId: number }
  | { type: 'assigned'; clientId: number; agent: string; reason: string }
  // `reason`, `claimant` and `owner` are recorded so the row explains itself (R-AUD-2); older rows lack them.
  | { type: 'dispute'; disputeId: number; clientId: number; agent: string; reason?: string }
  | { type: 'ruling'; disputeId: number; clientId: number; decision: string; claimant?: string; owner?: Owner };

export type LedgerEvent = RotationEvent | InfoEvent;

export interface LedgerEntry {
  id: number;
  day: string;
  at: Date;
  actor: string | null;
  event: LedgerEvent;
  rule: string | null;
  before: unknown;
  after: unknown;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'id'>;

export interface RotationRepository {
  /** Plain read, for views. */
  findDay(day: string): Promise<DayRecord | undefined>;
  /** Read that holds the day's row lock until commit (MySQL); on SQLite transactions are serial already. */
  lockDay(day: string): Promise<DayRecord | undefined>;
  /** False when another transaction created the day first. */
  createDay(record: DayRecord, now: Date): Promise<boolean>;
  /** Writes the changed members and bumps the version; false if the version moved (a concurrent change). */
  saveDay(before: DayRecord, after: DayState, now: Date): Promise<boolean>;
  lastDayBefore(day: string): Promise<DayRecord | undefined>;
  appendLedger(entries: NewLedgerEntry[]): Promise<void>;
  ledger(day: string, limit?: number): Promise<LedgerEntry[]>;
}

export const WALK_IN_STATUSES = ['offered', 'accepted', 'assigned', 'pool'] as const;
export type WalkInStatus = (typeof WALK_IN_STATUSES)[number];

export interface WalkIn {
  id: number;
  day: string;
  registeredBy: string;
  arrivedAt: Date;
  name: string | null;
  phoneTyped: string | null;
  phone: string | null;
  cardAgent: string | null;
  leaderReferral: boolean;
  note: string | null;
  rule: string;
  status: WalkInStatus;
  owner: string | null;
  clientId: number | null;
  decidedAt: Date | null;
}

export type NewWalkIn = Omit<WalkIn, 'id'>;

export const OFFER_STATUSES = ['pending', 'accepted', 'passed', 'timed_out', 'superseded'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export interface Offer {
  id: number;
  walkInId: number;
  day: string;
  agent: string;
  attempt: number;
  status: OfferStatus;
  offeredAt: Date;
  deadlineAt: Date;
  resolvedAt: Date | null;
}

export interface WalkInRepository {
  create(w: NewWalkIn): Promise<WalkIn>;
  get(id: number): Promise<WalkIn | undefined>;
  update(
    id: number,
    patch: Partial<Pick<WalkIn, 'status' | 'owner' | 'clientId' | 'decidedAt' | 'rule'>>,
  ): Promise<void>;
  listByDay(day: string, limit: number): Promise<WalkIn[]>;
  /** The walk-ins that brought this client, oldest first (R-AUD-2: how the client came to its owner). */
  listByClient(clientId: number, limit: number): Promise<WalkIn[]>;
  createOffer(o: Omit<Offer, 'id' | 'resolvedAt' | 'status'>): Promise<Offer>;
  /** Current committed state (a locking read on MySQL). */
  getOffer(id: number): Promise<Offer | undefined>;
  offersOf(walkInId: number): Promise<Offer[]>;
  pendingOffers(day: string): Promise<Offer[]>;
  /** Conditional: only a pending offer changes; true when this call changed it. */
  resolveOffer(id: number, to: Exclude<OfferStatus, 'pending'>, at: Date): Promise<boolean>;
  expiredOffers(now: Date, limit: number): Promise<Offer[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    rotation: RotationRepository;
    walkIns: WalkInRepository;
  }
}

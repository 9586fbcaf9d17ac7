import type { DayState, RotationEvent } from './rotation.rules.js';
import type { DayRecord, InfoEvent, NewWalkIn, Offer, OfferStatus, WalkIn } from './rotation.js';

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

import type { Owner } from '../clients/client.js';
import type { DayState } from './rotation.rules.js';

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

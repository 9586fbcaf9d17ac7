import type { ClientTier, Handover, Tier, TierCriteria, TierRecheckItem } from './tier.js';

export interface TierRepository {
  get(clientId: number): Promise<ClientTier | undefined>;
  saveCriteria(clientId: number, criteria: TierCriteria, suggested: Tier | null, now: Date): Promise<void>;
  propose(clientId: number, tier: Tier, approvalId: number, now: Date): Promise<void>;
  /** Leader's decision: confirmed moves `proposed` into `tier`; rejected keeps the old tier. */
  decide(clientId: number, approvalId: number, confirmed: boolean, by: string, at: Date): Promise<void>;
  /**
   * R-TIER-2 weekly re-check: clients (not lost) with no tier in force, or one confirmed before
   * `confirmedBefore`; a proposal awaiting a leader is left out. Never tiered first, then oldest.
   */
  listDueForRecheck(q: { confirmedBefore: Date; limit: number }): Promise<{ items: TierRecheckItem[]; total: number }>;
}

export interface HandoverRepository {
  add(h: Omit<Handover, 'id'>): Promise<Handover>;
  /** Hand-overs a member gave or received, newest first (the agent keeps a record, R-TIER-1). */
  listFor(openId: string, limit: number): Promise<Handover[]>;
  /** One client's hand-overs, oldest first (its ownership history, R-AUD-2). */
  listForClient(clientId: number, limit: number): Promise<Handover[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    tiers: TierRepository;
    handovers: HandoverRepository;
  }
}

/**
 * Merchant tiers (R-TIER-2) and big-client hand-overs (R-TIER-1). The criteria are recorded on the
 * client; a rubric in config/ suggests a tier; the manager sets it and a leader confirms it.
 */
export const TIERS = ['1', '2', '3'] as const;
export type Tier = (typeof TIERS)[number];
export const BRAND_LEVELS = ['province', 'city', 'local'] as const;
export type BrandLevel = (typeof BRAND_LEVELS)[number];
export const STRENGTHS = ['strong', 'medium', 'weak'] as const;
export type Strength = (typeof STRENGTHS)[number];

export interface TierCriteria {
  storeAreaSqm: number | null;
  storeCount: number | null;
  brandLevel: BrandLevel | null;
  warehouseSqm: number | null;
  turnoverWanYuan: number | null;
  /** Manufacturers only. */
  manufacturerStrength: Strength | null;
}

export type TierStatus = 'none' | 'pending' | 'confirmed' | 'rejected';

export interface ClientTier {
  clientId: number;
  criteria: TierCriteria;
  suggested: Tier | null;
  /** The tier in force (last confirmed by a leader). */
  tier: Tier | null;
  /** What the manager proposed and a leader has not yet decided (or rejected). */
  proposed: Tier | null;
  status: TierStatus;
  approvalId: number | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  updatedAt: Date;
}

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

export interface TierRecheckItem {
  clientId: number;
  name: string;
  shopName: string | null;
  ownerOpenId: string | null;
  tier: Tier | null;
  confirmedAt: Date | null;
}

export interface Handover {
  id: number;
  clientId: number;
  fromOpenId: string | null;
  toOpenId: string;
  reason: string | null;
  requestedBy: string;
  approvedBy: string;
  approvalId: number;
  at: Date;
}

export interface HandoverRepository {
  add(h: Omit<Handover, 'id'>): Promise<Handover>;
  /** Hand-overs a member gave or received, newest first (the agent keeps a record, R-TIER-1). */
  listFor(openId: string, limit: number): Promise<Handover[]>;
  /** One client's hand-overs, oldest first (its ownership history, R-AUD-2). */
  listForClient(clientId: number, limit: number): Promise<Handover[]>;
}

/** What hand-over cards show; drawn by the bot layer. */
export interface HandoverView {
  handover: Handover;
  clientName: string;
  fromName: string;
  toName: string;
  approverName: string;
}

export interface TierCardRenderer {
  handoverNotice(view: HandoverView): Record<string, unknown>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    tiers: TierRepository;
    handovers: HandoverRepository;
  }
}

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

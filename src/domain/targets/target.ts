import type { Fen } from './money.js';
import type { PeriodKind } from './period.js';
import type { SplitLine } from './split.rules.js';

/**
 * A department target for a month or a quarter (R-TGT-1) and its split across agents (R-TGT-2).
 * Proposed by a manager, approved by a leader through the approval mechanism. A change after
 * approval is a new proposal for the same period: the approved one stays in force until the new
 * one is approved, and is then `superseded` (kept, with who approved it and when).
 */
export const TARGET_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'superseded'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export interface Target {
  id: number;
  periodKey: string;
  periodKind: PeriodKind;
  contracts: number;
  /** ㎡ in hundredths; null when the proposal did not set an area. */
  areaCenti: number | null;
  /** First-year rent in fen; null when not set. */
  rentFen: Fen | null;
  status: TargetStatus;
  proposedBy: string;
  proposedAt: Date;
  approvalId: number | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  split: SplitLine[];
}

export type NewTarget = Pick<
  Target,
  'periodKey' | 'periodKind' | 'contracts' | 'areaCenti' | 'rentFen' | 'proposedBy' | 'split'
>;

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

export interface TargetRepository {
  create(t: NewTarget, now: Date): Promise<Target>;
  get(id: number): Promise<Target | undefined>;
  setApproval(id: number, approvalId: number): Promise<void>;
  /** `UPDATE … WHERE id = ? AND status = 'pending'`: true only for the one caller that changed it. */
  decide(id: number, status: Exclude<TargetStatus, 'pending' | 'superseded'>, by: string, at: Date): Promise<boolean>;
  /** Every other approved target of the period becomes `superseded`. */
  supersede(periodKey: string, exceptId: number): Promise<number>;
  /** The approved (in force) target of each period asked for, when there is one. */
  approvedFor(periodKeys: string[]): Promise<Target[]>;
  pendingFor(periodKey: string): Promise<Target | undefined>;
}

/** 开业: when a signed contract's tenant opened, which makes the opening part of its commission due. */
export interface OpeningRepository {
  /** False when the contract's opening was recorded before (unique contract number). */
  record(o: { contractNo: string; openedDate: string; recordedBy: string }, now: Date): Promise<boolean>;
  /** Contract number → opening date, for those of `contractNos` opened on or before `asOf`. */
  openedBy(contractNos: string[], asOf: string): Promise<Map<string, string>>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    targets: TargetRepository;
    openings: OpeningRepository;
  }
}

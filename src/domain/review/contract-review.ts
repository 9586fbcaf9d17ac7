import type { Role } from '../members/roles.js';
import type { CardJson } from '../shared/outbox.js';

/** The two departments that pass a contract before it counts as signed (R-CON-4). */
export const REVIEWER_ROLES = ['legal', 'finance'] as const satisfies readonly Role[];
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

/** in_review → signed (both approved) | returned (either returned) → in_review again on re-submission. */
export type ReviewStatus = 'in_review' | 'returned' | 'signed';
export type ReviewerStatus = 'pending' | 'approved' | 'returned';

/** What the front desk's 已签合同 form says, held until both reviewers have passed it. */
export interface ContractDraft {
  contractNo: string;
  clientId: number;
  agentOpenId: string | null;
  signedDate: string;
  unit: string | null;
  area: number | null;
  monthlyRent: number | null;
  collectionId: number | null;
  enteredBy: string;
  /** The form as typed, the fields left empty and when it was filed (R-FORM-3 compliance counts the filing). */
  form: { raw: Record<string, string>; missing: string[]; filedAt: string };
}

export interface ContractReview extends ContractDraft {
  id: number;
  status: ReviewStatus;
  round: number;
  legal: { status: ReviewerStatus; comment: string | null };
  finance: { status: ReviewerStatus; comment: string | null };
  submittedAt: Date;
  decidedAt: Date | null;
}

export interface ContractReviewRepository {
  findByNo(contractNo: string): Promise<ContractReview | undefined>;
  get(id: number): Promise<ContractReview | undefined>;
  /** A contract number under review twice is refused on the number field (unique key). */
  create(d: ContractDraft, now: Date): Promise<ContractReview>;
  /** `WHERE status = 'returned'`: a new round with both reviewers pending; false when it was not returned. */
  resubmit(id: number, d: ContractDraft, now: Date): Promise<boolean>;
  /** One reviewer's verdict, conditional on the round still being under review and theirs pending. */
  decide(
    id: number,
    round: number,
    role: ReviewerRole,
    status: Exclude<ReviewerStatus, 'pending'>,
    comment: string | null,
    now: Date,
  ): Promise<boolean>;
  /**
   * `WHERE status = 'in_review' AND legal = finance = 'approved'`: true for exactly one transaction even when
   * both reviewers approve at the same instant, so the contract is recorded once.
   */
  markSigned(id: number, round: number, now: Date): Promise<boolean>;
  markReturned(id: number, round: number, now: Date): Promise<boolean>;
  /** Contracts waiting for review (what `业绩` shows as 审核中). */
  listInReview(filter: { agentOpenId?: string; limit: number }): Promise<ContractReview[]>;
}

export interface ReviewView {
  review: ContractReview;
  clientName: string;
  agentName: string | null;
  /** Who returned it (names), when returned. */
  returnedBy: { role: ReviewerRole; name: string | null; comment: string | null }[];
}

/** Card rendering is the bot's job; the service decides who is told what. */
export interface ReviewCards {
  returned(view: ReviewView, forFrontDesk: boolean): CardJson;
  signed(view: ReviewView): CardJson;
}

export const reviewSubject = (id: number, round: number) => `${id}:${round}`;
export function parseReviewSubject(subjectId: string): { id: number; round: number } | undefined {
  const m = /^(\d+):(\d+)$/.exec(subjectId);
  return m ? { id: Number(m[1]), round: Number(m[2]) } : undefined;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    contractReviews: ContractReviewRepository;
  }
}

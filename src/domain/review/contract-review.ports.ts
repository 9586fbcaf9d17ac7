import type { ContractDraft, ContractReview, ReviewerRole, ReviewerStatus } from './contract-review.js';

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

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    contractReviews: ContractReviewRepository;
  }
}

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

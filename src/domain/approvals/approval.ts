import type { Role } from '../members/roles.js';

/**
 * One approval: a request that someone holding `approverRole` approves or rejects exactly once
 * (or the requester withdraws it first). Used by field-visit plans, tiers, hand-overs, targets…
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export type FinalStatus = Exclude<ApprovalStatus, 'pending'>;
export type Decision = 'approved' | 'rejected';

export interface Approval {
  id: number;
  /** Which feature asked: 'field_visit', 'tier', 'handover', 'target' … (a registered handler). */
  kind: string;
  /** The feature's own id for what is being approved (plan id, client id …). */
  subjectId: string;
  requester: string;
  approverRole: Role;
  /** A one-line description built from the request's data (dates, names), shown on the cards. */
  summary: string;
  payload: unknown;
  status: ApprovalStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
  /** Who was sent an approver card (so that every one of those cards can be updated). */
  notified: string[];
  resentAt: Date | null;
  createdAt: Date;
}

export type NewApproval = Pick<Approval, 'kind' | 'subjectId' | 'requester' | 'approverRole' | 'summary' | 'payload'>;

export interface ApprovalRepository {
  create(a: NewApproval & { notified: string[] }, now: Date): Promise<Approval>;
  get(id: number): Promise<Approval | undefined>;
  /**
   * `UPDATE … WHERE id = ? AND status = 'pending'`: true only for the one caller that changed the
   * row, so two approvers pressing at once produce a single decision on both databases.
   */
  decideOnce(id: number, status: FinalStatus, by: string, comment: string | null, at: Date): Promise<boolean>;
  listPending(filter: {
    approverRoles?: Role[];
    requester?: string;
    kind?: string;
    createdBefore?: Date;
    notResent?: boolean;
    limit?: number;
  }): Promise<Approval[]>;
  /** Conditional as well: a stale approval is re-sent once even with several instances running. */
  markResent(id: number, notified: string[], at: Date): Promise<boolean>;
  /** The newest approval about one subject (e.g. the tier of client 12). */
  latestFor(kind: string, subjectId: string): Promise<Approval | undefined>;
}

/** What the cards show: the approval plus the names behind its open_ids. */
export interface ApprovalView {
  approval: Approval;
  requesterName: string;
  deciderName: string | null;
}

/** Card rendering is the bot layer's job; the service only decides who gets which card. */
export interface ApprovalCardRenderer {
  approverCard(view: ApprovalView): Record<string, unknown>;
  requesterCard(view: ApprovalView): Record<string, unknown>;
}

export const approverCardKey = (id: number, openId: string) => `approval:${id}:approver:${openId}`;
export const requesterCardKey = (id: number) => `approval:${id}:requester`;

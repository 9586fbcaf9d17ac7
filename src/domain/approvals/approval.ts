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
  /** Who was sent a second copy (R-FV-4): each copy is patched with the decision too. */
  resentTo: string[];
  /** When the leaders were told the request is still undecided (R-FV-4), and which leaders. */
  escalatedAt: Date | null;
  escalatedTo: string[];
  createdAt: Date;
}

export type NewApproval = Pick<Approval, 'kind' | 'subjectId' | 'requester' | 'approverRole' | 'summary' | 'payload'>;

/** What the cards show: the approval plus the names behind its open_ids. */
export interface ApprovalView {
  approval: Approval;
  requesterName: string;
  deciderName: string | null;
}

/** What the leaders' card says about a request nobody decided (R-FV-4). */
export interface EscalationInfo {
  /** The people who were asked to decide. */
  deciderNames: string[];
  /** Working minutes since it was filed. */
  waitedWorkingMinutes: number;
}

/** Card rendering is the bot layer's job; the service only decides who gets which card. */
export interface ApprovalCardRenderer {
  approverCard(view: ApprovalView): Record<string, unknown>;
  requesterCard(view: ApprovalView): Record<string, unknown>;
  /** The new message the requester gets once someone decided (a patched card alone rings no phone). */
  decisionNotice?(view: ApprovalView): Record<string, unknown>;
  /** The leaders' card about a request still undecided; patched with the decision later. */
  escalationCard?(view: ApprovalView, info: EscalationInfo): Record<string, unknown>;
}

export const approverCardKey = (id: number, openId: string) => `approval:${id}:approver:${openId}`;
/** The re-sent copy has a key of its own, so that both copies can be patched with the decision. */
export const resentCardKey = (id: number, openId: string) => `approval:${id}:approver:${openId}:again`;
export const requesterCardKey = (id: number) => `approval:${id}:requester`;
export const escalationCardKey = (id: number, openId: string) => `approval:${id}:leader:${openId}`;

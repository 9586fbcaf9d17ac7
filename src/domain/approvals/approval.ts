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
    /** Re-sent before this instant and the leaders not told yet. */
    resentBefore?: Date;
    limit?: number;
  }): Promise<Approval[]>;
  /** Conditional as well: a stale approval is re-sent once even with several instances running. */
  markResent(id: number, notified: string[], at: Date, resentTo?: string[]): Promise<boolean>;
  /** `… WHERE status = 'pending' AND resent_at IS NOT NULL AND escalated_at IS NULL`: the leaders are told once. */
  markEscalated(id: number, leaders: string[], at: Date): Promise<boolean>;
  /** The newest approval about one subject (e.g. the tier of client 12). */
  latestFor(kind: string, subjectId: string): Promise<Approval | undefined>;
}

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

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    approvals: ApprovalRepository;
  }
}

import type { Role } from '../members/roles.js';
import type { Approval, FinalStatus, NewApproval } from './approval.js';

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

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    approvals: ApprovalRepository;
  }
}

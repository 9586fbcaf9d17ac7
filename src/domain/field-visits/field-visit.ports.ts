import type { ApprovalStatus } from '../approvals/approval.js';
import type { FieldVisitPlan, NewLog, NewPlan, UnvisitedClient, VisitLog } from './field-visit.js';

export interface FieldVisitRepository {
  createPlan(p: NewPlan, now: Date): Promise<FieldVisitPlan>;
  getPlan(id: number): Promise<FieldVisitPlan | undefined>;
  setApproval(planId: number, approvalId: number): Promise<void>;
  setStatus(planId: number, status: ApprovalStatus, now: Date): Promise<void>;
  /** An agent's approved plans dated on or before `byDate` that have no log yet, oldest first. */
  listAwaitingLog(agentOpenId: string, byDate: string, limit: number): Promise<FieldVisitPlan[]>;
  /** R-PLAN-1: every agent's approved plans dated on or before `byDate` that have no log yet, oldest first. */
  listAllAwaitingLog(byDate: string, limit: number): Promise<FieldVisitPlan[]>;
  /** R-PLAN-1: every agent's approved plans dated `date` (YYYY-MM-DD), by agent then id. */
  listApprovedOn(date: string): Promise<FieldVisitPlan[]>;
  /** Throws DomainError conflict `visit.log.already_filed` for a second log of the same plan. */
  createLog(l: NewLog): Promise<VisitLog>;
  getLog(id: number): Promise<VisitLog | undefined>;
  /** `UPDATE … WHERE reviewed_at IS NULL`: a log is marked 已阅 once. */
  markReviewed(id: number, by: string, comment: string | null, at: Date): Promise<boolean>;
  listUnreviewed(limit: number): Promise<{ items: VisitLog[]; total: number }>;
  /** R-FV-3: clients (not lost) that appear in no visit log, optionally for one owner. */
  listUnvisited(q: { ownerOpenId?: string; limit: number }): Promise<{ items: UnvisitedClient[]; total: number }>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    fieldVisits: FieldVisitRepository;
  }
}

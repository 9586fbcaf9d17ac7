import type { Grade } from '../clients/client.js';
import type { ApprovalStatus } from '../approvals/approval.js';

/** 走访计划表 (R-FV-1): filed before going out, approved by the manager. Its status mirrors its approval. */
export interface FieldVisitPlan {
  id: number;
  agentOpenId: string;
  /** YYYY-MM-DD in BOT_TIMEZONE. */
  visitDate: string;
  purpose: string;
  status: ApprovalStatus;
  approvalId: number | null;
  clientIds: number[];
  places: string[];
  createdAt: Date;
}

export type NewPlan = Pick<FieldVisitPlan, 'agentOpenId' | 'visitDate' | 'purpose' | 'clientIds' | 'places'>;

export interface VisitOutcome {
  clientId: number;
  outcome: string;
  /** The intent grade after the visit, when the agent changed it. */
  grade: Grade | null;
}

/** 走访日志 (R-FV-2): one per approved plan; reviewed by the manager (已阅 + comment). */
export interface VisitLog {
  id: number;
  planId: number;
  agentOpenId: string;
  visitDate: string;
  summary: string;
  outcomes: VisitOutcome[];
  filedAt: Date;
  dueAt: Date;
  /** R-FORM-1: filed after the deadline counts as not done; it is still stored. */
  late: boolean;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
}

export type NewLog = Omit<VisitLog, 'id' | 'reviewedBy' | 'reviewedAt' | 'reviewComment'>;

export interface UnvisitedClient {
  clientId: number;
  name: string;
  shopName: string | null;
  ownerOpenId: string | null;
}

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

/** Visit-log cards are drawn by the bot layer; the service decides who gets them. */
export interface VisitLogView {
  log: VisitLog;
  plan: FieldVisitPlan;
  agentName: string;
  reviewerName: string | null;
  clientNames: Record<number, string>;
}

export interface VisitCardRenderer {
  /** To managers when a log is filed, patched once it is reviewed. */
  reviewCard(view: VisitLogView): Record<string, unknown>;
  /** To the agent once the manager marked the log 已阅. */
  reviewedNotice(view: VisitLogView): Record<string, unknown>;
}

export const reviewCardKey = (logId: number, openId: string) => `visitlog:${logId}:review:${openId}`;

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    fieldVisits: FieldVisitRepository;
  }
}

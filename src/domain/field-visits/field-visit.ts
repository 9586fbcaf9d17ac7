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

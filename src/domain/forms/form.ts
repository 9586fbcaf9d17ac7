/**
 * What the forms store (DOMAIN.md §2). Every filed form leaves one `FormRecord` — the compliance
 * ledger behind R-FORM-1 (late / incomplete) and R-FORM-2 (flagged as false) — plus, for most forms,
 * a row in the table the form feeds (revisits, signing plans, collections, signed contracts).
 */
export const FORM_KINDS = [
  'visitor',
  'revisit_plan',
  'revisit_outcome',
  'signing_plan',
  'collection',
  'signed_contract',
  'visit_log',
  'meeting_minutes',
] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface FormRecord {
  id: number;
  kind: FormKind;
  clientId: number | null;
  /** Whose compliance this form counts for (the agent; the front desk member for signed contracts). */
  agentOpenId: string | null;
  filedBy: string;
  filedAt: Date;
  dueAt: Date | null;
  late: boolean;
  incomplete: boolean;
  /** Required fields left empty (field names), when incomplete. */
  missing: string[];
  flagged: boolean;
  flagReason: string | null;
  flaggedBy: string | null;
  flaggedAt: Date | null;
  /** Id of the row in the table the form feeds (revisit, signing_plan, …). */
  refId: number | null;
  /** Same key twice → refused (e.g. one visitor registration per walk-in). */
  dedupeKey: string | null;
  payload: Record<string, unknown>;
}
export type NewFormRecord = Omit<FormRecord, 'id' | 'flagged' | 'flagReason' | 'flaggedBy' | 'flaggedAt'>;

export interface ComplianceCount {
  agentOpenId: string;
  filed: number;
  late: number;
  incomplete: number;
  flagged: number;
}

export const REVISIT_STATUSES = ['planned', 'done', 'rescheduled', 'lost'] as const;
export type RevisitStatus = (typeof REVISIT_STATUSES)[number];

export interface Revisit {
  id: number;
  clientId: number;
  agentOpenId: string;
  /** YYYY-MM-DD in the department's timezone: always a fixed date (R-REV-1). */
  dueDate: string;
  purpose: string | null;
  status: RevisitStatus;
  outcomeNote: string | null;
  rescheduledFromId: number | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

export interface SigningPlan {
  id: number;
  clientId: number;
  agentOpenId: string;
  depositAmount: number;
  paidDate: string;
  signingDate: string;
  unit: string | null;
  status: 'planned' | 'signed' | 'cancelled';
  createdAt: Date;
}

export interface ContractCollection {
  id: number;
  contractNo: string;
  clientId: number;
  agentOpenId: string;
  unit: string | null;
  area: number | null;
  monthlyRent: number | null;
  termMonths: number | null;
  collectedDate: string;
  createdAt: Date;
}

export interface SignedContract {
  id: number;
  contractNo: string;
  clientId: number;
  agentOpenId: string | null;
  signedDate: string;
  unit: string | null;
  area: number | null;
  monthlyRent: number | null;
  collectionId: number | null;
  enteredBy: string;
  createdAt: Date;
}

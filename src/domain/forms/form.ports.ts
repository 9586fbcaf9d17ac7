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

export interface FormRecordRepository {
  /** Throws DomainError conflict `form.duplicate` when the dedupe key was used before. */
  add(record: NewFormRecord): Promise<FormRecord>;
  get(id: number): Promise<FormRecord | undefined>;
  findByDedupeKey(key: string): Promise<FormRecord | undefined>;
  /** Conditional: only a record not yet flagged; false when it already was (or does not exist). */
  flag(id: number, by: string, reason: string, at: Date): Promise<boolean>;
  listForClient(clientId: number, limit: number): Promise<FormRecord[]>;
  /** Latest visitor registration or revisit outcome for a client: the contact a revisit plan follows. */
  lastContactAt(clientId: number): Promise<Date | undefined>;
  /** One agent's forms of one kind filed at or after `since`, oldest first (to recognise a double tap). */
  listRecentByAgent(kind: FormKind, agentOpenId: string, since: Date): Promise<FormRecord[]>;
  /** Per agent, forms filed in [from, to): totals and how many were late, incomplete, flagged. */
  complianceByAgent(from: Date, to: Date): Promise<ComplianceCount[]>;
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

export interface RevisitRepository {
  create(
    r: Pick<Revisit, 'clientId' | 'agentOpenId' | 'dueDate' | 'purpose' | 'rescheduledFromId'>,
    now: Date,
  ): Promise<Revisit>;
  get(id: number): Promise<Revisit | undefined>;
  /** Conditional update `WHERE status = 'planned'`: false when someone resolved it first (a stale card). */
  resolve(
    id: number,
    status: Exclude<RevisitStatus, 'planned'>,
    note: string | null,
    by: string,
    at: Date,
  ): Promise<boolean>;
  /** Open revisits due on or before `date` (due today + overdue), optionally for one agent. */
  listOpenDueBy(date: string, agentOpenId?: string): Promise<Revisit[]>;
  listOpenForClient(clientId: number): Promise<Revisit[]>;
  /** Closes every open revisit of a client (the client was lost or signed). */
  closeOpenForClient(clientId: number, status: 'done' | 'lost', by: string, at: Date): Promise<number>;
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

export interface ContractRepository {
  addSigningPlan(p: Omit<SigningPlan, 'id' | 'createdAt' | 'status'>, now: Date): Promise<SigningPlan>;
  /** Planned signings on a date (for the next-day plan, R-PLAN-1). */
  listSigningsDue(date: string, agentOpenId?: string): Promise<SigningPlan[]>;
  openSigningPlanFor(clientId: number): Promise<SigningPlan | undefined>;
  markSigningPlansSigned(clientId: number): Promise<void>;
  /** Throws a FormError on `contract_no` when the number was used before. */
  addCollection(c: Omit<ContractCollection, 'id' | 'createdAt'>, now: Date): Promise<ContractCollection>;
  findCollection(contractNo: string): Promise<ContractCollection | undefined>;
  /** Throws a FormError on `contract_no` when the number was entered before. */
  addSigned(c: Omit<SignedContract, 'id' | 'createdAt'>, now: Date): Promise<SignedContract>;
  findSigned(contractNo: string): Promise<SignedContract | undefined>;
  collectionsOn(date: string): Promise<ContractCollection[]>;
  signedOn(date: string): Promise<SignedContract[]>;
  signedByNumbers(contractNos: string[]): Promise<SignedContract[]>;
  collectionsByNumbers(contractNos: string[]): Promise<ContractCollection[]>;
}

/** The per-day counter behind registration numbers, bumped inside the caller's transaction. */
export interface CounterRepository {
  next(key: string): Promise<number>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    formRecords: FormRecordRepository;
    revisits: RevisitRepository;
    contracts: ContractRepository;
    counters: CounterRepository;
  }
}

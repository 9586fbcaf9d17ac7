import type { Fen } from './money.js';
import type { NewTarget, Target, TargetStatus } from './target.js';

/**
 * What targets, performance and the exports read from the rest of the product. The signed-contract
 * ledger, visitor registrations, revisits, signing plans and field visits are other features'
 * tables; these read ports keep this feature to reading them.
 */
export interface LedgerContract {
  id: number;
  contractNo: string;
  clientId: number;
  clientName: string;
  /** null: a public-pool contract (部门公共业绩) — it counts for the department only (R-TGT-4). */
  agentOpenId: string | null;
  signedDate: string;
  unit: string | null;
  areaCenti: number | null;
  /** The first month's rent in fen (the contract's monthly rent); null when not entered. */
  monthlyRentFen: Fen | null;
  enteredBy: string;
}

export interface ContractLedger {
  /** Contracts whose signing date is in [from, to] (local dates, inclusive), by date then id. */
  signedBetween(from: string, to: string): Promise<LedgerContract[]>;
}

/** One filed visitor registration (来访客户登记表) with the client as it stands. */
export interface VisitorExportRow {
  id: number;
  regNo: string | null;
  /** Null on a row for a form that was owed and never filed (R-FORM-3). */
  filedAt: Date | null;
  agentOpenId: string | null;
  clientName: string;
  shopName: string | null;
  contactPerson: string | null;
  phone: string | null;
  category: string | null;
  clientType: string | null;
  source: string | null;
  grade: string | null;
  state: string;
  late: boolean;
  incomplete: boolean;
  /** R-FORM-3: owed for a received walk-in, deadline passed, never filed (缺交). */
  missing?: boolean;
}

export interface RevisitExportRow {
  id: number;
  dueDate: string;
  agentOpenId: string;
  clientName: string;
  phone: string | null;
  purpose: string | null;
  status: string;
  outcomeNote: string | null;
  resolvedAt: Date | null;
}

export interface WorkPlanExportRow {
  date: string;
  agentOpenId: string;
  kind: 'revisit' | 'signing' | 'field_visit';
  subject: string;
  detail: string | null;
  status: string;
}

/**
 * Streams for the exports: each yields pages (keyset-paged by id, or month by month), so that a
 * year of a large department is never held in memory at once.
 */
export interface ReportReader {
  visitors(range: { fromAt: Date; toAt: Date }, pageSize?: number): AsyncIterable<VisitorExportRow[]>;
  revisits(range: { from: string; to: string }, pageSize?: number): AsyncIterable<RevisitExportRow[]>;
  signedContracts(range: { from: string; to: string }, pageSize?: number): AsyncIterable<LedgerContract[]>;
  workPlan(range: { from: string; to: string }): AsyncIterable<WorkPlanExportRow[]>;
}

export interface TargetRepository {
  create(t: NewTarget, now: Date): Promise<Target>;
  get(id: number): Promise<Target | undefined>;
  setApproval(id: number, approvalId: number): Promise<void>;
  /** `UPDATE … WHERE id = ? AND status = 'pending'`: true only for the one caller that changed it. */
  decide(id: number, status: Exclude<TargetStatus, 'pending' | 'superseded'>, by: string, at: Date): Promise<boolean>;
  /** Every other approved target of the period becomes `superseded`. */
  supersede(periodKey: string, exceptId: number): Promise<number>;
  /** The approved (in force) target of each period asked for, when there is one. */
  approvedFor(periodKeys: string[]): Promise<Target[]>;
  pendingFor(periodKey: string): Promise<Target | undefined>;
}

/** 开业: when a signed contract's tenant opened, which makes the opening part of its commission due. */
export interface OpeningRepository {
  /** False when the contract's opening was recorded before (unique contract number). */
  record(o: { contractNo: string; openedDate: string; recordedBy: string }, now: Date): Promise<boolean>;
  /** Contract number → opening date, for those of `contractNos` opened on or before `asOf`. */
  openedBy(contractNos: string[], asOf: string): Promise<Map<string, string>>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    targets: TargetRepository;
    openings: OpeningRepository;
    contractLedger: ContractLedger;
    exportReader: ReportReader;
  }
}

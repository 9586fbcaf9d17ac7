import type { Fen } from './money.js';

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

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    contractLedger: ContractLedger;
    exportReader: ReportReader;
  }
}

import type {
  ComplianceCount,
  ContractCollection,
  FormKind,
  FormRecord,
  NewFormRecord,
  Revisit,
  RevisitStatus,
  SignedContract,
  SigningPlan,
} from './form.js';

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

/** A client of the department (shop owner or manufacturer) and who owns it. */
export const PIPELINE_STATES = ['intent', 'following', 'deposit', 'signed', 'lost'] as const;
export type PipelineState = (typeof PIPELINE_STATES)[number];
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const CLIENT_TYPES = ['merchant', 'manufacturer'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** Who a client belongs to: an agent (open_id) or the department's public pool (R-ATT-4). */
export type Owner = { kind: 'agent'; openId: string } | { kind: 'pool' };

export interface Client {
  id: number;
  /** DJ-20261122-003: sequential per day, never skipping. */
  regNo: string | null;
  name: string;
  shopName: string | null;
  contactPerson: string | null;
  /** Normalised (see phone.ts); unique in the department when set. */
  phone: string | null;
  category: string | null;
  clientType: ClientType | null;
  source: string | null;
  grade: Grade | null;
  state: PipelineState;
  lostReason: string | null;
  owner: Owner;
  createdAt: Date;
  updatedAt: Date;
}

export type NewClient = Omit<Client, 'id' | 'createdAt' | 'updatedAt' | 'regNo' | 'state' | 'lostReason'> &
  Partial<Pick<Client, 'state' | 'regNo'>>;

export interface ClientSearch {
  text?: string;
  ownerOpenId?: string;
  grade?: Grade;
  state?: PipelineState;
  offset?: number;
  limit?: number;
}

export interface ClientRepository {
  get(id: number): Promise<Client | undefined>;
  findByPhone(normalizedPhone: string): Promise<Client | undefined>;
  /** Fallback match for a returning client without a phone (R-ATT-3): same name and shop. */
  findByNameAndShop(name: string, shopName: string | null): Promise<Client | undefined>;
  /**
   * R-ATT-3 without a phone: the one client whose name or shop name is exactly `name`. Undefined when
   * none or several match — an ambiguous name must not hand a walk-in to someone by guesswork.
   */
  findOnlyByName(name: string): Promise<Client | undefined>;
  create(client: NewClient, now: Date): Promise<Client>;
  update(id: number, patch: Partial<Omit<Client, 'id' | 'createdAt'>>, now: Date): Promise<Client>;
  /** Ownership changes go through here only, so that they are always audited by the caller (R-AUD-1). */
  setOwner(id: number, owner: Owner, now: Date): Promise<void>;
  search(q: ClientSearch): Promise<{ items: Client[]; total: number }>;
  /**
   * `查 <name or phone fragment>`: names and shops starting with the text, phones starting or ending
   * with its digits (index range scans); a contains match only when those find nothing. At most
   * `cap` matches are counted, newest first.
   */
  findByText(q: {
    text: string;
    offset: number;
    limit: number;
    cap?: number;
  }): Promise<{ items: Client[]; total: number; capped: boolean }>;
  /** `我的客户`: one owner's clients, most recently touched first, optionally by grade and state. */
  listByOwner(q: {
    ownerOpenId: string;
    grade?: Grade;
    state?: PipelineState;
    offset: number;
    limit: number;
  }): Promise<{ items: Client[]; total: number }>;
  /** Several clients by id (for lists of forms and revisits); missing ids are skipped. */
  getMany(ids: number[]): Promise<Client[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    clients: ClientRepository;
  }
}

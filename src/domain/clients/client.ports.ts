import type { Client, ClientSearch, Grade, NewClient, Owner, PipelineState } from './client.js';

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

import type { Dispute, DisputeDecision } from './dispute.js';

export interface DisputeRepository {
  /** Undefined when the claimant already has an open dispute on this client. */
  create(d: Pick<Dispute, 'clientId' | 'claimant' | 'holder' | 'reason' | 'createdAt'>): Promise<Dispute | undefined>;
  get(id: number): Promise<Dispute | undefined>;
  /** Conditional (open → decided): true for exactly one caller. */
  decide(id: number, decision: DisputeDecision, by: string, at: Date): Promise<boolean>;
  listOpen(limit: number): Promise<Dispute[]>;
  /** Every dispute about one client, oldest first (a plain read, for the ownership history). */
  listForClient(clientId: number, limit: number): Promise<Dispute[]>;
}

/** Clients in the public pool (R-ATT-4), newest first; and a row lock for a hand-out. */
export interface PoolRepository {
  list(
    offset: number,
    limit: number,
  ): Promise<{
    items: Array<{ id: number; regNo: string | null; name: string; phone: string | null; createdAt: Date }>;
    total: number;
  }>;
  /** Locks the client row until commit (MySQL) so that two hand-outs cannot both succeed. */
  lockClient(id: number): Promise<void>;
  /** Clients whose name or shop name is exactly `text` (for 申诉 by name). */
  findByExactName(text: string, limit: number): Promise<number[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    disputes: DisputeRepository;
    pool: PoolRepository;
  }
}

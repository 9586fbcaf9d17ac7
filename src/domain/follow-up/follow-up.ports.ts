import type { FollowUpCandidate } from './follow-up.js';

export interface FollowUpRepository {
  /** One agent's open clients with a grade, read through the owner index. */
  candidates(agentOpenId: string): Promise<FollowUpCandidate[]>;
  /**
   * The latest contact per client: a call, a visitor registration, a revisit outcome or a visit log
   * (its outcome per client). Clients never contacted are absent.
   */
  lastContactAt(clientIds: number[]): Promise<Map<number, Date>>;
  /** Of these clients, the ones with a revisit still planned. */
  withPlannedRevisit(clientIds: number[]): Promise<Set<number>>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    followUps: FollowUpRepository;
  }
}

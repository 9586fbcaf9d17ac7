import type { Grade } from '../clients/client.js';

/** A client a follow-up cadence applies to: an agent's open client (意向 / 跟进中) with a grade. */
export interface FollowUpCandidate {
  id: number;
  name: string;
  shopName: string | null;
  grade: Grade | null;
  ownerOpenId: string;
  createdAt: Date;
}

/** One client to follow up (R-DAY-4), as the lists show it. */
export interface FollowUpItem {
  clientId: number;
  clientName: string;
  grade: Grade;
  /** The local day of the last contact (or of the registration, when nobody contacted it since). */
  lastContactDate: string;
  /** Days since that contact. */
  days: number;
  dueDate: string;
}

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

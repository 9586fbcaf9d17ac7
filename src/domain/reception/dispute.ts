import type { Owner } from '../clients/client.js';

export type DisputeDecision = 'keep' | 'claimant' | 'pool';
export const DISPUTE_DECISIONS: readonly DisputeDecision[] = ['keep', 'claimant', 'pool'];

/** R-ATT-6: an agent's claim that a client is theirs, decided once by the manager. */
export interface Dispute {
  id: number;
  clientId: number;
  claimant: string;
  /** The owner when the dispute was raised. */
  holder: Owner;
  reason: string;
  status: 'open' | 'decided';
  decision: DisputeDecision | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

import type { Tx } from './tx.js';

/**
 * The seam between the forms (client records) and the rotation (reception).
 * Filing the visitor registration for a walk-in ends the agent's busy state (R-ROT-4).
 * The rotation implements it; the visitor-registration service calls it in its own transaction.
 */
export interface ReceptionHooks {
  visitorRegistered(
    tx: Tx,
    input: { agentOpenId: string; walkInId: number | undefined; clientId: number; at: Date },
  ): Promise<void>;
}

export const noReceptionHooks: ReceptionHooks = { visitorRegistered: async () => undefined };

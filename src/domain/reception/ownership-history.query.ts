import type { Client } from '../clients/client.js';
import type { Tx } from '../shared/tx.js';
import { deriveOwnershipHistory, peopleIn, type OwnershipHistory } from './ownership-history.js';

/** What a card needs to answer "why is it yours?": the derived history and the names it mentions. */
export interface OwnershipHistoryView extends OwnershipHistory {
  /** Names of the people the history mentions; a person no longer in the department is absent. */
  names: Record<string, string>;
}

/**
 * Reads the records the history is derived from, through the existing ports, in the caller's
 * transaction. A client has a handful of these rows, so the bounds only guard against the absurd.
 */
export async function loadOwnershipHistory(tx: Tx, client: Client): Promise<OwnershipHistoryView> {
  const id = client.id;
  // One after another: the transaction has one connection.
  const audit = await tx.audit.list({ subjectType: 'client', subjectId: String(id), limit: 500 });
  const walkIns = await tx.walkIns.listByClient(id, 100);
  const disputes = await tx.disputes.listForClient(id, 100);
  const handovers = await tx.handovers.listForClient(id, 100);
  const history = deriveOwnershipHistory({ current: client.owner, audit, walkIns, disputes, handovers });
  const wanted = new Set(peopleIn(history));
  const names: Record<string, string> = {};
  if (wanted.size) for (const m of await tx.members.list()) if (wanted.has(m.openId)) names[m.openId] = m.name;
  return { ...history, names };
}

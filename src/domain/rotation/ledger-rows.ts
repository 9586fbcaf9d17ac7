import type { Owner } from '../clients/client.js';
import { maskPhone } from '../clients/phone.js';
import type { LedgerEntry, LedgerEvent } from './rotation.ports.js';

/**
 * R-AUD-2: every ledger row names the client, the people (by name), the outcome and the reason.
 * The ledger stores ids; this turns one day's entries into rows a person can read, with the facts
 * the rows point at looked up once. A person no longer in the department has no name here (`null`),
 * never their open_id.
 */

export type ClientRef =
  | { kind: 'client'; name: string; regNo: string | null }
  | { kind: 'phone'; masked: string }
  | { kind: 'unnamed' };

export interface LedgerFacts {
  /** Names of the department's members by open_id. */
  names: Record<string, string>;
  walkIns: Map<number, { clientId: number | null; name: string | null; phone: string | null }>;
  clients: Map<number, { name: string; regNo: string | null }>;
}

export interface LedgerRow {
  id: number;
  at: Date;
  /** The event, as a catalogue suffix: `offered`, `passed.timeout`, `duty.off` … */
  kind: string;
  rule: string | null;
  /** The agent the row is about; `null` name when they are no longer a member. */
  agent: { name: string | null } | null;
  /** Who acted; `system` when the bot did (a timeout, the day's start). */
  actor: { name: string | null } | 'system';
  client: ClientRef | null;
  walkInId: number | null;
  /** A ruling's outcome (keep / claimant / pool) or an arrival's decided rule. */
  outcome: string | null;
  /** The owner after a ruling or a hand-out. */
  owner: { kind: 'pool' } | { kind: 'agent'; name: string | null } | null;
  /** The hand-out's reason or the dispute's stated reason. */
  reason: string | null;
  claimant: { name: string | null } | null;
  /** The rotation order a day started or was reset with, by name. */
  order: Array<string | null> | null;
}

function kindOf(e: LedgerEvent): string {
  switch (e.type) {
    case 'duty':
      return `duty.${e.onDuty ? 'on' : 'off'}${e.source ? `.${e.source}` : ''}`;
    case 'moved':
      return `moved.${e.direction}`;
    case 'passed':
      return `passed.${e.reason}`;
    default:
      return e.type;
  }
}

/** Every row, oldest first, and the count of each kind (a phone reads the summary first). */
export function explainLedger(
  entries: LedgerEntry[],
  f: LedgerFacts,
): { rows: LedgerRow[]; counts: Array<{ kind: string; n: number }> } {
  const person = (id: string | null | undefined) => (id ? { name: f.names[id] ?? null } : null);
  const clientById = (id: number | null | undefined): ClientRef | null => {
    const c = id !== null && id !== undefined ? f.clients.get(id) : undefined;
    return c ? { kind: 'client', name: c.name, regNo: c.regNo } : null;
  };
  const clientOfWalkIn = (walkInId: number): ClientRef => {
    const w = f.walkIns.get(walkInId);
    if (!w) return { kind: 'unnamed' };
    const c = clientById(w.clientId);
    if (c) return c;
    if (w.name) return { kind: 'client', name: w.name, regNo: null };
    if (w.phone) return { kind: 'phone', masked: maskPhone(w.phone) };
    return { kind: 'unnamed' };
  };
  const ownerOf = (o: Owner | undefined): LedgerRow['owner'] =>
    !o ? null : o.kind === 'pool' ? { kind: 'pool' } : { kind: 'agent', name: f.names[o.openId] ?? null };

  const rows = entries.map((e): LedgerRow => {
    const ev = e.event;
    const walkInId = 'walkInId' in ev ? ev.walkInId : null;
    const row: LedgerRow = {
      id: e.id,
      at: e.at,
      kind: kindOf(ev),
      rule: e.rule,
      agent: 'agent' in ev ? person(ev.agent) : null,
      actor: e.actor ? { name: f.names[e.actor] ?? null } : 'system',
      client: walkInId !== null ? clientOfWalkIn(walkInId) : null,
      walkInId,
      outcome: null,
      owner: null,
      reason: null,
      claimant: null,
      order: null,
    };
    switch (ev.type) {
      case 'day_started':
      case 'reset':
        row.order = ev.order.map((id) => f.names[id] ?? null);
        break;
      case 'arrival':
        row.outcome = ev.rule;
        break;
      case 'assigned':
        row.client = clientById(ev.clientId) ?? { kind: 'unnamed' };
        row.owner = { kind: 'agent', name: f.names[ev.agent] ?? null };
        row.reason = ev.reason;
        break;
      case 'dispute':
        row.client = clientById(ev.clientId) ?? { kind: 'unnamed' };
        row.reason = ev.reason ?? null;
        break;
      case 'ruling':
        row.client = clientById(ev.clientId) ?? { kind: 'unnamed' };
        row.outcome = ev.decision;
        row.owner = ownerOf(ev.owner);
        row.claimant = ev.claimant ? person(ev.claimant) : null;
        break;
      default:
        break;
    }
    return row;
  });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return { rows, counts: [...counts].map(([kind, n]) => ({ kind, n })) };
}

/** The ids a day's entries point at, to look up once. */
export function ledgerRefs(entries: LedgerEntry[]): { people: string[]; clientIds: number[] } {
  const people = new Set<string>();
  const clientIds = new Set<number>();
  for (const e of entries) {
    const ev = e.event;
    if (e.actor) people.add(e.actor);
    if ('agent' in ev && ev.agent) people.add(ev.agent);
    if (ev.type === 'day_started' || ev.type === 'reset') for (const id of ev.order) people.add(id);
    if (ev.type === 'ruling' && ev.claimant) people.add(ev.claimant);
    if (ev.type === 'ruling' && ev.owner?.kind === 'agent') people.add(ev.owner.openId);
    if ('clientId' in ev) clientIds.add(ev.clientId);
  }
  return { people: [...people], clientIds: [...clientIds] };
}

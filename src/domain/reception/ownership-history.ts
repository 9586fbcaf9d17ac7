import type { AuditRecord } from '../audit/audit.js';
import type { Owner } from '../clients/client.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Dispute, DisputeDecision } from './dispute.js';

/**
 * R-AUD-2 "why is it yours?": a client's ownership history, derived from what is already recorded
 * append-only (the audit log, the walk-in that brought the client, the dispute and hand-over records)
 * so there is no second copy that could disagree with them.
 */

/** How an owner got the client. */
export type OwnershipHow =
  | 'rotation' // R-ATT-1: the rotation turn
  | 'card' // R-ATT-2: business card / flyer
  | 'returning' // R-ATT-3: returning client
  | 'leader' // R-ATT-5: leader referral → pool
  | 'nobody' // R-ROT-5: every agent passed or was busy → pool
  | 'registered' // an agent (or the desk, for the pool) filed the first visitor form
  | 'handout' // R-ATT-4: the manager handed a pool client to an agent, with a reason
  | 'ruling' // R-ATT-6: the manager's dispute ruling
  | 'handover' // R-TIER-1: handed over to key accounts
  | 'recall'; // R-POOL-1: back to the pool after no follow-up

export interface OwnershipStep {
  at: Date;
  how: OwnershipHow;
  /** The rule that decided (R-ATT-1 …), null for a plain registration by its agent. */
  rule: string | null;
  /** Who decided (open_id); null when the bot decided on its own (a timed-out offer, a recall). */
  decidedBy: string | null;
  before: Owner | null;
  after: Owner;
  reason: string | null;
  /** A ruling's outcome and the agent who disputed. */
  outcome?: DisputeDecision;
  claimant?: string;
}

export interface OwnershipHistory {
  /** Oldest first: how the client came to its first owner, then every later change. */
  steps: OwnershipStep[];
  /** The step that gave the client to its current owner (undefined when nothing was recorded). */
  acquired: OwnershipStep | undefined;
}

/** The walk-in that brought the client, as the rotation recorded it. */
export interface WalkInFact {
  id: number;
  rule: string;
  status: string;
  owner: string | null;
  registeredBy: string;
  decidedAt: Date | null;
}

export interface HandoverFact {
  approvalId: number;
  reason: string | null;
  requestedBy: string;
}

export interface OwnershipFacts {
  current: Owner;
  /** Audit entries whose subject is this client, in the order written. */
  audit: AuditRecord[];
  walkIns: WalkInFact[];
  disputes: Dispute[];
  handovers: HandoverFact[];
}

const HOW_BY_RULE: Record<string, OwnershipHow> = {
  'R-ATT-1': 'rotation',
  'R-ATT-2': 'card',
  'R-ATT-3': 'returning',
  'R-ATT-5': 'leader',
  'R-ROT-5': 'nobody',
};

const isOwner = (v: unknown): v is Owner => {
  if (!v || typeof v !== 'object') return false;
  const o = v as { kind?: unknown; openId?: unknown };
  return o.kind === 'pool' || (o.kind === 'agent' && typeof o.openId === 'string');
};

export const sameOwner = (a: Owner | null | undefined, b: Owner | null | undefined): boolean =>
  !!a && !!b && a.kind === b.kind && (a.kind === 'pool' || a.openId === (b as { openId: string }).openId);

/** The walk-in's rule as it ended: an R-ATT-1 walk-in nobody took went to the pool by R-ROT-5. */
function walkInRule(w: WalkInFact): string {
  return w.rule === 'R-ATT-1' && w.status === 'pool' ? 'R-ROT-5' : w.rule;
}

function numberIn(note: string | undefined, prefix: string): number | undefined {
  const m = note ? new RegExp(`^${prefix}(\\d+)$`).exec(note.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

function stepOf(e: AuditRecord, f: OwnershipFacts): OwnershipStep | undefined {
  const before = isOwner(e.before) ? e.before : null;
  switch (e.action) {
    case 'client.owner_set': {
      if (!isOwner(e.after)) return undefined;
      const rule = e.rule ?? null;
      // R-ROT-5 is the rule acting once everyone passed: the last agent to pass did not decide it.
      return {
        at: e.at,
        how: (rule && HOW_BY_RULE[rule]) || 'rotation',
        rule,
        decidedBy: rule === 'R-ROT-5' ? null : e.actor,
        before,
        after: e.after,
        reason: null,
      };
    }
    case 'client.registered': {
      const after = (e.after as { owner?: unknown } | null)?.owner;
      if (!isOwner(after)) return undefined;
      // A walk-in the rotation gave out without a name or phone is recorded by its visitor form: the walk-in decided.
      const w = [...f.walkIns]
        .reverse()
        .find(
          (x) =>
            x.decidedAt &&
            x.decidedAt.getTime() <= e.at.getTime() &&
            (after.kind === 'pool' ? x.status === 'pool' : x.owner === after.openId),
        );
      if (w) {
        const rule = walkInRule(w);
        const decidedBy =
          w.status === 'accepted' ? w.owner : w.status === 'pool' && rule === 'R-ROT-5' ? null : w.registeredBy;
        return {
          at: w.decidedAt!,
          how: HOW_BY_RULE[rule] ?? 'rotation',
          rule,
          decidedBy,
          before: null,
          after,
          reason: null,
        };
      }
      return {
        at: e.at,
        how: 'registered',
        rule: after.kind === 'pool' ? 'R-ATT-4' : null,
        decidedBy: e.actor,
        before: null,
        after,
        reason: null,
      };
    }
    case 'pool.assigned':
      return isOwner(e.after)
        ? {
            at: e.at,
            how: 'handout',
            rule: e.rule ?? 'R-ATT-4',
            decidedBy: e.actor,
            before,
            after: e.after,
            reason: e.note ?? null,
          }
        : undefined;
    case 'dispute.decided_keep':
    case 'dispute.decided_claimant':
    case 'dispute.decided_pool': {
      if (!isOwner(e.after)) return undefined;
      const outcome = e.action.slice('dispute.decided_'.length) as DisputeDecision;
      const d = f.disputes.find((x) => x.id === numberIn(e.note, 'dispute:'));
      return {
        at: e.at,
        how: 'ruling',
        rule: e.rule ?? 'R-ATT-6',
        decidedBy: e.actor,
        before,
        after: e.after,
        reason: d?.reason ?? null,
        outcome,
        ...(d ? { claimant: d.claimant } : {}),
      };
    }
    case 'client.owner_changed': {
      if (!isOwner(e.after)) return undefined;
      const h = f.handovers.find((x) => x.approvalId === numberIn(e.note, 'handover approval '));
      return {
        at: e.at,
        how: 'handover',
        rule: e.rule ?? 'R-TIER-1',
        decidedBy: e.actor,
        before,
        after: e.after,
        reason: h?.reason ?? null,
      };
    }
    case 'client.recalled':
      return isOwner(e.after)
        ? {
            at: e.at,
            how: 'recall',
            rule: e.rule ?? 'R-POOL-1',
            decidedBy: e.actor,
            before,
            after: e.after,
            reason: e.note ?? null,
          }
        : undefined;
    default:
      return undefined;
  }
}

/** The history, oldest first, and the step that gave the client to its current owner. */
export function deriveOwnershipHistory(f: OwnershipFacts): OwnershipHistory {
  const steps: OwnershipStep[] = [];
  for (const e of [...f.audit].sort((a, b) => a.id - b.id)) {
    const s = stepOf(e, f);
    if (s) steps.push(s);
  }
  // Stable by time; entries written in one transaction keep their written order.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  // The acquisition is the last step that changed the owner to the current one; a ruling that kept
  // the owner confirms it and does not replace it. Without any change recorded, the last step naming them.
  const newestFirst = [...steps].reverse();
  const acquired =
    newestFirst.find((s) => sameOwner(s.after, f.current) && !sameOwner(s.before, s.after)) ??
    newestFirst.find((s) => sameOwner(s.after, f.current));
  return { steps, acquired };
}

/** R-AUD-2: the history is the owner's and the manager's to read; other agents see only whose it is. */
export function canSeeOwnershipHistory(viewer: Member, current: Owner): boolean {
  if (hasRole(viewer, 'manager')) return true;
  return current.kind === 'agent' && current.openId === viewer.openId;
}

/** Everyone the history names, to look up once. */
export function peopleIn(h: OwnershipHistory): string[] {
  const ids = new Set<string>();
  for (const s of h.steps) {
    if (s.decidedBy) ids.add(s.decidedBy);
    if (s.claimant) ids.add(s.claimant);
    for (const o of [s.before, s.after]) if (o?.kind === 'agent') ids.add(o.openId);
  }
  return [...ids];
}

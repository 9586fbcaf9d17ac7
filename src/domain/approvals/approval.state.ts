import { hasRole, type Member } from '../members/roles.js';
import { conflict, forbidden } from '../shared/errors.js';
import type { Approval, ApprovalStatus, FinalStatus } from './approval.js';

/**
 * The state machine, pure: pending → approved | rejected | withdrawn, and nothing after that.
 * These checks run before the conditional update; the update itself is what settles a race.
 */
const NEXT: Record<ApprovalStatus, readonly FinalStatus[]> = {
  pending: ['approved', 'rejected', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
};

export function canTransition(from: ApprovalStatus, to: ApprovalStatus): boolean {
  return (NEXT[from] as readonly ApprovalStatus[]).includes(to);
}

export function isFinal(status: ApprovalStatus): boolean {
  return NEXT[status].length === 0;
}

/** An approver deciding: must hold the approval's role, must not decide their own request, only once. */
export function checkDecide(
  a: Approval,
  actor: Member,
  to: 'approved' | 'rejected',
  opts: { allowSelf?: boolean; deciderName?: string } = {},
): void {
  if (!hasRole(actor, a.approverRole)) throw forbidden(`approval.not_approver.${a.approverRole}`);
  if (!canTransition(a.status, to)) throw alreadyDecided(a, opts.deciderName);
  if (a.requester === actor.openId && !opts.allowSelf) throw forbidden('approval.self_decision');
}

/** Only the requester withdraws, and only while nobody has decided. */
export function checkWithdraw(a: Approval, actor: Member, deciderName?: string): void {
  if (a.requester !== actor.openId) throw forbidden('approval.not_requester');
  if (!canTransition(a.status, 'withdrawn')) throw alreadyDecided(a, deciderName);
}

export function alreadyDecided(a: Pick<Approval, 'id' | 'status'>, by?: string | null): Error {
  return conflict('approval.already_decided', { id: a.id, by: by ?? '—', status: a.status });
}

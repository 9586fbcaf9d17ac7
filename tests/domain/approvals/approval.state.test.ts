import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../src/domain/approvals/approval.js';
import { canTransition, checkDecide, checkWithdraw, isFinal } from '../../../src/domain/approvals/approval.state.js';
import type { Member } from '../../../src/domain/members/roles.js';
import type { DomainError } from '../../../src/domain/shared/errors.js';

const manager: Member = { openId: 'ou_mgr', name: '王经理', roles: ['manager'], active: true, nameRefreshedAt: null };
const agent: Member = { openId: 'ou_agent', name: '李招商', roles: ['agent'], active: true, nameRefreshedAt: null };

function approval(over: Partial<Approval> = {}): Approval {
  return {
    id: 1,
    kind: 'field_visit',
    subjectId: '7',
    requester: agent.openId,
    approverRole: 'manager',
    summary: 's',
    payload: null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    notified: [],
    resentAt: null,
    resentTo: [],
    escalatedAt: null,
    escalatedTo: [],
    createdAt: new Date(),
    ...over,
  };
}

const keyOf = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).messageKey;
  }
  return undefined;
};

describe('approval state machine', () => {
  it('R-FV-1: pending goes to approved, rejected or withdrawn, and nothing leaves a final state', () => {
    expect(canTransition('pending', 'approved')).toBe(true);
    expect(canTransition('pending', 'rejected')).toBe(true);
    expect(canTransition('pending', 'withdrawn')).toBe(true);
    for (const s of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(isFinal(s)).toBe(true);
      for (const to of ['pending', 'approved', 'rejected', 'withdrawn'] as const)
        expect(canTransition(s, to)).toBe(false);
    }
    expect(isFinal('pending')).toBe(false);
  });

  it('R-FV-1: only a holder of the approver role decides', () => {
    expect(keyOf(() => checkDecide(approval(), agent, 'approved'))).toBe('approval.not_approver.manager');
    expect(keyOf(() => checkDecide(approval(), manager, 'approved'))).toBeUndefined();
    expect(keyOf(() => checkDecide(approval(), { ...manager, active: false }, 'approved'))).toBe(
      'approval.not_approver.manager',
    );
  });

  it('R-FV-1: a decided approval cannot be decided again; the message names who decided', () => {
    const decided = approval({ status: 'approved', decidedBy: 'ou_other' });
    let err: DomainError | undefined;
    try {
      checkDecide(decided, manager, 'rejected', { deciderName: '赵经理' });
    } catch (e) {
      err = e as DomainError;
    }
    expect(err?.messageKey).toBe('approval.already_decided');
    expect(err?.params.by).toBe('赵经理');
  });

  it('R-FV-1: nobody approves their own request unless the kind allows it', () => {
    const own = approval({ requester: manager.openId });
    expect(keyOf(() => checkDecide(own, manager, 'approved'))).toBe('approval.self_decision');
    expect(keyOf(() => checkDecide(own, manager, 'approved', { allowSelf: true }))).toBeUndefined();
  });

  it('R-FV-1: only the requester withdraws, and only while pending', () => {
    expect(keyOf(() => checkWithdraw(approval(), manager))).toBe('approval.not_requester');
    expect(keyOf(() => checkWithdraw(approval(), agent))).toBeUndefined();
    expect(keyOf(() => checkWithdraw(approval({ status: 'rejected' }), agent))).toBe('approval.already_decided');
  });
});

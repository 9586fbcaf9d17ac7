import type { Approval } from '../approvals/approval.js';
import type { ApprovalService } from '../approvals/approval.service.js';
import type { Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { FormError } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import {
  parseReviewSubject,
  REVIEWER_ROLES,
  reviewSubject,
  type ContractDraft,
  type ContractReview,
  type ReviewCards,
  type ReviewerRole,
  type ReviewView,
} from './contract-review.js';

export const CONTRACT_REVIEW_KIND = 'contract_review';

/** Records a passed contract as signed (the signed-contract service does; it owns that table and its effects). */
export interface SignedContractRecorder {
  record(tx: Tx, draft: ContractDraft): Promise<unknown>;
}

/**
 * R-CON-4: a contract the front desk enters goes to legal and finance as two approvals of the one
 * approval mechanism (kind `contract_review`, one per role, so both get cards, 待审批 and the R-FV-4
 * re-sends). Only when both have approved is it written to the signed-contract table — which is what
 * completion, commission, digests and exports read (R-TGT-3) — so nothing counts it before. A return
 * by either ends the round: the other reviewer's request is withdrawn, the agent and the front desk get
 * the comments, and entering the same contract number again starts the next round.
 */
export class ContractReviewService {
  private recorder: SignedContractRecorder | undefined;

  constructor(private readonly deps: { clock: Clock; approvals: ApprovalService; cards: ReviewCards }) {
    deps.approvals.register(CONTRACT_REVIEW_KIND, {
      approverRoles: [...REVIEWER_ROLES],
      onDecided: (tx, a) => this.onDecided(tx, a),
    });
  }

  useRecorder(recorder: SignedContractRecorder): void {
    this.recorder = recorder;
  }

  /**
   * Review applies once the department has a reviewer: until an admin names legal or finance members,
   * contracts are recorded as before (a department without them could not sign at all). With either
   * named, both are asked; a missing one is reported by the approval mechanism (no approver).
   */
  async required(tx: Tx): Promise<boolean> {
    for (const role of REVIEWER_ROLES) if ((await tx.members.list({ role, activeOnly: true })).length > 0) return true;
    return false;
  }

  /** Starts review (or the next round after a return) and asks both reviewers. */
  async start(tx: Tx, actor: Member, draft: ContractDraft): Promise<ContractReview> {
    const now = this.deps.clock.now();
    const existing = await tx.contractReviews.findByNo(draft.contractNo);
    let review: ContractReview;
    if (!existing) {
      review = await tx.contractReviews.create(draft, now);
    } else if (existing.status === 'returned' && (await tx.contractReviews.resubmit(existing.id, draft, now))) {
      review = (await tx.contractReviews.get(existing.id))!;
    } else {
      const key = existing.status === 'signed' ? 'form.err.contract_no_taken' : 'review.err.in_review';
      throw new FormError({ contract_no: { key, params: { value: draft.contractNo } } }, draft.form.raw);
    }
    const client = await tx.clients.get(review.clientId);
    const agentName = review.agentOpenId ? ((await tx.members.get(review.agentOpenId))?.name ?? null) : null;
    for (const role of REVIEWER_ROLES) {
      await this.deps.approvals.request(tx, {
        kind: CONTRACT_REVIEW_KIND,
        subjectId: reviewSubject(review.id, review.round),
        requester: actor.openId,
        approverRole: role,
        summary: [review.contractNo, client?.name ?? '', review.unit ?? '', review.signedDate].join(' · '),
        payload: {
          contractNo: review.contractNo,
          clientName: client?.name ?? '',
          agentName,
          signedDate: review.signedDate,
          unit: review.unit,
          area: review.area,
          monthlyRent: review.monthlyRent,
          round: review.round,
        },
      });
    }
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'contract.review_requested',
        subjectType: 'client',
        subjectId: String(review.clientId),
        after: { contractNo: review.contractNo, round: review.round },
        rule: 'R-CON-4',
      },
      now,
    );
    return review;
  }

  async listInReview(tx: Tx, agentOpenId?: string): Promise<ContractReview[]> {
    return tx.contractReviews.listInReview({ ...(agentOpenId ? { agentOpenId } : {}), limit: 20 });
  }

  async get(tx: Tx, id: number): Promise<ContractReview | undefined> {
    return tx.contractReviews.get(id);
  }

  private async onDecided(tx: Tx, a: Approval): Promise<void> {
    if (a.status === 'withdrawn' || a.status === 'pending') return;
    const subject = parseReviewSubject(a.subjectId);
    if (!subject) return;
    const role = a.approverRole as ReviewerRole;
    const now = this.deps.clock.now();
    const verdict = a.status === 'approved' ? 'approved' : 'returned';
    // A decision on an old round (or after the other reviewer returned it) changes nothing.
    if (!(await tx.contractReviews.decide(subject.id, subject.round, role, verdict, a.comment, now))) return;
    if (verdict === 'approved') {
      if (!(await tx.contractReviews.markSigned(subject.id, subject.round, now))) return;
      const review = (await tx.contractReviews.get(subject.id))!;
      if (!this.recorder) throw new Error('contract review has no recorder');
      await this.recorder.record(tx, review);
      await tx.audit.append(
        {
          actor: a.decidedBy ?? review.enteredBy,
          action: 'contract.review_passed',
          subjectType: 'client',
          subjectId: String(review.clientId),
          after: { contractNo: review.contractNo, round: review.round },
          rule: 'R-CON-4',
        },
        now,
      );
      const view = await this.viewOf(tx, review);
      for (const to of recipients(review))
        await tx.outbox.send({
          to: { openId: to },
          card: this.deps.cards.signed(view),
          dedupeKey: `review:${review.id}:${review.round}:signed:${to}`,
        });
      return;
    }
    if (!(await tx.contractReviews.markReturned(subject.id, subject.round, now))) return;
    const review = (await tx.contractReviews.get(subject.id))!;
    // The other reviewer need not look at a round that is already returned: take their request back.
    const pending = await tx.approvals.listPending({ kind: CONTRACT_REVIEW_KIND, requester: a.requester, limit: 50 });
    const requester = await tx.members.get(a.requester);
    for (const other of pending) {
      if (other.subjectId !== a.subjectId || other.id === a.id || !requester) continue;
      await this.deps.approvals.withdraw(tx, requester, other.id);
    }
    await tx.audit.append(
      {
        actor: a.decidedBy ?? review.enteredBy,
        action: 'contract.review_returned',
        subjectType: 'client',
        subjectId: String(review.clientId),
        after: { contractNo: review.contractNo, round: review.round, role, comment: a.comment },
        rule: 'R-CON-4',
      },
      now,
    );
    const view = await this.viewOf(tx, review, a);
    for (const to of recipients(review))
      await tx.outbox.send({
        to: { openId: to },
        card: this.deps.cards.returned(view, to === review.enteredBy),
        dedupeKey: `review:${review.id}:${review.round}:returned:${to}`,
      });
  }

  private async viewOf(tx: Tx, review: ContractReview, decider?: Approval): Promise<ReviewView> {
    const name = async (id: string | null) => (id ? ((await tx.members.get(id))?.name ?? id) : null);
    const deciderName = await name(decider?.decidedBy ?? null);
    const returnedBy: ReviewView['returnedBy'] = REVIEWER_ROLES.filter((r) => review[r].status === 'returned').map(
      (role) => ({
        role,
        name: decider?.approverRole === role ? deciderName : null,
        comment: review[role].comment,
      }),
    );
    return {
      review,
      clientName: (await tx.clients.get(review.clientId))?.name ?? String(review.clientId),
      agentName: await name(review.agentOpenId),
      returnedBy,
    };
  }
}

/** The agent whose contract it is and the front desk who entered it (once each). */
function recipients(r: ContractReview): string[] {
  return [...new Set([r.agentOpenId, r.enteredBy].filter((x): x is string => !!x))];
}

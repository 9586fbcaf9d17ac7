/**
 * THE approval mechanism (R-FV-1, R-TIER-1/2, R-TGT-1, R-AUD-1). How a feature uses it:
 *
 *   1. Register the kind once, at construction (app.ts builds services in order):
 *        approvals.register('target', { approverRoles: ['leader'], onDecided: async (tx, a) => {
 *          if (a.status === 'approved') await tx.targets.markApproved(Number(a.subjectId), a.decidedBy!, a.decidedAt!);
 *        } });
 *   2. Ask inside the caller's transaction:
 *        const a = await approvals.request(tx, { kind: 'target', subjectId: String(target.id), requester: actor.openId,
 *                                               approverRole: 'leader', summary: '2026-12 · 12 份合同', payload: { … } });
 *      Every active holder of approverRole gets a card with 批准 / 驳回 and a comment box (card key
 *      `approval:<id>:approver:<open_id>`); the requester gets a status card (`approval:<id>:requester`).
 *   3. The buttons are handled once for every kind by src/bot/features/approvals.ts, which calls
 *      `decide`; the decision is conditional (one winner), audited, then `onDecided` runs in the same
 *      transaction and every card of the approval is patched to show the outcome. `待审批` lists pending ones.
 *   `withdraw` lets the requester take it back; `resendStale` re-sends an old pending approval once.
 */
import type { Member, Role } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { invalidState, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { Approval, ApprovalCardRenderer, ApprovalView, Decision, FinalStatus, NewApproval } from './approval.js';
import { approverCardKey, requesterCardKey } from './approval.js';
import { alreadyDecided, checkDecide, checkWithdraw } from './approval.state.js';

export interface ApprovalHandler {
  /** Roles that may be asked (request's approverRole must be one of them). */
  approverRoles: Role[];
  /** May someone decide their own request (e.g. a manager handing over a client)? Default no. */
  allowSelf?: boolean;
  /** Runs in the deciding transaction after the status changed (approved, rejected or withdrawn). */
  onDecided(tx: Tx, approval: Approval): Promise<void>;
}

export interface ApprovalSettings {
  resendAfterMinutes: number;
}

const MAX_SUMMARY = 500;
const MAX_COMMENT = 500;

export class ApprovalService {
  private readonly handlers = new Map<string, ApprovalHandler>();
  private readonly clock: Clock;
  private readonly settings: ApprovalSettings;
  private readonly cards: ApprovalCardRenderer;

  constructor(deps: { clock: Clock; settings: ApprovalSettings; cards: ApprovalCardRenderer }) {
    this.clock = deps.clock;
    this.settings = deps.settings;
    this.cards = deps.cards;
  }

  register(kind: string, handler: ApprovalHandler): void {
    if (this.handlers.has(kind)) throw new Error(`approval kind "${kind}" registered twice`);
    this.handlers.set(kind, handler);
  }

  async request(tx: Tx, input: NewApproval): Promise<Approval> {
    const handler = this.handler(input.kind);
    if (!handler.approverRoles.includes(input.approverRole))
      throw new Error(`approval kind "${input.kind}" is not decided by ${input.approverRole}`);
    const approvers = await this.approversFor(tx, input.approverRole, input.requester, handler);
    if (approvers.length === 0) throw invalidState(`approval.no_approver.${input.approverRole}`);
    const now = this.clock.now();
    const a = await tx.approvals.create(
      { ...input, summary: input.summary.slice(0, MAX_SUMMARY), notified: approvers },
      now,
    );
    await tx.audit.append(
      {
        actor: input.requester,
        action: 'approval.requested',
        subjectType: 'approval',
        subjectId: String(a.id),
        after: { kind: a.kind, subjectId: a.subjectId, approverRole: a.approverRole },
        rule: 'R-AUD-1',
      },
      now,
    );
    const view = await this.viewOf(tx, a);
    for (const openId of approvers) {
      await tx.outbox.send({
        to: { openId },
        card: this.cards.approverCard(view),
        cardKey: approverCardKey(a.id, openId),
        dedupeKey: `approval:${a.id}:ask:${openId}`,
      });
    }
    await tx.outbox.send({
      to: { openId: a.requester },
      card: this.cards.requesterCard(view),
      cardKey: requesterCardKey(a.id),
      dedupeKey: `approval:${a.id}:requested`,
    });
    return a;
  }

  /**
   * An approver decides. Exactly one decision wins: a loser (or a second press) gets
   * `approval.already_decided`, and its transaction changes nothing.
   */
  async decide(tx: Tx, actor: Member, id: number, decision: Decision, comment?: string | null): Promise<ApprovalView> {
    const before = await this.mustGet(tx, id);
    const handler = this.handler(before.kind);
    checkDecide(before, actor, decision, {
      allowSelf: handler.allowSelf ?? false,
      deciderName: await this.nameOf(tx, before.decidedBy),
    });
    return this.finish(tx, actor, before, decision, cleanComment(comment), handler);
  }

  async withdraw(tx: Tx, actor: Member, id: number): Promise<ApprovalView> {
    const before = await this.mustGet(tx, id);
    checkWithdraw(before, actor, await this.nameOf(tx, before.decidedBy));
    return this.finish(tx, actor, before, 'withdrawn', null, this.handler(before.kind));
  }

  /** Pending approvals older than the setting are sent to their approvers again, once (run by a timer). */
  async resendStale(tx: Tx, now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.settings.resendAfterMinutes * 60_000);
    const stale = await tx.approvals.listPending({ createdBefore: cutoff, notResent: true, limit: 50 });
    let sent = 0;
    for (const a of stale) {
      const handler = this.handlers.get(a.kind);
      if (!handler) continue;
      const approvers = [
        ...new Set([...a.notified, ...(await this.approversFor(tx, a.approverRole, a.requester, handler))]),
      ];
      if (!(await tx.approvals.markResent(a.id, approvers, now))) continue;
      const view = await this.viewOf(tx, { ...a, notified: approvers, resentAt: now });
      // Same card key again: the relay then patches the newest card when the decision comes.
      for (const openId of approvers) {
        await tx.outbox.send({
          to: { openId },
          card: this.cards.approverCard(view),
          cardKey: approverCardKey(a.id, openId),
          dedupeKey: `approval:${a.id}:resend:${openId}`,
        });
      }
      sent++;
    }
    return sent;
  }

  /** Pending approvals `actor` may decide, oldest first. */
  async listPendingFor(tx: Tx, actor: Member, limit = 20): Promise<ApprovalView[]> {
    if (actor.roles.length === 0) return [];
    const list = await tx.approvals.listPending({ approverRoles: actor.roles, limit });
    const views: ApprovalView[] = [];
    for (const a of list) views.push(await this.viewOf(tx, a));
    return views;
  }

  async view(tx: Tx, id: number): Promise<ApprovalView> {
    return this.viewOf(tx, await this.mustGet(tx, id));
  }

  private async finish(
    tx: Tx,
    actor: Member,
    before: Approval,
    status: FinalStatus,
    comment: string | null,
    handler: ApprovalHandler,
  ): Promise<ApprovalView> {
    const now = this.clock.now();
    if (!(await tx.approvals.decideOnce(before.id, status, actor.openId, comment, now))) {
      // Lost the race: another transaction committed first. Our snapshot may not show who, so the
      // caller re-reads in a fresh transaction (src/bot/features/approvals.ts does).
      throw alreadyDecided(before, null);
    }
    const after: Approval = { ...before, status, decidedBy: actor.openId, decidedAt: now, comment };
    await tx.audit.append(
      {
        actor: actor.openId,
        action: `approval.${status}`,
        subjectType: 'approval',
        subjectId: String(before.id),
        before: { status: before.status },
        after: { status, kind: before.kind, subjectId: before.subjectId, comment },
        rule: 'R-AUD-1',
      },
      now,
    );
    await handler.onDecided(tx, after);
    const view = await this.viewOf(tx, after);
    for (const openId of after.notified)
      await tx.outbox.patchCard(approverCardKey(after.id, openId), this.cards.approverCard(view));
    await tx.outbox.patchCard(requesterCardKey(after.id), this.cards.requesterCard(view));
    return view;
  }

  private async approversFor(tx: Tx, role: Role, requester: string, handler: ApprovalHandler): Promise<string[]> {
    const members = await tx.members.list({ role, activeOnly: true });
    const ids = members.map((m) => m.openId);
    // The requester is not asked to approve their own request, unless the kind allows it.
    return handler.allowSelf ? ids : ids.filter((id) => id !== requester);
  }

  private async viewOf(tx: Tx, a: Approval): Promise<ApprovalView> {
    return {
      approval: a,
      requesterName: (await this.nameOf(tx, a.requester)) ?? a.requester,
      deciderName: (await this.nameOf(tx, a.decidedBy)) ?? null,
    };
  }

  private async nameOf(tx: Tx, openId: string | null): Promise<string | undefined> {
    if (!openId) return undefined;
    return (await tx.members.get(openId))?.name ?? openId;
  }

  private async mustGet(tx: Tx, id: number): Promise<Approval> {
    const a = await tx.approvals.get(id);
    if (!a) throw notFound('approval.not_found', { id });
    return a;
  }

  private handler(kind: string): ApprovalHandler {
    const h = this.handlers.get(kind);
    if (!h) throw new Error(`no approval handler registered for kind "${kind}"`);
    return h;
  }
}

function cleanComment(comment: string | null | undefined): string | null {
  const c = (comment ?? '').trim().slice(0, MAX_COMMENT);
  return c === '' ? null : c;
}

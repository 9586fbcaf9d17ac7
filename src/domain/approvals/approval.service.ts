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
 *   `withdraw` lets the requester take it back.
 *   4. R-FV-4, for every kind alike: `sweep` (a timer in app.ts) re-sends a request still undecided
 *      `resendAfterWorkingMinutes` working minutes after it was filed, as a second card with a key of its
 *      own, and tells the leaders `escalateAfterWorkingMinutes` working minutes after that. Each step is a
 *      conditional update, so it happens once however many instances sweep. Once decided, every copy
 *      (first, re-sent, the leaders') is patched and the requester gets a new message.
 */
import { CalendarService } from '../calendar/calendar.service.js';
import type { CalendarDays } from '../calendar/working-calendar.js';
import type { Member, Role } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { invalidState, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { Approval, ApprovalCardRenderer, ApprovalView, Decision, FinalStatus, NewApproval } from './approval.js';
import { approverCardKey, escalationCardKey, requesterCardKey, resentCardKey } from './approval.js';
import { alreadyDecided, checkDecide, checkWithdraw } from './approval.state.js';
import { addWorkingMinutes, workingMinutesBetween, type WorkingDay, type WorkingDays } from './working-hours.js';

export interface ApprovalHandler {
  /** Roles that may be asked (request's approverRole must be one of them). */
  approverRoles: Role[];
  /** May someone decide their own request (e.g. a manager handing over a client)? Default no. */
  allowSelf?: boolean;
  /** Runs in the deciding transaction after the status changed (approved, rejected or withdrawn). */
  onDecided(tx: Tx, approval: Approval): Promise<void>;
}

export interface ApprovalSettings {
  /** R-FV-4: working minutes after filing before the deciders get the request again (default 120). */
  resendAfterWorkingMinutes?: number;
  /** R-FV-4: working minutes after the re-send before the leaders are told (default 120). */
  escalateAfterWorkingMinutes?: number;
  /** The older name of `resendAfterWorkingMinutes`, still read when the new one is absent. */
  resendAfterMinutes?: number;
  /**
   * The working day and the calendar (the admin's edited copy wins, as everywhere). Without it every
   * minute counts: only tests of the mechanism alone build the service that way.
   */
  workday?: { start: string; end: string; timezone: string; calendar: CalendarDays };
}

const DEFAULT_DELAY_MINUTES = 120;
/** Every minute a working minute: the calendar of a service built without a working day. */
const ALWAYS: WorkingDay = { start: '00:00', end: '24:00', timezone: 'UTC' };
const EVERY_DAY: WorkingDays = { isWorkingDay: () => true };

const MAX_SUMMARY = 500;
const MAX_COMMENT = 500;

export class ApprovalService {
  private readonly handlers = new Map<string, ApprovalHandler>();
  private readonly clock: Clock;
  private readonly cards: ApprovalCardRenderer;
  private readonly calendar: CalendarService | undefined;
  private readonly day: WorkingDay;
  private readonly resendAfter: number;
  private readonly escalateAfter: number;

  constructor(deps: { clock: Clock; settings: ApprovalSettings; cards: ApprovalCardRenderer }) {
    this.clock = deps.clock;
    this.cards = deps.cards;
    const w = deps.settings.workday;
    this.calendar = w
      ? new CalendarService({ clock: deps.clock, settings: { timezone: w.timezone, calendar: w.calendar } })
      : undefined;
    this.day = w ? { start: w.start, end: w.end, timezone: w.timezone } : ALWAYS;
    this.resendAfter =
      deps.settings.resendAfterWorkingMinutes ?? deps.settings.resendAfterMinutes ?? DEFAULT_DELAY_MINUTES;
    this.escalateAfter = deps.settings.escalateAfterWorkingMinutes ?? DEFAULT_DELAY_MINUTES;
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

  /** R-FV-4, both steps: re-sends first, then tells the leaders. Run by a timer; safe on every instance. */
  async sweep(tx: Tx, now: Date): Promise<{ resent: number; escalated: number }> {
    return { resent: await this.resendStale(tx, now), escalated: await this.escalateStale(tx, now) };
  }

  /**
   * Requests still undecided `resendAfterWorkingMinutes` working minutes after they were filed are
   * sent to their deciders again, once: a second card under a key of its own (the first keeps its key,
   * so both are patched with the decision). A decider who joined since is asked too.
   */
  async resendStale(tx: Tx, now: Date): Promise<number> {
    const cal = await this.workingCalendar(tx);
    // Working time never runs faster than the wall clock: older than the delay in wall minutes first.
    const cutoff = new Date(now.getTime() - this.resendAfter * 60_000 + 1);
    const stale = await tx.approvals.listPending({ createdBefore: cutoff, notResent: true, limit: 50 });
    let sent = 0;
    for (const a of stale) {
      // Oldest first, and the due time grows with the filing time: the first one not due ends the pass.
      if (addWorkingMinutes(a.createdAt, this.resendAfter, cal, this.day) > now) break;
      const handler = this.handlers.get(a.kind);
      if (!handler) continue;
      // With nobody left to ask it is still marked: the leaders hear of it at the next step.
      const current = await this.approversFor(tx, a.approverRole, a.requester, handler);
      // `notified` stays the list of first copies; `resentTo` lists the second ones.
      if (!(await tx.approvals.markResent(a.id, a.notified, now, current))) continue;
      const view = await this.viewOf(tx, { ...a, resentAt: now, resentTo: current });
      for (const openId of current) {
        await tx.outbox.send({
          to: { openId },
          card: this.cards.approverCard(view),
          cardKey: resentCardKey(a.id, openId),
          dedupeKey: `approval:${a.id}:resend:${openId}`,
        });
      }
      sent++;
    }
    return sent;
  }

  /**
   * Requests still undecided `escalateAfterWorkingMinutes` working minutes after their re-send are
   * brought to the leaders, once: a card naming the request, the applicant, the deciders and the wait.
   */
  async escalateStale(tx: Tx, now: Date): Promise<number> {
    const cal = await this.workingCalendar(tx);
    const cutoff = new Date(now.getTime() - this.escalateAfter * 60_000 + 1);
    const stale = await tx.approvals.listPending({ resentBefore: cutoff, limit: 50 });
    let told = 0;
    for (const a of stale) {
      if (!a.resentAt || addWorkingMinutes(a.resentAt, this.escalateAfter, cal, this.day) > now) break;
      const leaders = (await tx.members.list({ role: 'leader', activeOnly: true })).map((m) => m.openId);
      // Marked even with nobody to tell, so that the request is not looked at again on every pass.
      if (!(await tx.approvals.markEscalated(a.id, leaders, now))) continue;
      await tx.audit.append(
        {
          actor: null,
          action: 'approval.escalated',
          subjectType: 'approval',
          subjectId: String(a.id),
          after: { kind: a.kind, subjectId: a.subjectId, leaders },
          rule: 'R-FV-4',
        },
        now,
      );
      const view = await this.viewOf(tx, { ...a, escalatedAt: now, escalatedTo: leaders });
      const info = {
        deciderNames: await this.namesOf(tx, a.resentTo.length ? a.resentTo : a.notified),
        waitedWorkingMinutes: workingMinutesBetween(a.createdAt, now, cal, this.day),
      };
      const card = this.cards.escalationCard?.(view, info) ?? this.cards.requesterCard(view);
      for (const openId of leaders) {
        await tx.outbox.send({
          to: { openId },
          card,
          cardKey: escalationCardKey(a.id, openId),
          dedupeKey: `approval:${a.id}:escalate:${openId}`,
        });
      }
      told++;
    }
    return told;
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
    // Read again after our update: a re-send that committed meanwhile shows here (its copies are patched too).
    const fresh = (await tx.approvals.get(before.id)) ?? before;
    const after: Approval = { ...fresh, status, decidedBy: actor.openId, decidedAt: now, comment };
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
    // Every copy shows the outcome: none keeps live buttons saying 待审批.
    const approverCard = this.cards.approverCard(view);
    for (const openId of after.notified) await tx.outbox.patchCard(approverCardKey(after.id, openId), approverCard);
    for (const openId of after.resentTo) await tx.outbox.patchCard(resentCardKey(after.id, openId), approverCard);
    if (after.escalatedTo.length) {
      const card = this.cards.escalationCard?.(view, { deciderNames: [], waitedWorkingMinutes: 0 });
      for (const openId of after.escalatedTo)
        await tx.outbox.patchCard(escalationCardKey(after.id, openId), card ?? this.cards.requesterCard(view));
    }
    await tx.outbox.patchCard(requesterCardKey(after.id), this.cards.requesterCard(view));
    // A changed card rings no phone: the applicant gets a new message about someone else's decision.
    if (status !== 'withdrawn' && actor.openId !== after.requester)
      await tx.outbox.send({
        to: { openId: after.requester },
        card: this.cards.decisionNotice?.(view) ?? this.cards.requesterCard(view),
        dedupeKey: `approval:${after.id}:decided`,
      });
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

  private async workingCalendar(tx: Tx): Promise<WorkingDays> {
    return this.calendar ? this.calendar.load(tx) : EVERY_DAY;
  }

  private async namesOf(tx: Tx, openIds: string[]): Promise<string[]> {
    const names: string[] = [];
    for (const id of openIds) names.push((await this.nameOf(tx, id)) ?? id);
    return names;
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

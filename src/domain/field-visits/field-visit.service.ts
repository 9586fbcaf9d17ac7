import type { ApprovalService } from '../approvals/approval.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { CalendarDays } from '../calendar/working-calendar.js';
import type { Client } from '../clients/client.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, FormError, invalidState, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { FieldVisitPlan, UnvisitedClient, VisitCardRenderer, VisitLog, VisitLogView } from './field-visit.js';
import { reviewCardKey } from './field-visit.js';
import {
  canLogOn,
  isGrade,
  logDeadline,
  validateOutcomes,
  validatePlan,
  type FieldErrors,
  type OutcomeInput,
  type PlanInput,
} from './field-visit.rules.js';

export interface FieldVisitSettings {
  timezone: string;
  calendar: CalendarDays;
  forms: { visitLogNextDayBy: string };
}

export const FIELD_VISIT = 'field_visit';

/**
 * Field visits: the plan (R-FV-1, approved through the approval mechanism), the log (R-FV-2, due by
 * 10:00 the next working day, reviewed by the manager) and coverage (R-FV-3).
 */
export class FieldVisitService {
  private readonly clock: Clock;
  private readonly settings: FieldVisitSettings;
  private readonly approvals: ApprovalService;
  private readonly cards: VisitCardRenderer;
  private readonly calendar: CalendarService;

  constructor(deps: {
    clock: Clock;
    settings: FieldVisitSettings;
    approvals: ApprovalService;
    cards: VisitCardRenderer;
  }) {
    this.clock = deps.clock;
    this.settings = deps.settings;
    this.approvals = deps.approvals;
    this.cards = deps.cards;
    this.calendar = new CalendarService({
      clock: deps.clock,
      settings: {
        timezone: deps.settings.timezone,
        calendar: deps.settings.calendar,
      },
    });
    this.approvals.register(FIELD_VISIT, {
      approverRoles: ['manager'],
      // The plan's status follows its approval, in the deciding transaction.
      onDecided: (tx, a) => tx.fieldVisits.setStatus(Number(a.subjectId), a.status, this.clock.now()),
    });
  }

  today(): string {
    return this.calendar.today();
  }

  /** 走访计划: validated, stored, and sent to the managers for approval — all in the caller's transaction. */
  async filePlan(tx: Tx, actor: Member, input: PlanInput): Promise<FieldVisitPlan> {
    if (!hasRole(actor, 'agent')) throw forbidden('visit.only_agents');
    const values = {
      visit_date: input.visitDate,
      clients: input.clientIds.map(String),
      places: input.places.join('，'),
      purpose: input.purpose,
    };
    const errors = validatePlan(input, this.today());
    const clients = await tx.clients.getMany(input.clientIds);
    const notMine = clients.filter((c) => c.owner.kind !== 'agent' || c.owner.openId !== actor.openId);
    if (notMine.length || clients.length !== input.clientIds.length)
      errors.clients = {
        key: 'visit.plan.not_your_client',
        params: { names: notMine.map((c) => c.name).join('、') || '—' },
      };
    if (Object.keys(errors).length) throw new FormError(errors, values);

    const plan = await tx.fieldVisits.createPlan(
      {
        agentOpenId: actor.openId,
        visitDate: input.visitDate,
        purpose: input.purpose.trim(),
        clientIds: input.clientIds,
        places: input.places,
      },
      this.clock.now(),
    );
    const approval = await this.approvals.request(tx, {
      kind: FIELD_VISIT,
      subjectId: String(plan.id),
      requester: actor.openId,
      approverRole: 'manager',
      summary: planSummary(plan, clients),
      payload: { planId: plan.id },
    });
    await tx.fieldVisits.setApproval(plan.id, approval.id);
    return { ...plan, approvalId: approval.id };
  }

  /** Approved plans the agent can write a log for now. */
  async plansAwaitingLog(tx: Tx, actor: Member): Promise<FieldVisitPlan[]> {
    return tx.fieldVisits.listAwaitingLog(actor.openId, this.today(), 20);
  }

  /** The plan a log form is for, checked the way filing will check it. */
  async planForLog(tx: Tx, actor: Member, planId: number): Promise<{ plan: FieldVisitPlan; clients: Client[] }> {
    const plan = await tx.fieldVisits.getPlan(planId);
    if (!plan) throw notFound('visit.plan.not_found', { id: planId });
    if (plan.agentOpenId !== actor.openId) throw forbidden('visit.log.not_your_plan');
    if (plan.status !== 'approved') throw invalidState(`visit.log.plan_${plan.status}`);
    if (!canLogOn(plan.visitDate, this.today())) throw invalidState('visit.log.too_early', { date: plan.visitDate });
    return { plan, clients: await tx.clients.getMany(plan.clientIds) };
  }

  /** 走访日志: one per approved plan; late ones are kept and marked (R-FORM-1); managers get a review card. */
  async fileLog(
    tx: Tx,
    actor: Member,
    planId: number,
    input: { summary: string; outcomes: OutcomeInput[] },
  ): Promise<VisitLog> {
    const { plan, clients } = await this.planForLog(tx, actor, planId);
    const errors: FieldErrors = validateOutcomes(plan.clientIds, input.outcomes, input.summary, plan.places.length > 0);
    if (Object.keys(errors).length) throw new FormError(errors, logValues(input));
    const now = this.clock.now();
    const cal = await this.calendar.load(tx);
    const dueAt = logDeadline(plan.visitDate, cal, this.settings.forms.visitLogNextDayBy, this.settings.timezone);
    const outcomes = plan.clientIds.map((clientId) => {
      const o = input.outcomes.find((x) => x.clientId === clientId)!;
      return { clientId, outcome: o.outcome.trim(), grade: o.grade && isGrade(o.grade) ? o.grade : null };
    });
    const log = await tx.fieldVisits.createLog({
      planId,
      agentOpenId: actor.openId,
      visitDate: plan.visitDate,
      summary: input.summary.trim(),
      outcomes,
      filedAt: now,
      dueAt,
      late: now.getTime() > dueAt.getTime(),
    });
    // R-FORM-1 / R-FV-2: the log joins the forms' compliance ledger, so a late one counts in the digests.
    await tx.formRecords.add({
      kind: 'visit_log',
      clientId: plan.clientIds.length === 1 ? plan.clientIds[0]! : null,
      agentOpenId: actor.openId,
      filedBy: actor.openId,
      filedAt: now,
      dueAt,
      late: log.late,
      incomplete: false,
      missing: [],
      refId: log.id,
      dedupeKey: `visit_log:${planId}`,
      payload: { planId, visitDate: plan.visitDate, clientIds: plan.clientIds },
    });
    // The intent grade may change at each contact (每日 ABCD 分类).
    for (const o of outcomes) {
      const c = clients.find((x) => x.id === o.clientId);
      if (o.grade && c && c.grade !== o.grade) await tx.clients.update(o.clientId, { grade: o.grade }, now);
    }
    const view = await this.viewOf(tx, log, plan);
    for (const m of await tx.members.list({ role: 'manager', activeOnly: true })) {
      await tx.outbox.send({
        to: { openId: m.openId },
        card: this.cards.reviewCard(view),
        cardKey: reviewCardKey(log.id, m.openId),
        dedupeKey: `visitlog:${log.id}:ask:${m.openId}`,
      });
    }
    return log;
  }

  /** 已阅 + comment (R-FV-2): once per log; audited as a manager decision (R-AUD-1); the agent is told. */
  async review(tx: Tx, actor: Member, logId: number, comment: string | null): Promise<VisitLogView> {
    if (!hasRole(actor, 'manager')) throw forbidden('visit.review.only_manager');
    const log = await tx.fieldVisits.getLog(logId);
    if (!log) throw notFound('visit.log.not_found', { id: logId });
    const note = comment?.trim().slice(0, 500) || null;
    const now = this.clock.now();
    if (log.reviewedAt || !(await tx.fieldVisits.markReviewed(logId, actor.openId, note, now))) {
      throw conflict('visit.review.already', {
        by: (log.reviewedBy && (await tx.members.get(log.reviewedBy))?.name) || '—',
      });
    }
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'visit_log.reviewed',
        subjectType: 'visit_log',
        subjectId: String(logId),
        after: { comment: note },
        rule: 'R-FV-2',
      },
      now,
    );
    const reviewed = { ...log, reviewedBy: actor.openId, reviewedAt: now, reviewComment: note };
    const view = await this.viewOf(tx, reviewed);
    for (const m of await tx.members.list({ role: 'manager', activeOnly: true }))
      await tx.outbox.patchCard(reviewCardKey(logId, m.openId), this.cards.reviewCard(view));
    await tx.outbox.send({
      to: { openId: log.agentOpenId },
      card: this.cards.reviewedNotice(view),
      dedupeKey: `visitlog:${logId}:reviewed`,
    });
    return view;
  }

  /** `待阅日志`: unreviewed logs, oldest first. */
  async unreviewed(tx: Tx, actor: Member, limit = 10): Promise<{ items: VisitLogView[]; total: number }> {
    if (!hasRole(actor, 'manager')) throw forbidden('visit.review.only_manager');
    const { items, total } = await tx.fieldVisits.listUnreviewed(limit);
    const views: VisitLogView[] = [];
    for (const l of items) views.push(await this.viewOf(tx, l));
    return { items: views, total };
  }

  async logView(tx: Tx, logId: number): Promise<VisitLogView> {
    const log = await tx.fieldVisits.getLog(logId);
    if (!log) throw notFound('visit.log.not_found', { id: logId });
    return this.viewOf(tx, log);
  }

  /** `未走访客户` (R-FV-3): an agent sees their own; a manager sees everyone's, grouped by owner. */
  async unvisited(
    tx: Tx,
    actor: Member,
    limit = 100,
  ): Promise<{
    groups: Array<{ ownerOpenId: string | null; ownerName: string; clients: UnvisitedClient[] }>;
    total: number;
  }> {
    const all = hasRole(actor, 'manager', 'leader');
    if (!all && !hasRole(actor, 'agent')) throw forbidden('visit.only_agents');
    const { items, total } = await tx.fieldVisits.listUnvisited({
      ...(all ? {} : { ownerOpenId: actor.openId }),
      limit,
    });
    const byOwner = new Map<string | null, UnvisitedClient[]>();
    for (const c of items) byOwner.set(c.ownerOpenId, [...(byOwner.get(c.ownerOpenId) ?? []), c]);
    const groups = [];
    for (const [ownerOpenId, clients] of byOwner) {
      groups.push({
        ownerOpenId,
        ownerName: ownerOpenId ? ((await tx.members.get(ownerOpenId))?.name ?? ownerOpenId) : '',
        clients,
      });
    }
    return { groups, total };
  }

  private async viewOf(tx: Tx, log: VisitLog, plan?: FieldVisitPlan): Promise<VisitLogView> {
    const p = plan ?? (await tx.fieldVisits.getPlan(log.planId))!;
    const clients = await tx.clients.getMany(p.clientIds);
    const name = async (id: string | null) => (id ? ((await tx.members.get(id))?.name ?? id) : null);
    return {
      log,
      plan: p,
      agentName: (await name(log.agentOpenId)) ?? log.agentOpenId,
      reviewerName: await name(log.reviewedBy),
      clientNames: Object.fromEntries(clients.map((c) => [c.id, c.shopName ? `${c.name}（${c.shopName}）` : c.name])),
    };
  }
}

/** The approval card's one line: data only (emoji instead of words, so it reads the same in any locale). */
function planSummary(plan: FieldVisitPlan, clients: Client[]): string {
  const parts = [`📅 ${plan.visitDate}`];
  if (clients.length) parts.push(`🏬 ${clients.map((c) => c.name).join('、')}`);
  if (plan.places.length) parts.push(`📍 ${plan.places.join('、')}`);
  parts.push(`🎯 ${plan.purpose}`);
  return parts.join('\n');
}

function logValues(input: { summary: string; outcomes: OutcomeInput[] }): Record<string, unknown> {
  const v: Record<string, unknown> = { summary: input.summary };
  for (const o of input.outcomes) {
    v[`outcome_${o.clientId}`] = o.outcome;
    v[`grade_${o.clientId}`] = o.grade;
  }
  return v;
}

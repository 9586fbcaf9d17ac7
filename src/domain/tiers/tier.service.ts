import type { Approval } from '../approvals/approval.js';
import type { ApprovalService } from '../approvals/approval.service.js';
import type { Client } from '../clients/client.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, FormError, invalidInput, invalidState, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { TIERS, type ClientTier, type Handover, type HandoverView, type Tier, type TierCardRenderer } from './tier.js';
import { emptyCriteria, parseCriteria, suggestTier, type Suggestion, type TierRubric } from './tier.rules.js';

export const TIER = 'tier';
export const HANDOVER = 'handover';

export interface TierPayload {
  clientId: number;
  clientName: string;
  tier: Tier;
  suggested: Tier | null;
  previous: Tier | null;
}

export interface HandoverPayload {
  clientId: number;
  clientName: string;
  from: string | null;
  to: string;
  toName: string;
  reason: string | null;
}

/**
 * R-TIER-2: criteria on the client, a suggested tier from the rubric, the manager's tier confirmed by
 * a leader. R-TIER-1: a big client handed to a key-account member once the manager approves.
 */
export class TierService {
  private readonly clock: Clock;
  private readonly rubric: TierRubric;
  private readonly approvals: ApprovalService;
  private readonly cards: TierCardRenderer;

  constructor(deps: { clock: Clock; settings: TierRubric; approvals: ApprovalService; cards: TierCardRenderer }) {
    this.clock = deps.clock;
    this.rubric = deps.settings;
    this.approvals = deps.approvals;
    this.cards = deps.cards;
    this.approvals.register(TIER, { approverRoles: ['leader'], onDecided: (tx, a) => this.tierDecided(tx, a) });
    // The manager both may start a hand-over and is the one who approves it.
    this.approvals.register(HANDOVER, {
      approverRoles: ['manager'],
      allowSelf: true,
      onDecided: (tx, a) => this.handoverDecided(tx, a),
    });
  }

  async view(
    tx: Tx,
    actor: Member,
    clientId: number,
  ): Promise<{ client: Client; tier: ClientTier | undefined; suggestion: Suggestion }> {
    if (!hasRole(actor, 'manager', 'leader')) throw forbidden('tier.only_manager');
    const client = await this.client(tx, clientId);
    const tier = await tx.tiers.get(clientId);
    return { client, tier, suggestion: suggestTier(tier?.criteria ?? emptyCriteria(), this.rubric) };
  }

  /** Saves the criteria; with a tier chosen, asks a leader to confirm it (R-TIER-2). */
  async save(
    tx: Tx,
    actor: Member,
    clientId: number,
    raw: Record<string, unknown>,
  ): Promise<{ suggestion: Suggestion; proposed: Tier | null }> {
    if (!hasRole(actor, 'manager')) throw forbidden('tier.only_manager');
    const client = await this.client(tx, clientId);
    const { criteria, errors } = parseCriteria(raw);
    const chosen = typeof raw.tier === 'string' && raw.tier ? raw.tier : '';
    if (chosen && !(TIERS as readonly string[]).includes(chosen)) errors.tier = { key: 'tier.bad_choice' };
    if (client.clientType !== 'manufacturer' && criteria.manufacturerStrength !== null)
      errors.strength = { key: 'tier.strength_only_manufacturer' };
    const existing = await tx.tiers.get(clientId);
    if (chosen && existing?.status === 'pending') errors.tier = { key: 'tier.already_pending' };
    if (Object.keys(errors).length) throw new FormError(errors, raw);
    const suggestion = suggestTier(criteria, this.rubric);
    const now = this.clock.now();
    await tx.tiers.saveCriteria(clientId, criteria, suggestion.tier, now);
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'tier.criteria_saved',
        subjectType: 'client',
        subjectId: String(clientId),
        before: existing?.criteria ?? null,
        after: criteria,
        rule: 'R-TIER-2',
      },
      now,
    );
    if (!chosen) return { suggestion, proposed: null };
    const tier = chosen as Tier;
    const payload: TierPayload = {
      clientId,
      clientName: client.name,
      tier,
      suggested: suggestion.tier,
      previous: existing?.tier ?? null,
    };
    const a = await this.approvals.request(tx, {
      kind: TIER,
      subjectId: String(clientId),
      requester: actor.openId,
      approverRole: 'leader',
      summary: `🏬 ${client.name} · 🏷️ ${tier}${suggestion.tier ? ` · 💡 ${suggestion.tier}` : ''}`,
      payload,
    });
    await tx.tiers.propose(clientId, tier, a.id, now);
    return { suggestion, proposed: tier };
  }

  /** R-TIER-1: the owner (or a manager) asks to hand a big client to a key-account member. */
  async requestHandover(
    tx: Tx,
    actor: Member,
    clientId: number,
    toOpenId: string,
    reason: string | null,
  ): Promise<Approval> {
    const client = await this.client(tx, clientId);
    const owner = client.owner.kind === 'agent' ? client.owner.openId : null;
    if (!hasRole(actor, 'manager') && owner !== actor.openId) throw forbidden('handover.not_your_client');
    const to = await tx.members.get(toOpenId);
    if (!to || !hasRole(to, 'key_account')) throw invalidInput('handover.bad_target');
    if (owner === toOpenId) throw invalidInput('handover.already_owner', { name: to.name });
    const pending = await tx.approvals.latestFor(HANDOVER, String(clientId));
    if (pending?.status === 'pending') throw invalidState('handover.already_pending');
    const payload: HandoverPayload = {
      clientId,
      clientName: client.name,
      from: owner,
      to: toOpenId,
      toName: to.name,
      reason: reason?.trim().slice(0, 200) || null,
    };
    return this.approvals.request(tx, {
      kind: HANDOVER,
      subjectId: String(clientId),
      requester: actor.openId,
      approverRole: 'manager',
      summary: `🏬 ${client.name} → 🤝 ${to.name}`,
      payload,
    });
  }

  async handoversFor(tx: Tx, actor: Member): Promise<HandoverView[]> {
    const list = await tx.handovers.listFor(actor.openId, 20);
    const views: HandoverView[] = [];
    for (const h of list) views.push(await this.handoverView(tx, h));
    return views;
  }

  /** Key-account members a client can be handed to. */
  async keyAccountMembers(tx: Tx): Promise<Member[]> {
    return tx.members.list({ role: 'key_account', activeOnly: true });
  }

  private async tierDecided(tx: Tx, a: Approval): Promise<void> {
    if (a.status === 'pending') return;
    const clientId = Number(a.subjectId);
    await tx.tiers.decide(clientId, a.id, a.status === 'approved', a.decidedBy!, a.decidedAt!);
    if (a.status === 'approved') {
      const p = a.payload as TierPayload;
      await tx.audit.append(
        {
          actor: a.decidedBy,
          action: 'tier.confirmed',
          subjectType: 'client',
          subjectId: a.subjectId,
          before: p.previous,
          after: p.tier,
          rule: 'R-TIER-2',
        },
        a.decidedAt!,
      );
    }
  }

  /** Approved: the owner changes, a record is kept, both sides are told (R-TIER-1, R-AUD-1). */
  private async handoverDecided(tx: Tx, a: Approval): Promise<void> {
    if (a.status !== 'approved') return;
    const p = a.payload as HandoverPayload;
    const client = await this.client(tx, p.clientId);
    const from = client.owner.kind === 'agent' ? client.owner.openId : null;
    await tx.clients.setOwner(p.clientId, { kind: 'agent', openId: p.to }, a.decidedAt!);
    await tx.audit.append(
      {
        actor: a.decidedBy,
        action: 'client.owner_changed',
        subjectType: 'client',
        subjectId: String(p.clientId),
        before: client.owner,
        after: { kind: 'agent', openId: p.to },
        rule: 'R-TIER-1',
        note: `handover approval ${a.id}`,
      },
      a.decidedAt!,
    );
    const h = await tx.handovers.add({
      clientId: p.clientId,
      fromOpenId: from,
      toOpenId: p.to,
      reason: p.reason,
      requestedBy: a.requester,
      approvedBy: a.decidedBy!,
      approvalId: a.id,
      at: a.decidedAt!,
    });
    const card = this.cards.handoverNotice(await this.handoverView(tx, h));
    for (const openId of new Set([from, p.to].filter((x): x is string => !!x))) {
      await tx.outbox.send({ to: { openId }, card, dedupeKey: `handover:${h.id}:${openId}` });
    }
  }

  private async handoverView(tx: Tx, h: Handover): Promise<HandoverView> {
    const name = async (id: string | null) => (id ? ((await tx.members.get(id))?.name ?? id) : '—');
    const client = await tx.clients.get(h.clientId);
    return {
      handover: h,
      clientName: client?.name ?? `#${h.clientId}`,
      fromName: await name(h.fromOpenId),
      toName: await name(h.toOpenId),
      approverName: await name(h.approvedBy),
    };
  }

  private async client(tx: Tx, id: number): Promise<Client> {
    const c = await tx.clients.get(id);
    if (!c) throw notFound('tier.client_not_found', { id });
    return c;
  }
}

import type { Client, Owner } from '../clients/client.js';
import { normalizePhone } from '../clients/phone.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { RotationService } from '../rotation/rotation.service.js';
import type { Dispute, DisputeDecision } from './dispute.js';
import { loadOwnershipHistory } from './ownership-history.query.js';
import { disputeCardKey, type DisputeView, type ReceptionCards } from './reception.js';

export interface DisputeDeps {
  clock: Clock;
  rotation: RotationService;
  cards: ReceptionCards;
}

const sameOwner = (a: Owner, b: Owner) =>
  a.kind === b.kind && (a.kind === 'pool' || a.openId === (b as { openId: string }).openId);

/**
 * R-ATT-6: an agent disputes a client's attribution; the manager decides once (keep / give to the
 * claimant / public pool); the decision is recorded and both agents are told.
 * R-ATT-4: public-pool clients go to an agent only by a manager, with a written reason.
 */
export class DisputeService {
  constructor(private readonly deps: DisputeDeps) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  /** `query`: the client's name, shop name or phone (申诉 text), or its id (a 申诉 button on another card). */
  async raise(tx: Tx, actor: Member, query: string | { clientId: number }, reason: string): Promise<DisputeView> {
    if (!hasRole(actor, 'agent')) throw forbidden('dispute.only_agents');
    const client = typeof query === 'string' ? await this.findClient(tx, query) : await tx.clients.get(query.clientId);
    if (!client)
      throw notFound('dispute.client_not_found', { query: String((query as { clientId: number }).clientId) });
    if (client.owner.kind === 'agent' && client.owner.openId === actor.openId)
      throw invalidInput('dispute.own_client', { name: client.name });
    const dispute = await tx.disputes.create({
      clientId: client.id,
      claimant: actor.openId,
      holder: client.owner,
      reason: reason.trim() || '—',
      createdAt: this.now(),
    });
    if (!dispute) throw conflict('dispute.already_open', { name: client.name });
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'dispute.raised',
        subjectType: 'client',
        subjectId: String(client.id),
        before: client.owner,
        after: null,
        rule: 'R-ATT-6',
        note: dispute.reason,
      },
      this.now(),
    );
    await this.ledger(tx, actor.openId, {
      type: 'dispute',
      disputeId: dispute.id,
      clientId: client.id,
      agent: actor.openId,
      reason: dispute.reason,
    });
    const view = await this.view(tx, dispute, client);
    const managers = await tx.members.list({ role: 'manager', activeOnly: true });
    if (managers.length === 0) throw invalidInput('dispute.no_manager');
    for (const m of managers)
      await tx.outbox.send({
        to: { openId: m.openId },
        card: this.deps.cards.dispute(view),
        cardKey: disputeCardKey(dispute.id, m.openId),
      });
    return view;
  }

  async decide(tx: Tx, actor: Member, disputeId: number, decision: DisputeDecision): Promise<DisputeView> {
    if (!hasRole(actor, 'manager')) throw forbidden('dispute.only_manager');
    const found = await tx.disputes.get(disputeId);
    if (!found) throw notFound('dispute.not_found');
    if (!(await tx.disputes.decide(disputeId, decision, actor.openId, this.now()))) {
      const current = await tx.disputes.get(disputeId);
      throw conflict(`dispute.already_decided_${current?.decision ?? 'keep'}`);
    }
    const dispute: Dispute = { ...found, status: 'decided', decision, decidedBy: actor.openId, decidedAt: this.now() };
    const client = (await tx.clients.get(found.clientId))!;
    const after: Owner =
      decision === 'claimant'
        ? { kind: 'agent', openId: found.claimant }
        : decision === 'pool'
          ? { kind: 'pool' }
          : client.owner;
    if (!sameOwner(after, client.owner)) await tx.clients.setOwner(client.id, after, this.now());
    await tx.audit.append(
      {
        actor: actor.openId,
        action: `dispute.decided_${decision}`,
        subjectType: 'client',
        subjectId: String(client.id),
        before: client.owner,
        after,
        rule: 'R-ATT-6',
        note: `dispute:${disputeId}`,
      },
      this.now(),
    );
    await this.ledger(tx, actor.openId, {
      type: 'ruling',
      disputeId,
      clientId: client.id,
      decision,
      claimant: found.claimant,
      owner: after,
    });
    const view = await this.view(tx, dispute, { ...client, owner: after });
    const card = this.deps.cards.disputeDecided(view);
    const told = new Set([
      found.claimant,
      ...(found.holder.kind === 'agent' ? [found.holder.openId] : []),
      ...(client.owner.kind === 'agent' ? [client.owner.openId] : []),
    ]);
    for (const openId of told)
      await tx.outbox.send({ to: { openId }, card, dedupeKey: `dispute:${disputeId}:told:${openId}` });
    for (const m of await tx.members.list({ role: 'manager' }))
      await tx.outbox.patchCard(disputeCardKey(disputeId, m.openId), card);
    return view;
  }

  /** R-ATT-4: only the manager hands a pool client to an agent, and only with a reason. */
  async assignFromPool(
    tx: Tx,
    actor: Member,
    clientId: number,
    agent: string,
    reason: string,
  ): Promise<{ clientName: string; agentName: string }> {
    if (!hasRole(actor, 'manager')) throw forbidden('pool.only_manager');
    const why = reason.trim();
    if (why.length < 2) throw invalidInput('pool.reason_required');
    const target = await tx.members.get(agent);
    if (!target || !hasRole(target, 'agent')) throw invalidInput('pool.not_an_agent');
    await tx.pool.lockClient(clientId);
    const client = await tx.clients.get(clientId);
    if (!client) throw notFound('pool.client_not_found');
    if (client.owner.kind !== 'pool') {
      const names = await this.deps.rotation.names(tx, [client.owner.openId]);
      throw conflict('pool.not_in_pool', { name: client.name, owner: names[client.owner.openId]! });
    }
    const after: Owner = { kind: 'agent', openId: agent };
    await tx.clients.setOwner(clientId, after, this.now());
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'pool.assigned',
        subjectType: 'client',
        subjectId: String(clientId),
        before: client.owner,
        after,
        rule: 'R-ATT-4',
        note: why,
      },
      this.now(),
    );
    await this.ledger(tx, actor.openId, { type: 'assigned', clientId, agent, reason: why });
    await tx.outbox.send({
      to: { openId: agent },
      card: this.deps.cards.assigned({
        clientName: client.name,
        agentName: target.name,
        byName: actor.name,
        reason: why,
      }),
      dedupeKey: `pool:${clientId}:${agent}:${this.now().getTime()}`,
    });
    return { clientName: client.name, agentName: target.name };
  }

  async pool(tx: Tx, actor: Member, page: number, pageSize: number) {
    if (!hasRole(actor, 'manager', 'front_desk')) throw forbidden('pool.only_desk');
    return tx.pool.list((page - 1) * pageSize, pageSize);
  }

  private async findClient(tx: Tx, query: string): Promise<Client> {
    const q = query.trim();
    if (!q) throw invalidInput('dispute.usage');
    const phone = normalizePhone(q);
    if (phone.ok) {
      const c = await tx.clients.findByPhone(phone.value);
      if (!c) throw notFound('dispute.client_not_found', { query: q });
      return c;
    }
    // Exact name or shop name: a partial match could name someone else's client.
    const ids = await tx.pool.findByExactName(q, 5);
    if (ids.length === 0) throw notFound('dispute.client_not_found', { query: q });
    if (ids.length > 1) throw invalidInput('dispute.ambiguous', { query: q, count: ids.length });
    return (await tx.clients.get(ids[0]!))!;
  }

  private async ledger(
    tx: Tx,
    actor: string,
    event: Parameters<Tx['rotation']['appendLedger']>[0][number]['event'],
  ): Promise<void> {
    await tx.rotation.appendLedger([
      {
        day: this.deps.rotation.today(),
        at: this.now(),
        actor,
        event,
        rule: event.type === 'assigned' ? 'R-ATT-4' : 'R-ATT-6',
        before: null,
        after: null,
      },
    ]);
  }

  private async view(tx: Tx, dispute: Dispute, client: Client): Promise<DisputeView> {
    const ids = [dispute.claimant];
    if (dispute.holder.kind === 'agent') ids.push(dispute.holder.openId);
    if (client.owner.kind === 'agent') ids.push(client.owner.openId);
    if (dispute.decidedBy) ids.push(dispute.decidedBy);
    return {
      dispute,
      clientName: client.name,
      clientRegNo: client.regNo,
      names: await this.deps.rotation.names(tx, ids),
      history: await loadOwnershipHistory(tx, client),
    };
  }
}

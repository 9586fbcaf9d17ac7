import type { Settings } from '../../config.js';
import type { Client, Owner } from '../clients/client.js';
import { maskPhone } from '../clients/phone.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, invalidState, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { Offer, WalkIn } from '../rotation/rotation.js';
import { onDutyCount, pickNext } from '../rotation/rotation.rules.js';
import type { DayContext, RotationService } from '../rotation/rotation.service.js';
import { decide, parseArrival, type ArrivalRaw } from './attribution.rules.js';
import { deskCardKey, offerCardKey, type ReceptionCards, type WalkInView } from './reception.js';

/** The client's 来源 as the visitor form names it (src/domain/forms SOURCES). */
const SOURCE_BY_RULE: Record<string, string> = {
  'R-ATT-1': 'walk_in',
  'R-ROT-5': 'walk_in',
  'R-ATT-2': 'card',
  'R-ATT-5': 'leader',
};

export interface ReceptionDeps {
  clock: Clock;
  settings: Settings['rotation'];
  rotation: RotationService;
  cards: ReceptionCards;
}

/**
 * The front desk: arrival → attribution decision → offer to the agent at the pointer →
 * accept / pass / timeout → next agent or the public pool. Every step runs with the day locked
 * (RotationService.withDay), so two arrivals at once never reach the same agent, and every offer
 * changes state by a conditional update, so a double click has exactly one outcome.
 */
export class ReceptionService {
  constructor(private readonly deps: ReceptionDeps) {}

  private get rotation() {
    return this.deps.rotation;
  }
  private get cards() {
    return this.deps.cards;
  }
  private now(): Date {
    return this.deps.clock.now();
  }

  /** 新客到访: decide by the rules in order (R-ATT-3 → R-ATT-2 → R-ATT-5 → R-ATT-1) and act on it. */
  async arrive(tx: Tx, actor: Member, raw: ArrivalRaw): Promise<WalkInView> {
    if (!hasRole(actor, 'front_desk', 'manager')) throw forbidden('reception.only_desk_registers');
    const agents = new Set((await this.rotation.activeAgents(tx)).map((a) => a.openId));
    const input = parseArrival(raw, (id) => agents.has(id));
    const now = this.now();
    return this.rotation.withDay(tx, this.rotation.today(), async (d) => {
      // R-ATT-3: by normalised phone; a visitor who gave no phone, by the exact name or shop name.
      const existing = input.phone
        ? await tx.clients.findByPhone(input.phone)
        : input.name
          ? await tx.clients.findOnlyByName(input.name)
          : undefined;
      // A returning client whose agent has left the department is the department's (pool) until the manager hands it on.
      const owner =
        existing &&
        (existing.owner.kind === 'agent' && !agents.has(existing.owner.openId)
          ? { kind: 'pool' as const }
          : existing.owner);
      const decision = decide({
        returning: existing && owner && { clientId: existing.id, owner },
        cardAgent: input.cardAgent ?? undefined,
        leaderReferral: input.leaderReferral,
      });
      if (decision.kind === 'rotation' && onDutyCount(d.state) === 0) throw invalidState('reception.nobody_on_duty');
      let walkIn = await tx.walkIns.create({
        day: d.day,
        registeredBy: actor.openId,
        arrivedAt: now,
        name: input.name,
        phoneTyped: input.phoneTyped,
        phone: input.phone,
        cardAgent: input.cardAgent,
        leaderReferral: input.leaderReferral,
        note: input.note,
        rule: decision.rule,
        status: 'offered',
        owner: null,
        clientId: existing?.id ?? null,
        decidedAt: null,
      });
      d.note(
        {
          type: 'arrival',
          walkInId: walkIn.id,
          rule: decision.rule,
          ...(decision.kind === 'card' ? { agent: decision.agent } : {}),
        },
        { actor: actor.openId, rule: decision.rule },
      );
      let offered: { walkIn: WalkIn; view: WalkInView } | undefined;
      if (decision.kind === 'rotation') {
        offered = await this.offerNext(tx, d, walkIn, actor.openId, false, []);
        walkIn = offered.walkIn;
      } else if (decision.kind === 'leader' || (decision.kind === 'returning' && decision.owner.kind === 'pool')) {
        walkIn = await this.toPool(tx, d, walkIn, actor.openId, decision.rule);
      } else {
        const agent = decision.kind === 'card' ? decision.agent : (decision.owner as { openId: string }).openId;
        walkIn = await this.direct(tx, d, walkIn, agent, actor.openId, decision.rule);
      }
      const view = offered?.walkIn === walkIn ? offered.view : await this.view(tx, walkIn);
      await tx.outbox.send({
        to: { openId: actor.openId },
        card: this.cards.desk(view),
        cardKey: deskCardKey(walkIn.id),
      });
      return view;
    });
  }

  /** R-ATT-2 / R-ATT-3: straight to the agent, no rotation turn used; the agent is with the client (busy). */
  private async direct(
    tx: Tx,
    d: DayContext,
    walkIn: WalkIn,
    agent: string,
    actor: string,
    rule: string,
  ): Promise<WalkIn> {
    const clientId = await this.ensureClient(tx, walkIn, { kind: 'agent', openId: agent }, rule, actor);
    const m = d.member(agent);
    if (m?.onDuty && m.busyWalkInId === null)
      d.emit({ type: 'busy', agent, walkInId: walkIn.id }, { actor, rule: 'R-ROT-4' });
    const next: WalkIn = { ...walkIn, status: 'assigned', owner: agent, clientId, decidedAt: this.now() };
    await tx.walkIns.update(walkIn.id, { status: next.status, owner: agent, clientId, decidedAt: next.decidedAt });
    const view = await this.view(tx, next);
    await tx.outbox.send({
      to: { openId: agent },
      card: this.cards.direct(view),
      dedupeKey: `walkin:${walkIn.id}:direct`,
    });
    return next;
  }

  /** Offers the walk-in to the next eligible agent who has not had it yet; nobody left → public pool (R-ROT-5). */
  private async offerNext(
    tx: Tx,
    d: DayContext,
    walkIn: WalkIn,
    actor: string | null,
    patchDesk: boolean,
    known?: Offer[],
  ): Promise<{ walkIn: WalkIn; view: WalkInView }> {
    const offers = known ?? (await tx.walkIns.offersOf(walkIn.id));
    const next = pickNext(d.state, new Set(offers.map((o) => o.agent)));
    if (!next) {
      const pooled = await this.toPool(tx, d, walkIn, actor, 'R-ROT-5');
      const view = await this.view(tx, pooled, offers);
      if (patchDesk) await tx.outbox.patchCard(deskCardKey(walkIn.id), this.cards.desk(view));
      return { walkIn: pooled, view };
    }
    const now = this.now();
    const offer = await tx.walkIns.createOffer({
      walkInId: walkIn.id,
      day: d.day,
      agent: next.openId,
      attempt: offers.length + 1,
      offeredAt: now,
      deadlineAt: new Date(now.getTime() + this.deps.settings.offerTimeoutSeconds * 1000),
    });
    d.emit({ type: 'offered', agent: next.openId, walkInId: walkIn.id }, { actor, rule: 'R-ROT-3' });
    const view = await this.view(tx, walkIn, [...offers, offer]);
    await tx.outbox.send({
      to: { openId: next.openId },
      card: this.cards.offer(view, offer),
      cardKey: offerCardKey(offer.id),
    });
    if (patchDesk) await tx.outbox.patchCard(deskCardKey(walkIn.id), this.cards.desk(view));
    return { walkIn, view };
  }

  /** R-ATT-4: the desk received the client; it belongs to the department's public pool. */
  private async toPool(tx: Tx, d: DayContext, walkIn: WalkIn, actor: string | null, rule: string): Promise<WalkIn> {
    const clientId = await this.ensureClient(tx, walkIn, { kind: 'pool' }, rule, actor);
    const next: WalkIn = { ...walkIn, status: 'pool', owner: null, clientId, decidedAt: this.now() };
    await tx.walkIns.update(walkIn.id, { status: 'pool', clientId, decidedAt: next.decidedAt });
    d.note({ type: 'pool', walkInId: walkIn.id }, { actor, rule });
    return next;
  }

  /**
   * The client record for a walk-in with a name or phone: reused when the phone is on file, else
   * created with its owner (audited, R-AUD-1). Without name and phone there is nothing to record yet;
   * the visitor form will create it.
   */
  private async ensureClient(
    tx: Tx,
    walkIn: WalkIn,
    owner: Owner,
    rule: string,
    actor: string | null,
  ): Promise<number | null> {
    if (walkIn.clientId !== null) return walkIn.clientId;
    if (!walkIn.name && !walkIn.phone) return null;
    const onFile = walkIn.phone ? await tx.clients.findByPhone(walkIn.phone) : undefined;
    if (onFile) return onFile.id;
    const client: Client = await tx.clients.create(
      {
        name: walkIn.name ?? maskPhone(walkIn.phone!),
        shopName: null,
        contactPerson: null,
        phone: walkIn.phone,
        category: null,
        clientType: null,
        source: SOURCE_BY_RULE[rule] ?? null,
        grade: null,
        owner,
        state: 'intent',
      },
      this.now(),
    );
    await tx.audit.append(
      {
        actor,
        action: 'client.owner_set',
        subjectType: 'client',
        subjectId: String(client.id),
        before: null,
        after: owner,
        rule,
        note: `walk_in:${walkIn.id}`,
      },
      this.now(),
    );
    return client.id;
  }

  /** 接待 (button or text): the offer's agent takes the client; exactly one outcome however often pressed. */
  async accept(tx: Tx, actor: Member, offerId: number): Promise<WalkInView> {
    const peek = await this.openOffer(tx, actor, offerId);
    return this.rotation.withDay(tx, peek.day, async (d) => {
      await this.resolve(tx, offerId, 'accepted');
      const walkIn = (await tx.walkIns.get(peek.walkInId))!;
      d.emit({ type: 'accepted', agent: actor.openId, walkInId: walkIn.id }, { actor: actor.openId, rule: 'R-ATT-1' });
      const clientId = await this.ensureClient(
        tx,
        walkIn,
        { kind: 'agent', openId: actor.openId },
        'R-ATT-1',
        actor.openId,
      );
      const next: WalkIn = { ...walkIn, status: 'accepted', owner: actor.openId, clientId, decidedAt: this.now() };
      await tx.walkIns.update(walkIn.id, {
        status: 'accepted',
        owner: actor.openId,
        clientId,
        decidedAt: next.decidedAt,
      });
      const view = await this.view(tx, next);
      await tx.outbox.patchCard(offerCardKey(offerId), this.cards.accepted(view));
      await tx.outbox.patchCard(deskCardKey(walkIn.id), this.cards.desk(view));
      return view;
    });
  }

  /** 忙碌跳过: the agent loses this turn (goes behind, counted, R-ROT-4) and the next agent is offered. */
  async pass(tx: Tx, actor: Member, offerId: number): Promise<{ view: WalkInView; offer: Offer }> {
    const peek = await this.openOffer(tx, actor, offerId);
    return this.rotation.withDay(tx, peek.day, async (d) => {
      await this.resolve(tx, offerId, 'passed');
      d.emit(
        { type: 'passed', agent: actor.openId, walkInId: peek.walkInId, reason: 'pass' },
        { actor: actor.openId, rule: 'R-ROT-4' },
      );
      const { view } = await this.offerNext(tx, d, (await tx.walkIns.get(peek.walkInId))!, actor.openId, true);
      const offer = { ...peek, status: 'passed' as const, resolvedAt: this.now() };
      await tx.outbox.patchCard(offerCardKey(offerId), this.cards.offerClosed(view, offer));
      return { view, offer };
    });
  }

  /** Checks made before locking the day: the offer exists, is this agent's, and is from today. */
  private async openOffer(tx: Tx, actor: Member, offerId: number): Promise<Offer> {
    const offer = await tx.walkIns.getOffer(offerId);
    if (!offer) throw notFound('reception.offer_not_found');
    if (offer.agent !== actor.openId) {
      const names = await this.rotation.names(tx, [offer.agent]);
      throw forbidden('reception.not_your_offer', { name: names[offer.agent]! });
    }
    if (offer.day !== this.rotation.today()) throw invalidState('reception.offer_other_day', { day: offer.day });
    return offer;
  }

  /** The conditional update that makes a double click (or a click racing the timeout) have one outcome. */
  private async resolve(
    tx: Tx,
    offerId: number,
    to: 'accepted' | 'passed' | 'timed_out' | 'superseded',
  ): Promise<void> {
    if (await tx.walkIns.resolveOffer(offerId, to, this.now())) return;
    const current = await tx.walkIns.getOffer(offerId);
    throw conflict(`reception.offer_already_${current?.status ?? 'pending'}`);
  }

  /**
   * 接待 typed by an agent: takes their pending offer; with no offer out, the agent at the pointer
   * may claim the turn for a client standing at the desk (R-ROT-3). Anyone else is told whose turn it is.
   */
  async claim(tx: Tx, actor: Member): Promise<WalkInView> {
    if (!hasRole(actor, 'agent')) throw forbidden('reception.only_agents_claim');
    const day = this.rotation.today();
    const mine = (await tx.walkIns.pendingOffers(day)).find((o) => o.agent === actor.openId);
    if (mine) return this.accept(tx, actor, mine.id);
    return this.rotation.withDay(tx, day, async (d) => {
      const me = d.member(actor.openId);
      if (!me) throw invalidState('rotation.not_in_rotation');
      const waiting = d.state.members.find((m) => m.offeredWalkInId !== null);
      const names = await this.rotation.names(
        tx,
        d.state.members.map((m) => m.openId),
      );
      if (waiting) throw forbidden('reception.not_your_turn_offered', { name: names[waiting.openId]! });
      if (!me.onDuty) throw invalidState('reception.claim_absent');
      if (me.busyWalkInId !== null) throw invalidState('reception.claim_busy');
      const pointer = pickNext(d.state);
      if (!pointer || pointer.openId !== actor.openId)
        throw forbidden('reception.not_your_turn', { name: pointer ? names[pointer.openId]! : '—' });
      const now = this.now();
      const walkIn = await tx.walkIns.create({
        day,
        registeredBy: actor.openId,
        arrivedAt: now,
        name: null,
        phoneTyped: null,
        phone: null,
        cardAgent: null,
        leaderReferral: false,
        note: null,
        rule: 'R-ATT-1',
        status: 'accepted',
        owner: actor.openId,
        clientId: null,
        decidedAt: now,
      });
      const offer = await tx.walkIns.createOffer({
        walkInId: walkIn.id,
        day,
        agent: actor.openId,
        attempt: 1,
        offeredAt: now,
        deadlineAt: now,
      });
      await this.resolve(tx, offer.id, 'accepted');
      d.note({ type: 'claimed', walkInId: walkIn.id, agent: actor.openId }, { actor: actor.openId, rule: 'R-ROT-3' });
      d.emit({ type: 'offered', agent: actor.openId, walkInId: walkIn.id }, { actor: actor.openId, rule: 'R-ROT-3' });
      d.emit({ type: 'accepted', agent: actor.openId, walkInId: walkIn.id }, { actor: actor.openId, rule: 'R-ATT-1' });
      return this.view(tx, walkIn, [{ ...offer, status: 'accepted', resolvedAt: now }]);
    });
  }

  /** 在岗 / 请假 (R-ROT-2). An agent marked absent while holding an offer loses the offer, not a turn. */
  async setDuty(tx: Tx, actor: Member, agent: string, onDuty: boolean): Promise<void> {
    this.rotation.requireDesk(actor);
    await this.rotation.withDay(tx, this.rotation.today(), async (d) => {
      const m = d.member(agent);
      if (!m) throw notFound('rotation.not_in_rotation');
      if (m.onDuty === onDuty) return;
      const held = m.offeredWalkInId;
      d.emit(
        { type: 'duty', agent, onDuty },
        { actor: actor.openId, rule: 'R-ROT-2', before: { onDuty: m.onDuty }, after: { onDuty } },
      );
      await tx.audit.append(
        {
          actor: actor.openId,
          action: onDuty ? 'rotation.on_duty' : 'rotation.absent',
          subjectType: 'rotation_day',
          subjectId: d.day,
          before: { agent, onDuty: !onDuty },
          after: { agent, onDuty },
          rule: 'R-ROT-2',
        },
        this.now(),
      );
      if (held === null) return;
      const offer = (await tx.walkIns.offersOf(held)).find((o) => o.agent === agent && o.status === 'pending');
      if (!offer) return;
      await this.resolve(tx, offer.id, 'superseded');
      const { view } = await this.offerNext(tx, d, (await tx.walkIns.get(held))!, actor.openId, true);
      await tx.outbox.patchCard(
        offerCardKey(offer.id),
        this.cards.offerClosed(view, { ...offer, status: 'superseded' }),
      );
    });
  }

  /**
   * The periodic sweep: offers past their stored deadline time out (a lost turn, R-ROT-4) and move
   * on. Deadlines live in the database, so a restart loses none. An offer left over from an earlier
   * day is not passed on to today's rotation: that walk-in goes to the public pool.
   */
  async sweepExpiredOffers(tx: Tx, now: Date): Promise<number> {
    const expired = await tx.walkIns.expiredOffers(now, 50);
    const today = this.rotation.today();
    let n = 0;
    for (const day of new Set(expired.map((o) => o.day))) {
      await this.rotation.withDay(tx, day, async (d) => {
        for (const o of expired.filter((x) => x.day === day)) {
          if (!(await tx.walkIns.resolveOffer(o.id, 'timed_out', this.now()))) continue; // accepted or passed meanwhile
          n++;
          d.emit(
            { type: 'passed', agent: o.agent, walkInId: o.walkInId, reason: 'timeout' },
            { actor: null, rule: 'R-ROT-4' },
          );
          const walkIn = (await tx.walkIns.get(o.walkInId))!;
          const view =
            day === today
              ? (await this.offerNext(tx, d, walkIn, null, true)).view
              : await this.poolAndPatch(tx, d, walkIn);
          await tx.outbox.patchCard(offerCardKey(o.id), this.cards.offerClosed(view, { ...o, status: 'timed_out' }));
        }
      });
    }
    return n;
  }

  private async poolAndPatch(tx: Tx, d: DayContext, walkIn: WalkIn): Promise<WalkInView> {
    const view = await this.view(tx, await this.toPool(tx, d, walkIn, null, 'R-ROT-5'));
    await tx.outbox.patchCard(deskCardKey(walkIn.id), this.cards.desk(view));
    return view;
  }

  async view(tx: Tx, walkIn: WalkIn, offers?: Offer[]): Promise<WalkInView> {
    const all = offers ?? (await tx.walkIns.offersOf(walkIn.id));
    const ids = [walkIn.registeredBy, ...all.map((o) => o.agent)];
    if (walkIn.owner) ids.push(walkIn.owner);
    if (walkIn.cardAgent) ids.push(walkIn.cardAgent);
    const client = walkIn.clientId !== null ? await tx.clients.get(walkIn.clientId) : undefined;
    return {
      walkIn,
      offers: all,
      names: await this.rotation.names(tx, ids),
      clientName: client?.name ?? null,
      clientRegNo: client?.regNo ?? null,
      timeoutSeconds: this.deps.settings.offerTimeoutSeconds,
    };
  }

  async walkInView(tx: Tx, id: number): Promise<WalkInView> {
    const w = await tx.walkIns.get(id);
    if (!w) throw notFound('reception.walk_in_not_found');
    return this.view(tx, w);
  }
}

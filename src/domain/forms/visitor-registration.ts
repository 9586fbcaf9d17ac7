import { CLIENT_TYPES, GRADES, type Client, type ClientType, type Grade } from '../clients/client.js';
import type { ClientService } from '../clients/client.service.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden } from '../shared/errors.js';
import { noReceptionHooks, type ReceptionHooks } from '../shared/reception-hooks.js';
import type { Tx } from '../shared/tx.js';
import { compliance, visitorRegistrationDue } from './form-deadline.rules.js';
import { defineForm, f, parseForm, type Parsed } from './form-schema.js';
import type { FormNotices, FormSettings } from './form-settings.js';
import type { FormRecord } from './form.js';
import { DOUBLE_TAP_WINDOW_MS, isDoubleTap } from './owed-forms.rules.js';

/** Where clients come from (来源); the card offers these. */
export const SOURCES = ['walk_in', 'card', 'referral', 'leader', 'online', 'phone', 'other'] as const;

export const visitorSpec = defineForm({
  shape: {
    name: f.text(100),
    contact: f.text(50),
    phone: f.phone(),
    category: f.text(50),
    client_type: f.choice(CLIENT_TYPES),
    source: f.choice(SOURCES),
    grade: f.choice(GRADES),
    note: f.text(200),
  },
  essential: ['name'],
  required: ['contact', 'phone', 'category', 'client_type', 'source', 'grade'],
});

export const VISITOR_FIELDS = Object.keys(visitorSpec.shape);

/** Where the form came from: the rotation's button carries the walk-in; `acceptedAt` overrides the walk-in's own record. */
export interface VisitorOrigin {
  walkInId?: number;
  acceptedAt?: Date;
}

export type VisitorOutcome =
  | { kind: 'created'; client: Client; form: FormRecord }
  /** The agent's own client came back: its record is brought up to date. */
  | { kind: 'returning'; client: Client; form: FormRecord }
  /** 撞单: the phone belongs to another agent's (or the pool's) client; nothing duplicated. */
  | { kind: 'duplicate'; client: Client; ownerName: string | null; form: FormRecord };

/**
 * 来访客户登记表 (DOMAIN.md §2). Registers the client (or finds it by phone: 撞单), records the form
 * with its R-FORM-1 compliance, and ends the agent's busy state in the rotation (R-ROT-4) — all in
 * the caller's one transaction.
 */
export class VisitorRegistrationService {
  constructor(
    private readonly deps: { clock: Clock; settings: FormSettings; clients: ClientService; notices: FormNotices },
    private readonly hooks: ReceptionHooks = noReceptionHooks,
  ) {}

  async submit(
    tx: Tx,
    actor: Member,
    formValue: Record<string, unknown> | undefined,
    origin: VisitorOrigin = {},
  ): Promise<VisitorOutcome> {
    if (!hasRole(actor, 'agent', 'front_desk', 'manager'))
      throw forbidden('error.forbidden_role', { roles: '招商员、前台、招商部经理' });
    const { values, missing, raw } = parseForm(visitorSpec, formValue);
    const now = this.deps.clock.now();
    const dedupeKey = origin.walkInId !== undefined ? `visitor:walkin:${origin.walkInId}` : null;
    if (dedupeKey && (await tx.formRecords.findByDedupeKey(dedupeKey))) throw conflict('form.visitor.already_filed');
    // R-FORM-3: the same form sent twice (a double tap) is refused before it registers anyone a second time.
    if (!dedupeKey && (await this.repeatsRecent(tx, actor, raw, now))) throw conflict('form.duplicate');
    // The rotation's record of the walk-in: whose it is, and when it was accepted (the deadline's start).
    const walkIn = origin.walkInId !== undefined ? await tx.walkIns.get(origin.walkInId) : undefined;
    if (walkIn?.owner && walkIn.owner !== actor.openId && !hasRole(actor, 'front_desk', 'manager'))
      throw forbidden('form.visitor.not_your_walkin');
    const acceptedAt = origin.acceptedAt ?? walkIn?.decidedAt ?? undefined;

    const { outcome, client } = await this.resolveClient(tx, actor, values, now);
    const dueAt = acceptedAt ? visitorRegistrationDue(acceptedAt, this.deps.settings) : null;
    const form = await tx.formRecords.add({
      kind: 'visitor',
      clientId: client.id,
      agentOpenId: actor.openId,
      filedBy: actor.openId,
      filedAt: now,
      dueAt,
      ...compliance(now, dueAt, missing),
      missing,
      refId: client.id,
      dedupeKey,
      payload: { ...raw, outcome, ...(origin.walkInId !== undefined ? { walkInId: origin.walkInId } : {}) },
    });
    // Filing the form ends the busy state even on 撞单: the agent did receive the visitor.
    await this.hooks.visitorRegistered(tx, {
      agentOpenId: actor.openId,
      walkInId: origin.walkInId,
      clientId: client.id,
      at: now,
    });

    if (outcome !== 'duplicate') return { kind: outcome, client, form };
    return { kind: 'duplicate', client, ownerName: await this.notifyDuplicate(tx, actor, client), form };
  }

  private async repeatsRecent(tx: Tx, actor: Member, raw: Record<string, unknown>, now: Date): Promise<boolean> {
    const recent = await tx.formRecords.listRecentByAgent(
      'visitor',
      actor.openId,
      new Date(now.getTime() - DOUBLE_TAP_WINDOW_MS),
    );
    const next = { agentOpenId: actor.openId, walkInId: null, values: raw, filedAt: now };
    return recent.some((r) => {
      const { outcome: _o, walkInId, ...values } = r.payload;
      return (
        walkInId === undefined &&
        isDoubleTap({ agentOpenId: r.agentOpenId, walkInId: null, values, filedAt: r.filedAt }, next)
      );
    });
  }

  /** By phone: a new client, the agent's own returning client (brought up to date), or 撞单. */
  private async resolveClient(
    tx: Tx,
    actor: Member,
    values: VisitorValues,
    now: Date,
  ): Promise<{ outcome: VisitorOutcome['kind']; client: Client }> {
    const existing = values.phone ? await tx.clients.findByPhone(values.phone) : undefined;
    if (!existing)
      return {
        outcome: 'created',
        client: await this.deps.clients.create(
          tx,
          { ...this.clientFields(values), owner: this.ownerFor(actor) },
          actor,
        ),
      };
    if (existing.owner.kind !== 'agent' || existing.owner.openId !== actor.openId)
      return { outcome: 'duplicate', client: existing };
    // The rotation creates the record when the agent accepts a walk-in; this form is its first
    // registration, so it gets its registration number now rather than counting as a returning client.
    if (!existing.regNo) {
      const regNo = await this.deps.clients.nextRegNo(tx, now);
      return {
        outcome: 'created',
        client: await tx.clients.update(existing.id, { ...this.updates(values), regNo }, now),
      };
    }
    const revived = existing.state === 'lost' ? { state: 'following' as const, lostReason: null } : {};
    return {
      outcome: 'returning',
      client: await tx.clients.update(existing.id, { ...this.updates(values), ...revived }, now),
    };
  }

  /** Agents own what they register; front desk and managers register for the public pool (R-ATT-4, R-ROT-5). */
  private ownerFor(actor: Member) {
    return hasRole(actor, 'agent') ? ({ kind: 'agent', openId: actor.openId } as const) : ({ kind: 'pool' } as const);
  }

  private clientFields(v: VisitorValues) {
    return {
      name: v.name!,
      shopName: null,
      contactPerson: v.contact ?? null,
      phone: v.phone ?? null,
      category: v.category ?? null,
      clientType: (v.client_type as ClientType | undefined) ?? null,
      source: v.source ?? null,
      grade: (v.grade as Grade | undefined) ?? null,
    };
  }

  /** A returning client: what was filled in now replaces what was on record; blanks keep the old value. */
  private updates(v: VisitorValues): Partial<Client> {
    const all = this.clientFields(v);
    return Object.fromEntries(Object.entries(all).filter(([k, x]) => x !== null && k !== 'phone')) as Partial<Client>;
  }

  /** 撞单: the owner (or, for a pool client, the managers) is told who registered their client. */
  private async notifyDuplicate(tx: Tx, actor: Member, client: Client): Promise<string | null> {
    const now = this.deps.clock.now();
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'client.duplicate_registration',
        subjectType: 'client',
        subjectId: String(client.id),
        after: { by: actor.openId, owner: client.owner },
        rule: 'R-INFO-2',
      },
      now,
    );
    const dedupeKey = `dup:${client.id}:${actor.openId}:${now.getTime()}`.slice(0, 150);
    if (client.owner.kind === 'agent') {
      const owner = await tx.members.get(client.owner.openId);
      await tx.outbox.send({
        to: { openId: client.owner.openId },
        card: this.deps.notices.duplicateToOwner({ client, byName: actor.name }),
        dedupeKey,
      });
      return owner?.name ?? client.owner.openId;
    }
    for (const m of await tx.members.list({ role: 'manager', activeOnly: true })) {
      await tx.outbox.send({
        to: { openId: m.openId },
        card: this.deps.notices.duplicateToManagers({ client, byName: actor.name }),
        dedupeKey: `${dedupeKey}:${m.openId}`.slice(0, 150),
      });
    }
    return null;
  }
}

type VisitorValues = Parsed<typeof visitorSpec.shape>['values'];

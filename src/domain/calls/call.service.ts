import { GRADES, type Client, type Grade } from '../clients/client.js';
import type { ClientService } from '../clients/client.service.js';
import { defineForm, f, parseForm } from '../forms/form-schema.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { FormError, conflict, forbidden } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import { CALL_OUTCOMES, type CallLog, type CallOutcome } from './call.js';

export interface CallSettings {
  timezone: string;
  /** 每日 call 客 50 组: `calls.dailyTarget`. */
  dailyTarget: number;
}

/** The quick form: an existing client (picked) or a new number with a name; outcome; grade; note. */
export const callSpec = defineForm({
  shape: {
    name: f.text(100),
    phone: f.phone(),
    outcome: f.choice(CALL_OUTCOMES),
    grade: f.choice(GRADES),
    note: f.text(200),
  },
  essential: ['outcome'],
  required: [],
});
export const CALL_FIELDS = Object.keys(callSpec.shape);

/** Two submits of the same call this close together are one tap twice. */
const DOUBLE_TAP_MS = 15_000;

export interface CallResult {
  call: CallLog;
  client: Client;
  /** The number was new: the client was registered to the caller by this call. */
  created: boolean;
  /** The grade before, when this call changed it. */
  regradedFrom: Grade | null | undefined;
  /** Calls the agent logged today, this one included, and the day's target. */
  today: number;
  target: number;
}

/**
 * R-DAY-3 call log: an agent logs a call to one of their clients or to a new number in a few taps.
 * A new number that is already someone's client is 撞单 (R-INFO-2): refused, naming whose it is, and
 * nothing is written. Each call may regrade the client (R-DAY-4). One transaction, the caller's.
 */
export class CallService {
  constructor(private readonly deps: { clock: Clock; settings: CallSettings; clients: ClientService }) {}

  get dailyTarget(): number {
    return this.deps.settings.dailyTarget;
  }

  today(): string {
    return localDate(this.deps.clock.now(), this.deps.settings.timezone);
  }

  async log(
    tx: Tx,
    actor: Member,
    clientId: number | undefined,
    formValue: Record<string, unknown> | undefined,
  ): Promise<CallResult> {
    if (!hasRole(actor, 'agent')) throw forbidden('error.forbidden_role', { roles: '招商员' });
    const { values, raw } = parseForm(callSpec, formValue);
    const now = this.deps.clock.now();
    const { client, created } =
      clientId !== undefined
        ? { client: await this.ownClient(tx, actor, clientId), created: false }
        : await this.byNumber(tx, actor, values, raw);
    const grade = (values.grade as Grade | undefined) ?? null;
    // R-FORM-3: the same form tapped twice is one call (a second real call a minute later is not).
    const [prev] = created ? [] : await tx.calls.listForClient(client.id, 1);
    if (
      prev &&
      prev.agentOpenId === actor.openId &&
      prev.outcome === values.outcome &&
      now.getTime() - prev.calledAt.getTime() < DOUBLE_TAP_MS
    )
      throw conflict('call.duplicate', { client: client.name });
    let current = client;
    let regradedFrom: Grade | null | undefined;
    if (grade && !created && grade !== client.grade) {
      regradedFrom = client.grade;
      current = await tx.clients.update(client.id, { grade }, now);
      await tx.audit.append(
        {
          actor: actor.openId,
          action: 'client.regraded',
          subjectType: 'client',
          subjectId: String(client.id),
          before: { grade: client.grade },
          after: { grade, by: 'call' },
          rule: 'R-DAY-4',
        },
        now,
      );
    }
    const callDate = localDate(now, this.deps.settings.timezone);
    const call = await tx.calls.add({
      agentOpenId: actor.openId,
      clientId: client.id,
      callDate,
      calledAt: now,
      outcome: values.outcome as CallOutcome,
      grade,
      note: values.note ?? null,
    });
    const today = await tx.calls.countForAgentOn(actor.openId, callDate);
    return { call, client: current, created, regradedFrom, today, target: this.dailyTarget };
  }

  /** How many calls the agent logged today, against the target. */
  async progress(tx: Tx, actor: Member): Promise<{ today: number; target: number }> {
    return { today: await tx.calls.countForAgentOn(actor.openId, this.today()), target: this.dailyTarget };
  }

  /**
   * The caller's own client (a picker offers nothing else; a stale or forged card is refused). An
   * agent who is also a manager still logs calls only for their own clients. A lost client is
   * registered again first, as for every other form.
   */
  private ownClient(tx: Tx, actor: Member, clientId: number): Promise<Client> {
    return this.deps.clients.requireFilable(tx, { ...actor, roles: ['agent'] }, clientId);
  }

  /**
   * A typed number: the caller's own client when it is one; a new client of theirs (source 电话) when
   * nobody has it; refused with whose it is when it belongs to another agent or to the public pool.
   */
  private async byNumber(
    tx: Tx,
    actor: Member,
    values: { name?: string | undefined; phone?: string | undefined; grade?: string | undefined },
    raw: Record<string, string>,
  ): Promise<{ client: Client; created: boolean }> {
    if (!values.phone) throw new FormError({ phone: { key: 'call.err.phone_required' } }, raw);
    const existing = await tx.clients.findByPhone(values.phone);
    if (existing) {
      if (existing.owner.kind === 'agent' && existing.owner.openId === actor.openId)
        return { client: await this.ownClient(tx, actor, existing.id), created: false };
      if (existing.owner.kind === 'agent') {
        const owner = (await tx.members.get(existing.owner.openId))?.name ?? existing.owner.openId;
        throw forbidden('call.not_your_client', { owner });
      }
      throw forbidden('call.pool_client');
    }
    if (!values.name) throw new FormError({ name: { key: 'call.err.name_required' } }, raw);
    const client = await this.deps.clients.create(
      tx,
      {
        name: values.name,
        shopName: null,
        contactPerson: null,
        phone: values.phone,
        category: null,
        clientType: null,
        source: 'phone',
        grade: (values.grade as Grade | undefined) ?? null,
        owner: { kind: 'agent', openId: actor.openId },
      },
      actor,
    );
    return { client, created: true };
  }
}

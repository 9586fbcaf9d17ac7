import type { Client } from '../clients/client.js';
import type { ClientService } from '../clients/client.service.js';
import { advance } from '../clients/pipeline.rules.js';
import type { Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, FormError, invalidState } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import { compliance, signingPlanDue } from './form-deadline.rules.js';
import { defineForm, f, parseForm } from './form-schema.js';
import type { FormSettings } from './form-settings.js';
import type { FormRecord, SigningPlan } from './form.js';
import type { UnitService } from '../units/unit.service.js';

export const signingPlanSpec = (today: string, maxDeposit: number) =>
  defineForm({
    shape: {
      deposit: f.amount(maxDeposit),
      paid_date: f.date({ today, max: { date: today, key: 'form.err.date_future' } }),
      signing_date: f.date({ today, preferFuture: true, min: { date: today, key: 'form.err.date_past' } }),
      unit: f.text(50),
      // R-UNIT-1: a free unit picked from the list (its id); typed text naming a unit reserves it too.
      unit_pick: f.int(1, 2_000_000_000),
    },
    essential: ['deposit', 'paid_date', 'signing_date'],
    required: ['unit'],
  });
export const SIGNING_PLAN_FIELDS = ['deposit', 'paid_date', 'signing_date', 'unit', 'unit_pick'];

/**
 * 合同计划签订表 (R-CON-1): paying a deposit moves the client to 已交定金 and needs a signing plan
 * on a fixed date. Due by the end of the day the deposit was paid.
 */
export class SigningPlanService {
  private units: UnitService | undefined;

  constructor(private readonly deps: { clock: Clock; settings: FormSettings; clients: ClientService }) {}

  /** The unit table (R-UNIT-1), plugged in at construction: a plan reserves the unit it names. */
  useUnits(units: UnitService): void {
    this.units = units;
  }

  async submit(
    tx: Tx,
    actor: Member,
    clientId: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<{ client: Client; plan: SigningPlan; form: FormRecord }> {
    const now = this.deps.clock.now();
    const s = this.deps.settings;
    const parsed = parseForm(signingPlanSpec(localDate(now, s.timezone), s.maxDepositYuan), formValue);
    const { values, raw } = parsed;
    if (values.signing_date! < values.paid_date!)
      throw new FormError(
        { signing_date: { key: 'form.err.signing_before_paid', params: { date: values.paid_date! } } },
        raw,
      );
    const before = await this.deps.clients.requireFilable(tx, actor, clientId);
    if (before.state === 'signed') throw invalidState('form.client_signed', { client: before.name });
    const open = await tx.contracts.openSigningPlanFor(clientId);
    if (open) throw conflict('form.signing.already_planned', { date: open.signingDate });
    const agent = before.owner.kind === 'agent' ? before.owner.openId : actor.openId;
    // A unit picked from the list names the plan's unit (and fills the rulebook's 铺位 field).
    const picked = this.units && values.unit_pick ? await this.units.pickedLabel(tx, values.unit_pick) : undefined;
    if (values.unit_pick && this.units && !picked) throw new FormError({ unit_pick: { key: 'unit.not_found' } }, raw);
    const unitText = values.unit ?? picked;
    const missing = parsed.missing.filter((m) => !(m === 'unit' && unitText));
    const plan = await tx.contracts.addSigningPlan(
      {
        clientId,
        agentOpenId: agent,
        depositAmount: values.deposit!,
        paidDate: values.paid_date!,
        signingDate: values.signing_date!,
        unit: unitText ?? null,
      },
      now,
    );
    // One unit is never reserved twice: the conditional update decides; the loser's form comes back.
    const held = await this.units?.reserveForPlan(tx, unitText, values.unit_pick, {
      clientId,
      agentOpenId: agent,
      planId: plan.id,
    });
    if (held?.kind === 'taken')
      throw new FormError(
        { [values.unit_pick ? 'unit_pick' : 'unit']: { key: 'unit.form.taken', params: { unit: held.label } } },
        raw,
      );
    if (held?.kind === 'ambiguous')
      throw new FormError({ unit: { key: 'unit.form.ambiguous', params: { count: held.count } } }, raw);
    const client = await tx.clients.update(clientId, { state: advance(before.state, 'deposit') }, now);
    const dueAt = signingPlanDue(values.paid_date!, s);
    const form = await tx.formRecords.add({
      kind: 'signing_plan',
      clientId,
      agentOpenId: agent,
      filedBy: actor.openId,
      filedAt: now,
      dueAt,
      ...compliance(now, dueAt, missing),
      missing,
      refId: plan.id,
      dedupeKey: null,
      payload: raw,
    });
    return { client, plan, form };
  }
}

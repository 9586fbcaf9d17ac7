import { GRADES, type Client, type Grade } from '../clients/client.js';
import type { ClientService } from '../clients/client.service.js';
import { advance } from '../clients/pipeline.rules.js';
import type { Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import { compliance, revisitPlanDue } from './form-deadline.rules.js';
import { defineForm, f, parseForm } from './form-schema.js';
import type { FormSettings } from './form-settings.js';
import type { FormRecord, Revisit } from './form.js';

export const revisitPlanSpec = (today: string) =>
  defineForm({
    shape: {
      date: f.date({ today, preferFuture: true, min: { date: today, key: 'form.err.date_past' } }),
      purpose: f.text(200),
      grade: f.choice(GRADES),
    },
    essential: ['date'],
    required: ['purpose'],
  });
export const REVISIT_PLAN_FIELDS = ['date', 'purpose', 'grade'];

/**
 * 回访计划表: a revisit on a fixed calendar date, today or later (R-REV-1). Due by the end of the
 * work day of the contact it follows (R-FORM-1). The client moves to 跟进中 and may be re-graded.
 */
export class RevisitPlanService {
  constructor(private readonly deps: { clock: Clock; settings: FormSettings; clients: ClientService }) {}

  async submit(
    tx: Tx,
    actor: Member,
    clientId: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<{ client: Client; revisit: Revisit; form: FormRecord }> {
    const now = this.deps.clock.now();
    const today = localDate(now, this.deps.settings.timezone);
    const { values, missing, raw } = parseForm(revisitPlanSpec(today), formValue);
    const before = await this.deps.clients.requireFilable(tx, actor, clientId);
    const agent = before.owner.kind === 'agent' ? before.owner.openId : actor.openId;
    const revisit = await tx.revisits.create(
      { clientId, agentOpenId: agent, dueDate: values.date!, purpose: values.purpose ?? null, rescheduledFromId: null },
      now,
    );
    const client = await tx.clients.update(
      clientId,
      { state: advance(before.state, 'following'), ...(values.grade ? { grade: values.grade as Grade } : {}) },
      now,
    );
    const dueAt = revisitPlanDue(await tx.formRecords.lastContactAt(clientId), now, this.deps.settings);
    const form = await tx.formRecords.add({
      kind: 'revisit_plan',
      clientId,
      agentOpenId: agent,
      filedBy: actor.openId,
      filedAt: now,
      dueAt,
      ...compliance(now, dueAt, missing),
      missing,
      refId: revisit.id,
      dedupeKey: null,
      payload: raw,
    });
    return { client, revisit, form };
  }
}

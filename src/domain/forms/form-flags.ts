import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { defineForm, f, parseForm } from './form-schema.js';
import type { FormNotices } from './form-settings.js';
import type { ComplianceCount, FormRecord } from './form.js';

export const flagSpec = defineForm({ shape: { reason: f.text(200) }, essential: ['reason'], required: [] });

/**
 * R-FORM-2: a manager flags a filed form as false information (once; the flag is audited and the
 * agent is told). With R-FORM-1's late/incomplete marks, these are the per-agent compliance counts
 * the digests read.
 */
export class FormComplianceService {
  constructor(private readonly deps: { clock: Clock; notices: FormNotices }) {}

  async flagFalse(
    tx: Tx,
    manager: Member,
    formId: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<FormRecord> {
    if (!hasRole(manager, 'manager')) throw forbidden('error.forbidden_role', { roles: '招商部经理' });
    const { values } = parseForm(flagSpec, formValue);
    const form = await tx.formRecords.get(formId);
    if (!form) throw notFound('form.not_found', { id: formId });
    const now = this.deps.clock.now();
    if (!(await tx.formRecords.flag(formId, manager.openId, values.reason!, now)))
      throw conflict('form.already_flagged');
    await tx.audit.append(
      {
        actor: manager.openId,
        action: 'form.flagged_false',
        subjectType: 'form',
        subjectId: String(formId),
        after: { reason: values.reason },
        rule: 'R-FORM-2',
      },
      now,
    );
    if (form.agentOpenId) {
      const client = form.clientId ? await tx.clients.get(form.clientId) : undefined;
      await tx.outbox.send({
        to: { openId: form.agentOpenId },
        card: this.deps.notices.falseInfoFlagged({ form, client, managerName: manager.name, reason: values.reason! }),
        dedupeKey: `flag:${formId}`,
      });
    }
    return (await tx.formRecords.get(formId))!;
  }

  /** Per agent, for forms filed in [from, to): filed, late, incomplete (R-FORM-1) and flagged (R-FORM-2). */
  counts(tx: Tx, period: { from: Date; to: Date }): Promise<ComplianceCount[]> {
    return tx.formRecords.complianceByAgent(period.from, period.to);
  }
}

import type { Client } from '../clients/client.js';
import { normalizePhone } from '../clients/phone.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, FormError } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from './form-dates.js';
import { compliance, signedContractDue } from './form-deadline.rules.js';
import { defineForm, f, parseForm } from './form-schema.js';
import type { FormSettings } from './form-settings.js';
import type { FormRecord, SignedContract } from './form.ports.js';

export const signedContractSpec = (today: string, s: FormSettings) =>
  defineForm({
    shape: {
      contract_no: f.contractNo(),
      client: f.text(100),
      signed_date: f.date({ today, max: { date: today, key: 'form.err.date_future' } }),
      unit: f.text(50),
      area: f.amount(s.maxAreaSqm),
      rent: f.amount(s.maxMonthlyRentYuan),
    },
    essential: ['contract_no', 'signed_date'],
    required: ['unit', 'area', 'rent'],
  });
export const SIGNED_CONTRACT_FIELDS = ['contract_no', 'client', 'signed_date', 'unit', 'area', 'rent'];

export interface SignedOutcome {
  contract: SignedContract;
  client: Client;
  form: FormRecord;
  /** R-CON-2 breach: no collection form for this contract number. */
  withoutCollection: boolean;
}

/**
 * 已签合同表, kept by the front desk (same day). The entry references the agent's collection form
 * by contract number (R-CON-2); client and agent come from it. Without one, the client is named in
 * the form, the entry is still kept, and reconciliation reports it (R-CON-3).
 */
export class SignedContractService {
  constructor(private readonly deps: { clock: Clock; settings: FormSettings }) {}

  async submit(tx: Tx, actor: Member, formValue: Record<string, unknown> | undefined): Promise<SignedOutcome> {
    if (!hasRole(actor, 'front_desk', 'manager'))
      throw forbidden('error.forbidden_role', { roles: '前台、招商部经理' });
    const now = this.deps.clock.now();
    const s = this.deps.settings;
    const { values, missing, raw } = parseForm(signedContractSpec(localDate(now, s.timezone), s), formValue);
    const no = values.contract_no!;
    if (await tx.contracts.findSigned(no))
      throw new FormError({ contract_no: { key: 'form.err.contract_no_taken', params: { value: no } } }, raw);
    const collection = await tx.contracts.findCollection(no);
    const client = collection
      ? (await tx.clients.get(collection.clientId))!
      : await this.clientNamed(tx, values.client, raw);
    const agent = collection?.agentOpenId ?? (client.owner.kind === 'agent' ? client.owner.openId : null);
    const contract = await tx.contracts.addSigned(
      {
        contractNo: no,
        clientId: client.id,
        agentOpenId: agent,
        signedDate: values.signed_date!,
        unit: values.unit ?? null,
        area: values.area ?? null,
        monthlyRent: values.rent ?? null,
        collectionId: collection?.id ?? null,
        enteredBy: actor.openId,
      },
      now,
    );
    const signed = await tx.clients.update(client.id, { state: 'signed', lostReason: null }, now);
    await tx.contracts.markSigningPlansSigned(client.id);
    const dueAt = signedContractDue(values.signed_date!, s);
    const form = await tx.formRecords.add({
      kind: 'signed_contract',
      clientId: client.id,
      agentOpenId: actor.openId,
      filedBy: actor.openId,
      filedAt: now,
      dueAt,
      ...compliance(now, dueAt, missing),
      missing,
      refId: contract.id,
      dedupeKey: null,
      payload: { ...raw, collectionId: collection?.id ?? null },
    });
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'contract.signed',
        subjectType: 'client',
        subjectId: String(client.id),
        before: { state: client.state },
        after: { state: 'signed', contractNo: no },
        rule: 'R-CON-2',
      },
      now,
    );
    return { contract, client: signed, form, withoutCollection: !collection };
  }

  /** Without a collection form the client must be named: a full phone number, or a unique name. */
  private async clientNamed(tx: Tx, text: string | undefined, raw: Record<string, string>): Promise<Client> {
    const err = (key: string, params: Record<string, string | number> = {}) =>
      new FormError({ client: { key, params } }, raw);
    if (!text) throw err('form.err.client_needed');
    const phone = normalizePhone(text);
    if (phone.ok) {
      const c = await tx.clients.findByPhone(phone.value);
      if (c) return c;
      throw err('form.err.client_unknown', { value: text });
    }
    const found = await tx.clients.findByText({ text, offset: 0, limit: 2, cap: 5 });
    const exact = found.items.filter((c) => c.name === text || c.regNo === text);
    if (exact.length === 1) return exact[0]!;
    if (found.total === 1) return found.items[0]!;
    throw err(found.total === 0 ? 'form.err.client_unknown' : 'form.err.client_ambiguous', {
      value: text,
      count: found.total,
    });
  }
}

import type { Client } from '../clients/client.js';
import { normalizePhone } from '../clients/phone.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, FormError } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import { compliance, signedContractDue } from './form-deadline.rules.js';
import { defineForm, f, parseForm } from './form-schema.js';
import type { FormSettings } from './form-settings.js';
import type { FormRecord, SignedContract } from './form.js';
import type { ContractDraft, ContractReview } from '../review/contract-review.js';
import type { UnitService } from '../units/unit.service.js';
import type { MessageKey } from '../../i18n/index.js';

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

/** R-CON-4: the entry waits for legal and finance; nothing is recorded as signed yet. */
export interface UnderReviewOutcome {
  underReview: true;
  review: ContractReview;
  client: Client;
  withoutCollection: boolean;
}

/** Contract review (src/domain/review/), plugged in at construction so that forms need not know it. */
export interface ContractReviewGate {
  required(tx: Tx): Promise<boolean>;
  start(tx: Tx, actor: Member, draft: ContractDraft): Promise<ContractReview>;
}

/**
 * 已签合同表, kept by the front desk (same day). The entry references the agent's collection form
 * by contract number (R-CON-2); client and agent come from it. Without one, the client is named in
 * the form, the entry is still kept, and reconciliation reports it (R-CON-3).
 */
export class SignedContractService {
  private review: ContractReviewGate | undefined;

  constructor(private readonly deps: { clock: Clock; settings: FormSettings }) {}

  useReview(gate: ContractReviewGate): void {
    this.review = gate;
  }

  private units: UnitService | undefined;
  /** The unit table (R-UNIT-1): a recorded contract leases the unit it names. */
  useUnits(units: UnitService): void {
    this.units = units;
  }

  async submit(
    tx: Tx,
    actor: Member,
    formValue: Record<string, unknown> | undefined,
  ): Promise<SignedOutcome | UnderReviewOutcome> {
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
    const draft: ContractDraft = {
      contractNo: no,
      clientId: client.id,
      agentOpenId: agent,
      signedDate: values.signed_date!,
      unit: values.unit ?? null,
      area: values.area ?? null,
      monthlyRent: values.rent ?? null,
      collectionId: collection?.id ?? null,
      enteredBy: actor.openId,
      form: { raw, missing, filedAt: now.toISOString() },
    };
    // R-UNIT-1: a unit another client holds is refused before review, not after legal and finance passed it.
    const holder = await this.units?.heldByOther(tx, draft.unit, draft.clientId);
    if (holder) throw new FormError({ unit: { key: 'unit.form.lease_taken', params: { unit: holder } } }, raw);
    if (this.review && (await this.review.required(tx))) {
      const review = await this.review.start(tx, actor, draft);
      return { underReview: true, review, client, withoutCollection: !collection };
    }
    return this.record(tx, draft);
  }

  /** Writes the signed contract and its effects (client signed, plans closed, the form's compliance). */
  async record(tx: Tx, d: ContractDraft): Promise<SignedOutcome> {
    const now = this.deps.clock.now();
    const s = this.deps.settings;
    const filedAt = new Date(d.form.filedAt);
    const client = (await tx.clients.get(d.clientId))!;
    const contract = await tx.contracts.addSigned(
      {
        contractNo: d.contractNo,
        clientId: d.clientId,
        agentOpenId: d.agentOpenId,
        signedDate: d.signedDate,
        unit: d.unit,
        area: d.area,
        monthlyRent: d.monthlyRent,
        collectionId: d.collectionId,
        enteredBy: d.enteredBy,
      },
      now,
    );
    const signed = await tx.clients.update(client.id, { state: 'signed', lostReason: null }, now);
    await tx.contracts.markSigningPlansSigned(client.id);
    // R-UNIT-1 已租 (a conditional update: a unit taken meanwhile stays with its holder).
    await this.units?.leaseForContract(tx, d, (await tx.contracts.findCollection(d.contractNo))?.termMonths ?? null);
    // Compliance is the front desk's filing (R-FORM-3), not the reviewers' pace: judged at the filing time.
    const dueAt = signedContractDue(d.signedDate, s);
    const form = await tx.formRecords.add({
      kind: 'signed_contract',
      clientId: client.id,
      agentOpenId: d.enteredBy,
      filedBy: d.enteredBy,
      filedAt,
      dueAt,
      ...compliance(filedAt, dueAt, d.form.missing),
      missing: d.form.missing,
      refId: contract.id,
      dedupeKey: null,
      payload: { ...d.form.raw, collectionId: d.collectionId },
    });
    await tx.audit.append(
      {
        actor: d.enteredBy,
        action: 'contract.signed',
        subjectType: 'client',
        subjectId: String(client.id),
        before: { state: client.state },
        after: { state: 'signed', contractNo: d.contractNo },
        rule: 'R-CON-2',
      },
      now,
    );
    return { contract, client: signed, form, withoutCollection: d.collectionId === null };
  }

  /** Without a collection form the client must be named: a full phone number, or a unique name. */
  private async clientNamed(tx: Tx, text: string | undefined, raw: Record<string, string>): Promise<Client> {
    const err = (key: MessageKey, params: Record<string, string | number> = {}) =>
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

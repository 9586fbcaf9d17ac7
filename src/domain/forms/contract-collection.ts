import type { Client } from '../clients/client.js';
import type { ClientService } from '../clients/client.service.js';
import type { Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { FormError } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import { compliance } from './form-deadline.rules.js';
import { defineForm, f, parseForm } from './form-schema.js';
import type { FormSettings } from './form-settings.js';
import type { ContractCollection, FormRecord } from './form.js';

export const collectionSpec = (s: FormSettings) =>
  defineForm({
    shape: {
      contract_no: f.contractNo(),
      unit: f.text(50),
      area: f.amount(s.maxAreaSqm),
      rent: f.amount(s.maxMonthlyRentYuan),
      term: f.int(1, 240),
    },
    essential: ['contract_no'],
    required: ['unit', 'area', 'rent', 'term'],
  });
export const COLLECTION_FIELDS = ['contract_no', 'unit', 'area', 'rent', 'term'];

/**
 * 合同领取表 (R-CON-2): filed by the agent before the contract is handed over (先填领取表,后领合同).
 * Filed after the front desk already entered that contract as signed, it is late (R-FORM-1).
 */
export class ContractCollectionService {
  constructor(private readonly deps: { clock: Clock; settings: FormSettings; clients: ClientService }) {}

  async submit(
    tx: Tx,
    actor: Member,
    clientId: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<{ client: Client; collection: ContractCollection; form: FormRecord; handedOverAlready: boolean }> {
    const { values, missing, raw } = parseForm(collectionSpec(this.deps.settings), formValue);
    const client = await this.deps.clients.requireFilable(tx, actor, clientId);
    const no = values.contract_no!;
    if (await tx.contracts.findCollection(no))
      throw new FormError({ contract_no: { key: 'form.err.contract_no_taken', params: { value: no } } }, raw);
    const now = this.deps.clock.now();
    const agent = client.owner.kind === 'agent' ? client.owner.openId : actor.openId;
    const collection = await tx.contracts.addCollection(
      {
        contractNo: no,
        clientId,
        agentOpenId: agent,
        unit: values.unit ?? null,
        area: values.area ?? null,
        monthlyRent: values.rent ?? null,
        termMonths: values.term ?? null,
        collectedDate: localDate(now, this.deps.settings.timezone),
      },
      now,
    );
    const handedOverAlready = (await tx.contracts.findSigned(no)) !== undefined;
    const form = await tx.formRecords.add({
      kind: 'collection',
      clientId,
      agentOpenId: agent,
      filedBy: actor.openId,
      filedAt: now,
      dueAt: null,
      late: handedOverAlready,
      incomplete: compliance(now, null, missing).incomplete,
      missing,
      refId: collection.id,
      dedupeKey: null,
      payload: raw,
    });
    return { client, collection, form, handedOverAlready };
  }
}

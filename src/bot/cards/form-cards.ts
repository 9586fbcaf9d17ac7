import { CLIENT_TYPES, GRADES, type Client } from '../../domain/clients/client.js';
import type { ButtonValue } from '../actions.js';
import { formatDateZh } from '../../domain/forms/form-dates.js';
import type { FormRecord, Revisit } from '../../domain/forms/form.js';
import { SOURCES } from '../../domain/forms/visitor-registration.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { localDate } from '../../domain/shared/zoned-time.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import { button, buttonRow, card, md, type El, type Option, type Template } from './card-kit.js';
import { formBlock, type FieldDef, type FormState } from './form-kit.js';
import { hhmm } from './time-format.js';

const opts = (prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, text: t(dynamicKey(`${prefix}.${v}`)) }));

export const visitorFields: FieldDef[] = [
  { name: 'name', kind: 'text', required: true, essential: true, placeholder: '如：老王五金店' },
  { name: 'contact', kind: 'text', required: true, maxLength: 50 },
  { name: 'phone', kind: 'text', required: true, placeholder: '13812345678 / 0571-88888888', maxLength: 30 },
  { name: 'category', kind: 'text', required: true, placeholder: '如：五金、建材、灯具', maxLength: 50 },
  { name: 'client_type', kind: 'select', required: true, options: opts('client_type', CLIENT_TYPES) },
  { name: 'source', kind: 'select', required: true, options: opts('source', SOURCES) },
  { name: 'grade', kind: 'select', required: true, options: GRADES.map((g) => ({ value: g, text: g })) },
  { name: 'note', kind: 'multiline', maxLength: 200 },
];

/** The walk-in (from the rotation's button) travels in the submit value, so the busy state ends on submit. */
export function visitorFormCard(
  hours: number,
  origin: { walkInId?: number; acceptedAt?: number },
  state: FormState = {},
): CardJson {
  const value: ButtonValue = {
    a: 'form.visitor.submit',
    ...(origin.walkInId !== undefined ? { walkInId: origin.walkInId } : {}),
    ...(origin.acceptedAt !== undefined ? { acceptedAt: origin.acceptedAt } : {}),
  };
  return card({
    title: t('visitor.title'),
    template: 'blue',
    elements: [md(t('visitor.intro', { hours })), ...formBlock('visitor_form', visitorFields, state, value)],
  });
}

export const revisitPlanFields: FieldDef[] = [
  { name: 'date', kind: 'date', required: true, essential: true },
  { name: 'purpose', kind: 'text', required: true, maxLength: 200 },
  { name: 'grade', kind: 'select', options: GRADES.map((g) => ({ value: g, text: g })) },
];

export function revisitPlanFormCard(client: Client, state: FormState = {}): CardJson {
  const intro = md(tmd('revisit_plan.intro', { client: client.name, regNo: client.regNo ?? '—' }));
  return card({
    title: t('revisit_plan.title'),
    template: 'wathet',
    elements: [
      intro,
      ...formBlock(
        'revisit_plan_form',
        revisitPlanFields,
        { values: { grade: client.grade ?? '' }, ...state },
        { a: 'form.revisit_plan.submit', clientId: client.id },
      ),
    ],
  });
}

export const signingFields: FieldDef[] = [
  { name: 'deposit', kind: 'text', required: true, essential: true, placeholder: '如：20000', maxLength: 20 },
  { name: 'paid_date', kind: 'date', required: true, essential: true },
  { name: 'signing_date', kind: 'date', required: true, essential: true },
  { name: 'unit', kind: 'text', required: true, placeholder: '如：A区-108', maxLength: 50 },
];

/** R-UNIT-1: with units on file, the plan may pick one of the free ones (`free`: value = unit id). */
export function signingPlanFormCard(client: Client, state: FormState = {}, free: Option[] = []): CardJson {
  const fields = free.length
    ? [...signingFields, { name: 'unit_pick', kind: 'select' as const, options: free }]
    : signingFields;
  const intro = md(tmd('signing.intro', { client: client.name, regNo: client.regNo ?? '—' }));
  return card({
    title: t('signing.title'),
    template: 'orange',
    elements: [intro, ...formBlock('signing_form', fields, state, { a: 'form.signing.submit', clientId: client.id })],
  });
}

export const collectionFields: FieldDef[] = [
  { name: 'contract_no', kind: 'text', required: true, essential: true, maxLength: 50 },
  { name: 'unit', kind: 'text', required: true, maxLength: 50 },
  { name: 'area', kind: 'text', required: true, maxLength: 20 },
  { name: 'rent', kind: 'text', required: true, maxLength: 20 },
  { name: 'term', kind: 'text', required: true, maxLength: 5 },
];

export function collectionFormCard(client: Client, state: FormState = {}): CardJson {
  const intro = md(tmd('collection.intro', { client: client.name, regNo: client.regNo ?? '—' }));
  return card({
    title: t('collection.title'),
    template: 'purple',
    elements: [
      intro,
      ...formBlock('collection_form', collectionFields, state, { a: 'form.collection.submit', clientId: client.id }),
    ],
  });
}

export const signedFields: FieldDef[] = [
  { name: 'contract_no', kind: 'text', required: true, essential: true, maxLength: 50 },
  { name: 'client', kind: 'text', maxLength: 100 },
  { name: 'signed_date', kind: 'date', required: true, essential: true },
  { name: 'unit', kind: 'text', required: true, maxLength: 50 },
  { name: 'area', kind: 'text', required: true, maxLength: 20 },
  { name: 'rent', kind: 'text', required: true, maxLength: 20 },
];

export function signedContractFormCard(state: FormState = {}): CardJson {
  return card({
    title: t('signed.title'),
    template: 'green',
    elements: [md(t('signed.intro')), ...formBlock('signed_form', signedFields, state, { a: 'form.signed.submit' })],
  });
}

export function rescheduleFormCard(revisit: Revisit, clientName: string, state: FormState = {}): CardJson {
  const defs: FieldDef[] = [
    { name: 'date', kind: 'date', required: true, essential: true },
    { name: 'note', kind: 'text', maxLength: 200 },
  ];
  const intro = md(tmd('revisit.card_intro', { client: clientName, date: revisit.dueDate }));
  return card({
    title: t('revisit.reschedule_title'),
    template: 'wathet',
    elements: [
      intro,
      ...formBlock('reschedule_form', defs, state, { a: 'revisit.reschedule.submit', revisitId: revisit.id }),
    ],
  });
}

/** 完成 asks what came of the visit (optional): the note is the revisit's outcome on record. */
/**
 * `origin`: the card 完成 was pressed on (its message id, and which list it is), carried to the submit
 * so that card loses the spent buttons too.
 */
export function doneFormCard(
  revisit: Revisit,
  clientName: string,
  state: FormState = {},
  origin: Record<string, unknown> = {},
): CardJson {
  const defs: FieldDef[] = [{ name: 'outcome_note', kind: 'multiline', maxLength: 200 }];
  return card({
    title: t('revisit.done_title'),
    template: 'turquoise',
    elements: [
      md(tmd('revisit.card_intro', { client: clientName, date: revisit.dueDate })),
      ...formBlock('done_form', defs, state, { a: 'revisit.done.submit', revisitId: revisit.id, ...origin }),
    ],
  });
}

export function lostFormCard(revisit: Revisit, clientName: string, state: FormState = {}): CardJson {
  const intro = md(tmd('revisit.card_intro', { client: clientName, date: revisit.dueDate }));
  const defs: FieldDef[] = [{ name: 'reason', kind: 'multiline', required: true, essential: true, maxLength: 200 }];
  return card({
    title: t('revisit.lost_title'),
    template: 'grey',
    elements: [intro, ...formBlock('lost_form', defs, state, { a: 'revisit.lost.submit', revisitId: revisit.id })],
  });
}

export function flagFormCard(
  formRecord: FormRecord,
  clientName: string,
  filed: string,
  state: FormState = {},
): CardJson {
  const intro = md(tmd('flag.intro', { kind: t(`form_kind.${formRecord.kind}`), client: clientName, filed }));
  const defs: FieldDef[] = [{ name: 'reason', kind: 'multiline', required: true, essential: true, maxLength: 200 }];
  return card({
    title: t('flag.title'),
    template: 'red',
    elements: [intro, ...formBlock('flag_form', defs, state, { a: 'form.flag.submit', formId: formRecord.id })],
  });
}

/** The buttons that resolve a revisit (R-REV-2); any card may carry them (the reminder included). */
/** `from` names the list the buttons are on (`{ src: 'list' }`, `{ src: 'remind', day }`), so it can be redrawn. */
export function revisitButtons(revisitId: number, from: Record<string, unknown> = {}): El {
  return buttonRow([
    button(t('revisit.done'), { a: 'revisit.done', revisitId, ...from }, 'primary'),
    button(t('revisit.reschedule'), { a: 'revisit.reschedule.open', revisitId }),
    button(t('revisit.lost'), { a: 'revisit.lost.open', revisitId }, 'danger'),
  ]);
}

/**
 * 撞单: the registering agent learns the client is someone else's (or the pool's) and may raise an
 * attribution dispute for the manager to rule on (R-ATT-6; handled by `dispute.raise` in reception.ts).
 */
export function duplicateResultCard(line: string, clientId: number, canDispute: boolean): CardJson {
  const next = canDispute
    ? [
        buttonRow([
          button(
            t('visitor.dispute_btn'),
            { a: 'dispute.raise', clientId, reason: t('visitor.dispute_reason') },
            'primary',
          ),
        ]),
      ]
    : [];
  return resultCard(t('visitor.title'), [line], 'orange', next);
}

/**
 * After a form: what was saved, the R-FORM-1 marks, and what to do next. `lines` are markdown: user
 * text in them went through `tmd` / `escapeMd`.
 */
export function resultCard(title: string, lines: string[], template: Template = 'green', next: El[] = []): CardJson {
  return card({ title, template, elements: [md(lines.filter(Boolean).join('\n')), ...next] });
}

/**
 * A form's result card: what was saved, then its R-FORM-1 marks; orange when the form counts as not
 * done (late or incomplete) or `warn` says something else needs attention.
 */
export function formResultCard(
  title: string,
  lines: string[],
  form: FormRecord,
  when: { tz: string; today: string },
  o: { next?: El[]; warn?: boolean } = {},
): CardJson {
  const orange = o.warn || form.late || form.incomplete;
  return resultCard(
    title,
    [...lines, ...complianceLines(form, when.tz, when.today)],
    orange ? 'orange' : 'green',
    o.next,
  );
}

export function complianceLines(form: FormRecord, tz: string, today: string): string[] {
  const out: string[] = [];
  if (form.late && form.dueAt) out.push(tmd('form.late_note', { due: dueText(form.dueAt, tz, today) }));
  if (form.incomplete)
    out.push(t('form.incomplete_note', { fields: form.missing.map((f) => t(dynamicKey(`field.${f}`))).join('、') }));
  return out;
}

function dueText(at: Date, tz: string, today: string): string {
  return `${formatDateZh(localDate(at, tz), today)} ${hhmm(at, tz)}`;
}

import type { FormError } from '../../domain/shared/errors.js';
import type { ButtonValue } from '../actions.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { escapeMd } from './safe-text.js';
import { datePicker, form, input, labelled, md, selectStatic, submitButton, type El, type Option } from './card-kit.js';

/** A form field on a card: what it is, so a failed form can be drawn again with the typed values and errors. */
export interface FieldDef {
  name: string;
  kind: 'text' | 'multiline' | 'select' | 'date';
  /** The rulebook requires it (red *): left empty, the form is still stored but counts as not done (R-FORM-1). */
  required?: boolean;
  /**
   * Without it the form cannot be stored at all (the spec's `essential`): the Feishu client refuses to
   * submit it empty (native `required`), saving a round trip; the server still checks.
   */
  essential?: boolean;
  options?: Option[];
  placeholder?: string;
  maxLength?: number;
}

/** What was typed and what is wrong with it (already translated), plus a note over the form. */
export interface FormState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  notice?: string;
}

/** Feishu's date picker sends "2026-11-25 +0800"; its initial_date wants the date alone. */
const dateOnly = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);

export function fieldElements(defs: FieldDef[], state: FormState = {}): El[] {
  const out: El[] = [];
  for (const d of defs) {
    const value = state.values?.[d.name];
    const label = t(dynamicKey(`field.${d.name}`));
    let el: El;
    const required = d.essential ?? false;
    if (d.kind === 'select')
      el = selectStatic(d.name, d.options ?? [], {
        placeholder: d.placeholder ?? t('form.select_placeholder'),
        ...(value ? { value } : {}),
        required,
      });
    else if (d.kind === 'date')
      el = datePicker(d.name, {
        placeholder: d.placeholder ?? t('form.date_placeholder'),
        ...(dateOnly(value) ? { value: dateOnly(value)! } : {}),
        required,
      });
    else
      el = input(d.name, {
        ...(d.placeholder ? { placeholder: d.placeholder } : {}),
        ...(value ? { value } : {}),
        maxLength: d.maxLength ?? 100,
        multiline: d.kind === 'multiline',
        required,
      });
    out.push(...labelled(label, el, state.errors?.[d.name], (d.required ?? false) || required));
  }
  return out;
}

/** The form container with its submit button; the button's value carries the action and its context. */
export function formBlock(name: string, defs: FieldDef[], state: FormState, submitValue: ButtonValue): El[] {
  const out: El[] = [];
  if (state.notice) out.push(md(state.notice));
  out.push(md(t('form.required_hint')));
  out.push(form(name, [...fieldElements(defs, state), submitButton(t('form.submit'), 'submit', submitValue)]));
  return out;
}

/** FormError → translated per-field messages. */
export function errorsOf(err: FormError): Record<string, string> {
  return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, t(v.key, v.params ?? {})]));
}

/** A refusal over a form, in red: the text may quote what was typed, so it is text, not markup. */
export const red = (text: string) => `<font color="red">${escapeMd(text)}</font>`;

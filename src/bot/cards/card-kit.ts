import type { CardJson } from '../../domain/shared/outbox.js';
import type { ButtonValue } from '../actions.js';
import { escapeMd } from './safe-text.js';

/**
 * Small pure builders for Feishu card JSON 2.0 (`schema: "2.0"`, header, `body.elements`).
 * 2.0 rejects unknown properties, so builders only emit documented fields.
 */
export type Template =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'carmine'
  | 'violet'
  | 'purple'
  | 'indigo'
  | 'grey'
  | 'default';
export type El = Record<string, unknown>;

export function card(opts: {
  title: string;
  subtitle?: string;
  template?: Template;
  elements: El[];
  summary?: string;
}): CardJson {
  return {
    schema: '2.0',
    config: { update_multi: true, ...(opts.summary ? { summary: { content: opts.summary } } : {}) },
    header: {
      title: { tag: 'plain_text', content: opts.title },
      ...(opts.subtitle ? { subtitle: { tag: 'plain_text', content: opts.subtitle } } : {}),
      template: opts.template ?? 'blue',
    },
    body: { elements: opts.elements },
  };
}

/** A markdown element: `content` is markdown the bot wrote; user text in it went through `escapeMd` / `tmd` (safe-text.ts). */
export const md = (content: string, elementId?: string): El => ({
  tag: 'markdown',
  content,
  ...(elementId ? { element_id: elementId } : {}),
});
export const hr = (): El => ({ tag: 'hr' });

export type ButtonType = 'default' | 'primary' | 'danger' | 'text' | 'primary_filled' | 'danger_filled';

export function button(
  text: string,
  value: ButtonValue,
  type: ButtonType = 'default',
  extra: { confirm?: { title: string; text: string }; disabled?: boolean } = {},
): El {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: text },
    type,
    ...(extra.disabled ? { disabled: true } : {}),
    ...(extra.confirm
      ? {
          confirm: {
            title: { tag: 'plain_text', content: extra.confirm.title },
            text: { tag: 'plain_text', content: extra.confirm.text },
          },
        }
      : {}),
    behaviors: [{ type: 'callback', value }],
  };
}

/** Buttons side by side, wrapping on a phone. */
export function buttonRow(buttons: El[]): El {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: '8px',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

export function columns(cols: El[][], flex: 'none' | 'stretch' | 'flow' | 'bisect' | 'trisect' = 'bisect'): El {
  return {
    tag: 'column_set',
    flex_mode: flex,
    columns: cols.map((elements) => ({ tag: 'column', width: 'weighted', weight: 1, elements })),
  };
}

export function form(name: string, elements: El[]): El {
  return { tag: 'form', name, elements };
}

export function submitButton(text: string, name: string, value: ButtonValue, type: ButtonType = 'primary'): El {
  return {
    tag: 'button',
    name,
    text: { tag: 'plain_text', content: text },
    type,
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value }],
  };
}

/**
 * A label line over a field, with the field's error (if any) in red under it. Both are text, not
 * markup: a label may be a member's or client's name, and an error may quote what was typed.
 */
export function labelled(label: string, field: El, error?: string, required = false): El[] {
  const out: El[] = [md(`**${escapeMd(label)}**${required ? ' <font color="red">*</font>' : ''}`), field];
  if (error) out.push(md(`<font color="red">${escapeMd(error)}</font>`));
  return out;
}

/** `required` only inside a form (Feishu refuses it elsewhere). */
export function input(
  name: string,
  opts: { placeholder?: string; value?: string; maxLength?: number; multiline?: boolean; required?: boolean } = {},
): El {
  return {
    tag: 'input',
    name,
    // In a form, the Feishu client itself refuses to submit a required field left empty ("有必填项未填写").
    ...(opts.required ? { required: true } : {}),
    ...(opts.placeholder ? { placeholder: { tag: 'plain_text', content: opts.placeholder } } : {}),
    // What was typed comes back whole, up to what the field holds (more could not be submitted as is).
    ...(opts.value
      ? {
          default_value: Array.from(opts.value)
            .slice(0, opts.maxLength ?? 1000)
            .join(''),
        }
      : {}),
    ...(opts.maxLength ? { max_length: opts.maxLength } : {}),
    ...(opts.multiline ? { input_type: 'multiline_text', rows: 3 } : {}),
  };
}

export interface Option {
  value: string;
  text: string;
}

export function selectStatic(
  name: string,
  options: Option[],
  opts: { placeholder?: string; value?: string; required?: boolean } = {},
): El {
  return {
    tag: 'select_static',
    name,
    // In a form, the Feishu client itself refuses to submit a required field left empty ("有必填项未填写").
    ...(opts.required ? { required: true } : {}),
    ...(opts.placeholder ? { placeholder: { tag: 'plain_text', content: opts.placeholder } } : {}),
    options: options.map((o) => ({ text: { tag: 'plain_text', content: o.text }, value: o.value })),
    ...(opts.value && options.some((o) => o.value === opts.value) ? { initial_option: opts.value } : {}),
  };
}

export function multiSelectStatic(
  name: string,
  options: Option[],
  opts: { placeholder?: string; values?: string[]; required?: boolean } = {},
): El {
  return {
    tag: 'multi_select_static',
    name,
    // Unlike the other fields, a multi-select is required unless told otherwise (documented default true).
    required: opts.required ?? false,
    ...(opts.placeholder ? { placeholder: { tag: 'plain_text', content: opts.placeholder } } : {}),
    options: options.map((o) => ({ text: { tag: 'plain_text', content: o.text }, value: o.value })),
    // Feishu refuses a selected value that is not an option (a refused form may echo a foreign one).
    ...(opts.values?.some((v) => options.some((o) => o.value === v))
      ? { selected_values: opts.values.filter((v) => options.some((o) => o.value === v)) }
      : {}),
  };
}

export function selectPerson(
  name: string,
  candidates: string[],
  opts: { placeholder?: string; value?: string } = {},
): El {
  return {
    tag: 'select_person',
    name,
    ...(opts.placeholder ? { placeholder: { tag: 'plain_text', content: opts.placeholder } } : {}),
    ...(candidates.length ? { options: candidates.map((value) => ({ value })) } : {}),
    ...(opts.value ? { initial_option: opts.value } : {}),
  };
}

export function datePicker(name: string, opts: { value?: string; placeholder?: string; required?: boolean } = {}): El {
  return {
    tag: 'date_picker',
    name,
    // In a form, the Feishu client itself refuses to submit a required field left empty ("有必填项未填写").
    ...(opts.required ? { required: true } : {}),
    ...(opts.placeholder ? { placeholder: { tag: 'plain_text', content: opts.placeholder } } : {}),
    ...(opts.value && /^\d{4}-\d{2}-\d{2}$/.test(opts.value) ? { initial_date: opts.value } : {}),
  };
}

export function table(
  columnsDef: Array<{ name: string; label: string; type?: 'text' | 'number' | 'lark_md' }>,
  rows: Array<Record<string, string | number>>,
  pageSize = 10,
): El {
  return {
    tag: 'table',
    page_size: Math.min(10, Math.max(1, pageSize)),
    columns: columnsDef.map((c) => ({ name: c.name, display_name: c.label, data_type: c.type ?? 'text' })),
    // `text` cells are plain text to Feishu; a `lark_md` cell is markdown, so its text is escaped.
    rows: rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'string' && columnsDef.find((c) => c.name === k)?.type === 'lark_md' ? escapeMd(v) : v,
        ]),
      ),
    ),
  };
}

/** Counts components, for staying under Feishu's 200-element limit. */
export function countElements(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countElements(x), 0);
  if (!node || typeof node !== 'object') return 0;
  const o = node as Record<string, unknown>;
  let n = typeof o.tag === 'string' && o.tag !== 'plain_text' && o.tag !== 'lark_md' ? 1 : 0;
  for (const v of Object.values(o)) if (v && typeof v === 'object') n += countElements(v);
  return n;
}

import { z } from 'zod';
import { normalizePhone } from '../clients/phone.js';
import { FormError } from '../shared/errors.js';
import { parseCalendarDate } from './form-dates.js';
import { parseAmount } from './form-values.js';
import { dynamicKey, type MessageKey } from '../../i18n/index.js';

/**
 * Form validation with zod. Every field arrives as text (Feishu's form_value: inputs, selects and
 * date pickers are strings). Each field is optional at the schema level; a value that is present but
 * wrong fails with a message key naming the fix. Which empty fields are fatal and which only make
 * the form incomplete (R-FORM-1) is decided by `parseForm`.
 */
type Issue = { key: MessageKey; params?: Record<string, string | number> };

function fail(ctx: z.RefinementCtx, issue: Issue): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: issue.key, params: issue.params ?? {} });
  return z.NEVER;
}

/** Trimmed text; empty → undefined. */
const blank = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  z.string().optional(),
);

export const f = {
  text: (max: number) =>
    blank.transform((v, ctx) =>
      v !== undefined && v.length > max ? fail(ctx, { key: 'form.err.too_long', params: { max } }) : v,
    ),

  phone: () =>
    blank.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const p = normalizePhone(v);
      return p.ok ? p.value : fail(ctx, { key: 'form.err.phone', params: { value: v.slice(0, 30) } });
    }),

  choice: <T extends string>(values: readonly T[]) =>
    blank.transform((v, ctx) =>
      v === undefined
        ? undefined
        : (values as readonly string[]).includes(v)
          ? (v as T)
          : fail(ctx, { key: 'form.err.choice' }),
    ),

  /** A fixed calendar date; `min`/`max` are YYYY-MM-DD bounds with their own messages. */
  date: (o: {
    today: string;
    min?: { date: string; key: MessageKey };
    max?: { date: string; key: MessageKey };
    preferFuture?: boolean;
  }) =>
    blank.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const r = parseCalendarDate(v, o.today, { preferFuture: o.preferFuture ?? false });
      if (!r.ok)
        return fail(ctx, {
          key: r.reason === 'format' ? 'form.err.date_format' : 'form.err.date_unreal',
          params: { value: v.slice(0, 20), ...dateExamples(o) },
        });
      if (o.min && r.date < o.min.date) return fail(ctx, { key: o.min.key, params: { date: o.min.date } });
      if (o.max && r.date > o.max.date) return fail(ctx, { key: o.max.key, params: { date: o.max.date } });
      return r.date;
    }),

  amount: (max: number) =>
    blank.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const r = parseAmount(v);
      if (!r.ok)
        return fail(ctx, {
          key: r.reason === 'format' ? 'form.err.amount_format' : 'form.err.amount_positive',
          params: { value: v.slice(0, 20) },
        });
      return r.value > max ? fail(ctx, { key: 'form.err.amount_too_large', params: { max } }) : r.value;
    }),

  int: (min: number, max: number) =>
    blank.transform((v, ctx) => {
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v)) return fail(ctx, { key: 'form.err.int_format', params: { min, max } });
      const n = Number(v);
      return n < min || n > max ? fail(ctx, { key: 'form.err.int_range', params: { min, max } }) : n;
    }),

  /** Contract numbers: letters, digits and - _ / #, case-folded, spaces dropped. */
  contractNo: () =>
    blank.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const s = v.replace(/\s+/g, '').toUpperCase();
      return /^[\p{L}\p{N}\-_/#]{3,50}$/u.test(s)
        ? s
        : fail(ctx, { key: 'form.err.contract_no', params: { value: v.slice(0, 30) } });
    }),
};

export interface FormSpec<S extends z.ZodRawShape> {
  shape: S;
  /** Without these the form cannot be stored at all: the form comes back. */
  essential: ReadonlyArray<keyof S & string>;
  /** The rulebook's required fields: stored anyway, but marked incomplete (R-FORM-1). */
  required: ReadonlyArray<keyof S & string>;
}

/** Declares a form with its field kinds inferred. */
export function defineForm<S extends z.ZodRawShape>(spec: FormSpec<S>): FormSpec<S> {
  return spec;
}

export interface Parsed<S extends z.ZodRawShape> {
  values: z.infer<z.ZodObject<S>>;
  /** Required fields left empty. */
  missing: string[];
  /** What was typed, for echoing back. */
  raw: Record<string, string>;
}

/** The most a Feishu input holds (input.max_length is 1–1000): what a real client can have typed. */
export const MAX_TYPED = 1000;

/**
 * Only the form's own string fields are read; anything else in form_value is ignored. A value is kept
 * whole up to what an input can hold, so a form that comes back shows every character typed.
 */
export function rawStrings(
  formValue: Record<string, unknown> | undefined,
  fields: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of fields) {
    const v = formValue?.[k];
    if (typeof v === 'string') out[k] = Array.from(v).slice(0, MAX_TYPED).join('');
    else if (typeof v === 'number') out[k] = String(v);
  }
  return out;
}

/** Validates a submitted form: throws FormError (every bad field at once) or returns values and missing fields. */
export function parseForm<S extends z.ZodRawShape>(
  spec: FormSpec<S>,
  formValue: Record<string, unknown> | undefined,
): Parsed<S> {
  const raw = rawStrings(formValue, Object.keys(spec.shape));
  const result = z.object(spec.shape).safeParse(raw);
  const fields: Record<string, Issue> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (fields[name]) continue;
      const params = (issue as { params?: Record<string, string | number> }).params;
      fields[name] = {
        // A custom issue's message is the key its check named (fail() above), so it is one of ours.
        key: issue.code === 'custom' ? dynamicKey(issue.message) : 'form.err.invalid',
        ...(params ? { params } : {}),
      };
    }
  }
  const values = (result.success ? result.data : {}) as Record<string, unknown>;
  for (const name of spec.essential) {
    if (
      !fields[name] &&
      (result.success ? values[name] === undefined : raw[name] === undefined || raw[name]!.trim() === '')
    )
      fields[name] = { key: 'form.err.required' };
  }
  if (Object.keys(fields).length > 0) throw new FormError(fields, raw);
  const missing = spec.required.filter((name) => values[name] === undefined);
  return { values: values as Parsed<S>['values'], missing, raw };
}

/**
 * The example in a date message is a date the field would accept, counted from today: a fixed
 * example goes stale and, once in the past, is itself refused.
 */
function dateExamples(o: { today: string; min?: { date: string }; max?: { date: string } }): {
  example: string;
  exampleZh: string;
} {
  const from = o.max && !o.min ? o.max.date : o.min && o.min.date > o.today ? o.min.date : o.today;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d + (o.max && !o.min ? 0 : 7)));
  return { example: at.toISOString().slice(0, 10), exampleZh: `${at.getUTCMonth() + 1}月${at.getUTCDate()}日` };
}

import backbone from './catalog/backbone.js';
import outbox from './catalog/outbox.js';
import forms from './catalog/forms.js';
import reception from './catalog/reception.js';
import visits from './catalog/visits.js';
import jobs from './catalog/jobs.js';
import targets from './catalog/targets.js';
import phoneReveal from './catalog/phone-reveal.js';
import day from './catalog/day.js';
import pool from './catalog/pool.js';
import calls from './catalog/calls.js';
import units from './catalog/units.js';
import approvals from './catalog/approvals.js';
import review from './catalog/review.js';

/**
 * Every text a user reads, in one catalog, in Simplified Chinese (one file per feature).
 * Features add a catalog file and one line below.
 */
export type Locale = 'zh_cn';
export interface Catalog {
  zh_cn: Record<string, string>;
}

const catalogs = [
  backbone,
  visits,
  jobs,
  outbox,
  reception,
  forms,
  targets,
  phoneReveal,
  day,
  pool,
  calls,
  units,
  approvals,
  review,
] as const;

/** Every message key there is: a key that is not in a catalogue does not compile. */
export type MessageKey = (typeof catalogs)[number] extends infer C
  ? C extends { zh_cn: infer Z }
    ? keyof Z & string
    : never
  : never;

const merged: Record<Locale, Record<string, string>> = { zh_cn: {} };
for (const c of catalogs) {
  Object.assign(merged.zh_cn, c.zh_cn);
}

export type Params = Record<string, string | number>;

/**
 * A key computed at run time (a status, a field or rule name). The compiler cannot check it; the catalogue
 * test (tests/unit/i18n/catalog-keys.test.ts) does, by its fixed prefix.
 */
export const dynamicKey = (key: string): MessageKey => key as MessageKey;

/** `t('admin.saved', { name: '张三', roles: '招商员' })` → 已保存：张三 — 招商员. Unknown keys come back as the key, so a gap shows. */
export function t(key: MessageKey, params: Params = {}, locale: Locale = 'zh_cn'): string {
  const template = merged[locale][key] ?? merged.zh_cn[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}

export function hasMessage(key: string): boolean {
  return key in merged.zh_cn;
}

export function allKeys(locale: Locale = 'zh_cn'): string[] {
  return Object.keys(merged[locale]);
}

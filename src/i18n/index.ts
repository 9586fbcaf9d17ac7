import common from './catalog/common.js';
import admin from './catalog/admin.js';
import approvals from './catalog/approvals.js';
import calendar from './catalog/calendar.js';
import calls from './catalog/calls.js';
import clients from './catalog/clients.js';
import day from './catalog/day.js';
import digests from './catalog/digests.js';
import feedback from './catalog/feedback.js';
import fieldVisits from './catalog/field-visits.js';
import forms from './catalog/forms.js';
import jobs from './catalog/jobs.js';
import kpi from './catalog/kpi.js';
import materials from './catalog/materials.js';
import outboxAdmin from './catalog/outbox-admin.js';
import pool from './catalog/pool.js';
import reception from './catalog/reception.js';
import review from './catalog/review.js';
import revisits from './catalog/revisits.js';
import targets from './catalog/targets.js';
import tiers from './catalog/tiers.js';
import units from './catalog/units.js';

/**
 * Every text a user reads, in one catalog, in Simplified Chinese. One file per feature, named as its router
 * (`src/bot/features/<feature>.ts`) or its domain folder; texts every feature shares are in common.ts, scheduled
 * reports no single feature owns in digests.ts. Features add a catalog file and one line below.
 */
export type Locale = 'zh_cn';
export interface Catalog {
  zh_cn: Record<string, string>;
}

const catalogs = [
  common,
  admin,
  approvals,
  calendar,
  calls,
  clients,
  day,
  digests,
  feedback,
  fieldVisits,
  forms,
  jobs,
  kpi,
  materials,
  outboxAdmin,
  pool,
  reception,
  review,
  revisits,
  targets,
  tiers,
  units,
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

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
/** Simplified Chinese only: everything a user reads is written for the department, in one catalogue. */
export type Locale = 'zh_cn';
export interface Catalog {
  zh_cn: Record<string, string>;
}

const catalogs: Catalog[] = [backbone, visits, jobs];
catalogs.push(outbox);
catalogs.push(reception);
catalogs.push(forms);
catalogs.push(targets);
catalogs.push(phoneReveal);
catalogs.push(day);
catalogs.push(pool);
catalogs.push(calls);
catalogs.push(units);
catalogs.push(approvals);
catalogs.push(review);

const merged: Record<Locale, Record<string, string>> = { zh_cn: {} };
for (const c of catalogs) {
  Object.assign(merged.zh_cn, c.zh_cn);
}

export type Params = Record<string, string | number>;

/** `t('admin.saved', { name: '张三', roles: '招商员' })` → 已保存：张三 — 招商员. Unknown keys come back as the key, so a gap shows. */
export function t(key: string, params: Params = {}, locale: Locale = 'zh_cn'): string {
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

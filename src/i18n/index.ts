/**
 * Every text a user reads, in Simplified Chinese: one catalogue file per feature in `catalog/`, named as the
 * feature (texts every feature shares are in common.ts). Each file adds its keys to `Messages` (declaration
 * merging), so `MessageKey` is every key there is and a key that is in no catalogue does not compile; at run
 * time the features install their catalogues (src/features/index.ts) — there is no list here to keep.
 */
export type Locale = 'zh_cn';
export interface Catalog {
  zh_cn: Record<string, string>;
}

/** Filled by each catalogue file: `declare module '../index.js' { interface Messages extends Texts {} }`. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each catalogue file through declaration merging
export interface Messages {}

/** Every message key there is. */
export type MessageKey = keyof Messages & string;

const merged: Record<Locale, Record<string, string>> = { zh_cn: {} };

/**
 * Makes the catalogues' texts available to `t`. A key in two catalogues is a mistake that would make one
 * feature's text silently replace another's: refused, naming the key.
 */
export function installCatalogs(catalogs: readonly Catalog[]): void {
  const texts: Record<string, string> = {};
  for (const c of catalogs) {
    for (const [key, text] of Object.entries(c.zh_cn)) {
      if (key in texts && texts[key] !== text) throw new Error(`message key '${key}' is in two catalogues`);
      texts[key] = text;
    }
  }
  merged.zh_cn = texts;
}

export type Params = Record<string, string | number>;

/**
 * A key computed at run time (a status, a field or rule name). The compiler cannot check it; the catalogue
 * test (tests/i18n/catalog-keys.test.ts) does, by its fixed prefix.
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

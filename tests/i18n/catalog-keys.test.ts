import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKeys, hasMessage } from '../../src/i18n/index.js';

/**
 * The catalogue and the code agree: every message key the code names exists (a typo would show the
 * raw key to a user), and every key in the catalogue is used by the code (no dead text to translate
 * and keep true). Keys built at run time (`export.val.${group}.${code}`) are matched by their fixed prefix.
 */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|js)$/.test(f) ? [p] : [];
  });
const code = sources('src')
  .filter((f) => !f.includes('/i18n/catalog/'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** Words the code quotes that look like keys (`a.b`, `a.b_c.d`): literals passed to t/tmd/ttext, or keys in tables. */
const quoted = new Set([...code.matchAll(/['"`]([a-z][a-z0-9_]*(?:\.[a-zA-Z0-9_-]+)+)['"`]/g)].map((m) => m[1]!));
/** The fixed part of keys built at run time: `prefix.${…}` or `prefix_${…}`. */
const prefixes = [...code.matchAll(/`([a-z][a-z0-9_.]*[._])\$\{/g)].map((m) => m[1]!);
const keys = allKeys();

describe('the message catalogue', () => {
  it('names no key that does not exist', () => {
    // Where the code hands a key to the catalogue: t/tmd/ttext calls, refusals, and the *Key fields.
    const named = [
      ...code.matchAll(
        /\b(?:t|tmd|ttext|i18n|invalidInput|invalidState|forbidden|notFound|conflict)\(\s*'([a-z][a-z0-9_.-]+)'/g,
      ),
      ...code.matchAll(/\b(?:labelKey|titleKey|messageKey|key):\s*'([a-z][a-z0-9_]*\.[a-z0-9_.-]+)'/g),
    ].map((m) => m[1]!);
    const missing = [...new Set(named)].filter((k) => !hasMessage(k));
    expect(missing).toEqual([]);
  });

  it('holds no key the code never uses', () => {
    const unused = keys.filter((k) => !quoted.has(k) && !prefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });
});

import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../src/shared/project-root.js';

/**
 * tests/ mirrors src/: a test sits at the path of the source file (or folder) it tests, with `src/`
 * replaced by `tests/`, and its kind is its suffix (`.test.ts` pure, `.db.test.ts` on a real database,
 * `.e2e.test.ts` through the running service, `.browser.test.ts` in Chromium; vitest.config.ts picks
 * the project by suffix). So a newcomer finds the tests of src/domain/tiers/tier.rules.ts in
 * tests/domain/tiers/, starting with `tier.rules`.
 */

/** Longest first: the kind is the whole suffix, the rest of the name says what is tested. */
const KINDS = ['.browser.test.ts', '.e2e.test.ts', '.db.test.ts', '.test.ts'];
/** Shared support, not tests of one place in src/. */
const SUPPORT = ['helpers', 'fakes'];
/** What sits at the root rather than in src/: settings, the Dockerfile, and this rule itself. */
const TOP_LEVEL = ['config.test.ts', 'deployment.test.ts', 'layout.test.ts'];

const src = projectPath('src');
const tests = projectPath('tests');

/** Every file under `dir`, relative to it, with `/` separators; dot folders (tests/.tmp) skipped. */
function files(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under)).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const rel = under ? `${under}/${name}` : name;
    return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
  });
}

/** A source file's stem: `domain/tiers/tier.rules.ts` → `tier.rules` (code only: .ts, and the console's .js). */
const sourceStems = files(src)
  .filter((f) => /\.(ts|js)$/.test(f))
  .map((f) => ({ folder: dirname(f), stem: basename(f).replace(/\.(ts|js)$/, ''), file: `src/${f}` }));

/** What a test's name says it tests: `pool.recall-detail.e2e.test.ts` → `pool.recall-detail`. */
function testedName(file: string): string {
  const name = basename(file);
  const kind = KINDS.find((k) => name.endsWith(k))!;
  return name.slice(0, -kind.length);
}

/** Where a test belongs, or undefined when it is in its place. */
function misplaced(file: string): string | undefined {
  const folder = dirname(file);
  const name = testedName(file);
  // A name that is a source file's stem, or starts with one and a dot (`approval.service.sweep-once`).
  const named = sourceStems
    .filter((s) => name === s.stem || name.startsWith(`${s.stem}.`))
    .sort((a, b) => b.stem.length - a.stem.length);
  const folderExists = existsSync(join(src, folder)) && statSync(join(src, folder)).isDirectory();
  if (folderExists && (named.length === 0 || named.some((s) => s.folder === folder))) return undefined;
  if (named.length > 0) {
    const longest = named.filter((s) => s.stem === named[0]!.stem);
    const where = longest.map((s) => `tests/${s.folder === '.' ? '' : `${s.folder}/`}${basename(file)}`);
    const why = longest.map((s) => s.file).join(' or ');
    const rename = folderExists ? `, or name it after the file in src/${folder}/ it tests` : '';
    return `tests/${file} is named after ${why}: move it to ${where.join(' or ')}${rename}`;
  }
  return (
    `tests/${file}: there is no src/${folder}/; move it to tests/<folder of what it tests>/ ` +
    `(src/domain/tiers/ → tests/domain/tiers/), named after the file it tests (tier.rules.test.ts)`
  );
}

describe('the test tree mirrors src/', () => {
  const all = files(tests).filter((f) => f.endsWith('.test.ts'));
  const checked = all.filter((f) => !SUPPORT.includes(f.split('/')[0]!) && !TOP_LEVEL.includes(f));

  it('finds the tests (the walk itself works)', () => {
    expect(all).toContain('layout.test.ts');
    expect(checked.length).toBeGreaterThan(100);
  });

  it('every test sits in a folder that exists under src/, next to the file its name starts with', () => {
    const problems = checked.map(misplaced).filter((p) => p !== undefined);
    expect(problems, `tests out of place:\n${problems.join('\n')}`).toEqual([]);
  });

  it('no test files in shared support folders', () => {
    const inSupport = all.filter((f) => SUPPORT.includes(f.split('/')[0]!));
    expect(inSupport, 'tests/helpers and tests/fakes hold support code, not tests').toEqual([]);
  });

  it('knows where a misplaced test belongs', () => {
    expect(misplaced('unit/visits/tier.rules.test.ts')).toBe(
      'tests/unit/visits/tier.rules.test.ts is named after src/domain/tiers/tier.rules.ts: move it to tests/domain/tiers/tier.rules.test.ts',
    );
    expect(misplaced('bot/tier.rules.test.ts')).toMatch(
      /move it to tests\/domain\/tiers\/tier\.rules\.test\.ts, or name it after the file in src\/bot\/ it tests$/,
    );
    expect(misplaced('integration/visits/tiers-materials.test.ts')).toMatch(/no src\/integration\/visits\//);
    expect(misplaced('bot/features/pool.recall-detail.e2e.test.ts')).toBeUndefined();
    expect(misplaced('domain/tiers/tier.rules.test.ts')).toBeUndefined();
  });
});

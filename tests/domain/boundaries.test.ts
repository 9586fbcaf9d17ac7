/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/**
 * Biome refuses `import … from 'typeorm'` (and sub-paths) in the domain; what it cannot see are module names in
 * other places: an inline type `import('typeorm').EntityManager`, or `createRequire(import.meta.url)('koa')`.
 * The domain's source must not name a framework at all.
 */
const sources = import.meta.glob<string>('../../src/domain/**/*.ts', { eager: true, query: '?raw', import: 'default' });
const FRAMEWORK = /['"`](typeorm|koa|@koa\/[\w-]+|@larksuiteoapi\/[\w-]+|mysql2|better-sqlite3)(\/[^'"`]*)?['"`]/;

describe('the domain names no framework', () => {
  it('no source file under src/domain mentions TypeORM, Koa, the Lark SDK or a database driver as a module', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const offenders = Object.entries(sources)
      .filter(([, text]) => FRAMEWORK.test(text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});

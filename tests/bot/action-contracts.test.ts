/// <reference types="vite/client" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Buttons and their handlers agree: every action a card puts in a button value (`{ a: 'x', … }`) has a
 * handler (`r.action('x', …)`), and every handler can be reached — its action name is sent by some card.
 * A typo on either side, or a handler nothing reaches, fails here.
 */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return f.endsWith('.ts') ? [p] : [];
  });
// Comments may quote examples (`{ a: 'form.x.open' }`): only code counts.
const code = sources('src')
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/^\s*\/\/.*$/gm, '')
  // A feature's declaration of its actions names each once more: it is neither a handler nor a sender.
  .replace(/export const ACTIONS = \[[^\]]*\] as const;/g, '');

const registrations = [
  ...[...code.matchAll(/r\.action\(\s*'([a-z][a-z0-9._]+)'/g)].map((m) => m[1]!),
  ...[...code.matchAll(/r\.action\(\s*\[([^\]]+)\]/g)].flatMap((m) =>
    [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!),
  ),
  // The menu's buttons are read by the help feature before the router's actions.
  ...[...code.matchAll(/a: z\.literal\('([a-z][a-z0-9._]+)'\)/g)].map((m) => m[1]!),
];
const handled = new Set(registrations);

/** Every bot feature's declared actions (`export const ACTIONS = [...] as const` in its router file). */
const declaring = Object.entries(
  import.meta.glob<{ ACTIONS?: readonly string[] }>('../../src/bot/features/**/*.ts', { eager: true }),
).flatMap(([file, m]) => (m.ACTIONS ?? []).map((action) => ({ action, file })));
const ACTIONS = declaring.map((d) => d.action);
const sent = new Set([...code.matchAll(/\ba: '([a-z][a-z0-9._]+)'/g)].map((m) => m[1]!));
const mentions = (name: string) => code.split(`'${name}'`).length - 1;

describe('button actions', () => {
  it('every action a card sends has a handler', () => {
    expect([...sent].filter((a) => !handled.has(a))).toEqual([]);
  });

  it('every handler is reached by some card (its name is sent, directly or through a picker)', () => {
    // Registered once; any other mention in code is a sender (a button value or a picker's action table).
    expect([...handled].filter((a) => !sent.has(a) && mentions(a) < 2)).toEqual([]);
  });

  it("the features' declared actions (which cards and the router are typed against) are exactly the handled ones", () => {
    expect(ACTIONS.filter((a) => !handled.has(a))).toEqual([]);
    expect([...handled].filter((a) => !ACTIONS.includes(a))).toEqual([]);
  });

  it('each action is declared once, by the router file that handles it', () => {
    expect(declaring.filter((d, i) => ACTIONS.indexOf(d.action) !== i)).toEqual([]);
    const handler = (action: string) =>
      Object.entries(
        import.meta.glob<string>('../../src/bot/features/**/*.ts', { eager: true, query: '?raw', import: 'default' }),
      ).find(([, text]) => new RegExp(`action\\(\\s*'${action.replace(/\./g, '\\.')}'`).test(text))?.[0];
    // The menu's button is read by the help feature's middleware, not by r.action.
    const misplaced = declaring.filter((d) => d.action !== 'menu.run' && handler(d.action) !== d.file);
    expect(misplaced).toEqual([]);
  });

  it('no action is handled twice', () => {
    expect(registrations.filter((a, i) => registrations.indexOf(a) !== i && !a.startsWith('menu.'))).toEqual([]);
  });
});

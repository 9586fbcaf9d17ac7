/// <reference types="vite/client" />
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { allJobs, features, routers, schema } from '../../src/features/index.js';
import { noJobPorts } from '../../src/jobs/ports.js';
import type { Catalog } from '../../src/i18n/index.js';

const root = new URL('../../', import.meta.url);
const exists = (path: string) => existsSync(new URL(path, root));

const catalogFiles = import.meta.glob<{ default: Catalog }>('../../src/i18n/catalog/*.ts', { eager: true });
const migrationFiles = import.meta.glob<Record<string, unknown>>('../../migrations/17*.ts', { eager: true });
const entityFiles = import.meta.glob<Record<string, unknown>>('../../src/persistence/entities/*.entities.ts', {
  eager: true,
});

const all = features as readonly (typeof features)[number][];
const owners = <T>(pick: (f: (typeof features)[number]) => readonly T[] | undefined, item: T) =>
  all.filter((f) => pick(f)?.includes(item)).map((f) => f.name);

describe('the feature list (src/features/index.ts): every part of every feature is registered exactly once', () => {
  it('every catalogue file belongs to exactly one feature', () => {
    for (const [file, mod] of Object.entries(catalogFiles)) {
      expect(
        owners((f) => ('catalogs' in f ? f.catalogs : undefined), mod.default),
        file,
      ).toHaveLength(1);
    }
  });

  it('every migration in migrations/ belongs to exactly one feature, and they run in timestamp order', () => {
    const classes = Object.values(migrationFiles).flatMap((m) => Object.values(m));
    expect(classes.length).toBeGreaterThan(20);
    for (const c of classes) {
      expect(
        owners((f) => ('migrations' in f ? (f.migrations as readonly unknown[]) : undefined), c),
        String((c as { name: string }).name),
      ).toHaveLength(1);
    }
    expect(schema.migrations).toHaveLength(classes.length);
  });

  it('every table mapping in src/persistence/entities belongs to exactly one feature', () => {
    const mapped = Object.values(entityFiles).flatMap((m) =>
      Object.entries(m)
        .filter(([name]) => name.endsWith('Entities'))
        .flatMap(([, list]) => list as unknown[]),
    );
    const name = (e: unknown) => (e as { options: { name: string } }).options.name;
    expect(new Set(schema.entities).size).toBe(schema.entities.length);
    expect(schema.entities.map(name).sort()).toEqual(mapped.map(name).sort());
  });

  it('each feature is found by its name in every layer: module, router, catalogue, domain folder, cards, tables', () => {
    // Shared parts that are not one feature's: core (audit, settings, common texts) and help (the menu).
    const shared = new Set(['core', 'help']);
    for (const f of all) {
      expect(exists(`src/features/${f.name}.feature.ts`), `src/features/${f.name}.feature.ts`).toBe(true);
      if (shared.has(f.name)) continue;
      const router = exists(`src/bot/features/${f.name}.ts`) || exists(`src/bot/features/${f.name}/`);
      expect(router, `src/bot/features/${f.name}.ts (or a folder of that name)`).toBe(true);
      expect(exists(`src/i18n/catalog/${f.name}.ts`), `src/i18n/catalog/${f.name}.ts`).toBe(true);
      // Delivery's domain part is the outbox port in domain/shared; its machinery is src/delivery/.
      const domain = f.name === 'delivery' ? 'src/delivery/' : `src/domain/${f.name}/`;
      expect(exists(domain), domain).toBe(true);
      const cards = `src/bot/cards/${f.name.replace(/s$/, '')}-cards.ts`;
      expect(exists(cards), cards).toBe(true);
      // Delivery's tables are the inbox and the outbox, each in its own file.
      if ('entities' in f && f.name !== 'delivery') {
        expect(exists(`src/persistence/entities/${f.name}.entities.ts`), `${f.name}.entities.ts`).toBe(true);
      }
    }
  });

  it("every router in src/bot/features is in exactly one feature's routers", () => {
    const routerFiles = import.meta.glob<Record<string, unknown>>('../../src/bot/features/**/*.ts', { eager: true });
    const sources = import.meta.glob<string>('../../src/bot/features/**/*.ts', {
      eager: true,
      query: '?raw',
      import: 'default',
    });
    for (const [file, m] of Object.entries(routerFiles)) {
      // A file that builds a Router exports it as `<name>Feature`, so the check below cannot miss it.
      if (sources[file]?.includes('new Router()')) {
        expect(
          Object.keys(m).filter((e) => e.endsWith('Feature')),
          `${file} builds a Router: export it as <name>Feature`,
        ).not.toEqual([]);
      }
      for (const [exported, value] of Object.entries(m)) {
        if (!exported.endsWith('Feature') || typeof value !== 'function') continue;
        const users = all.filter((f) => 'routers' in f && (f.routers as readonly unknown[]).includes(value));
        expect(
          users.map((f) => f.name),
          `${exported} (${file})`,
        ).toHaveLength(1);
      }
    }
  });

  it('feature names are unique, and the routers follow the list order (help first: menu buttons become commands)', () => {
    expect(new Set(all.map((f) => f.name)).size).toBe(all.length);
    expect(routers[0]).toBe(all.find((f) => f.name === 'help')?.routers?.[0]);
    expect(routers).toEqual(all.flatMap((f) => ('routers' in f ? [...f.routers] : [])));
  });

  it('every scheduled job has its default cron in config/settings.json, and the admin sees them in that order', () => {
    const settings = loadConfig({}).settings;
    const jobs = allJobs({ ports: noJobPorts, settings, pruneInbox: async () => 0 });
    expect(jobs.map((j) => j.name)).toEqual(Object.keys(settings.schedules));
    for (const j of jobs) expect(settings.schedules[j.name], j.name).toBe(j.defaultCron);
  });
});

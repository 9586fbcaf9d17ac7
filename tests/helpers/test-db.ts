import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/config.js';
import { openDatabase, runMigrations } from '../../src/persistence/data-source.js';
import { Database } from '../../src/persistence/database.js';
import { schema } from '../../src/features/index.js';

export type TestDialect = 'sqlite' | 'mariadb';

/** Which database this vitest project runs on (see vitest.config.ts). */
export function testDialect(): TestDialect {
  return process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';
}

export const MARIADB_URL = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

/** A fresh, migrated database of its own for one test file: a temp SQLite file, or a new MariaDB schema. */
export function freshDatabaseConfig(): DatabaseConfig & { cleanup: () => void } {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (testDialect() === 'mariadb') {
    return { type: 'mysql', url: `${MARIADB_URL}/zs_t_${id}`, cleanup: () => undefined };
  }
  const dir = join(tmpdir(), 'zhaoshang-tests');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `t_${id}.sqlite`);
  return {
    type: 'sqlite',
    path,
    cleanup: () => ['', '-wal', '-shm'].forEach((s) => rmSync(path + s, { force: true })),
  };
}

/** Drops a test's own MariaDB schema (named in its URL). */
export async function dropMysqlDatabase(url: string): Promise<void> {
  const { createConnection } = await import('mysql2/promise');
  const u = new URL(url);
  const conn = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username || 'root' });
  await conn.query(`DROP DATABASE IF EXISTS \`${u.pathname.slice(1)}\``);
  await conn.end();
}

export interface TestDb {
  db: Database;
  ds: DataSource;
  config: DatabaseConfig;
  /** Empties every table but the migrations record. */
  truncate(): Promise<void>;
  close(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const config = freshDatabaseConfig();
  const ds = await openDatabase(config, schema);
  await runMigrations(ds);
  const db = new Database(ds);
  return {
    db,
    ds,
    config,
    truncate: async () => {
      for (const meta of ds.entityMetadatas) await ds.query(`DELETE FROM ${ds.driver.escape(meta.tableName)}`);
    },
    close: async () => {
      if (config.type === 'mysql') {
        const name = new URL(config.url).pathname.slice(1);
        await ds.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
      }
      await ds.destroy();
      config.cleanup();
    },
  };
}

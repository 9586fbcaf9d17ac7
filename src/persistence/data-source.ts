import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config.js';
import { migrations } from '../../migrations/index.js';
import { entities } from './entities/index.js';

export type Dialect = 'mysql' | 'sqlite';

/** One DataSource for both dialects; never `synchronize` — the schema comes from migrations only. */
export function createDataSource(db: DatabaseConfig): DataSource {
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: db.path,
      entities,
      migrations,
      synchronize: false,
      migrationsTransactionMode: 'each',
      // WAL lets readers go on while the single writer commits; busy_timeout waits instead of failing.
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
      },
    });
  }
  return new DataSource({
    type: 'mysql',
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities,
    migrations,
    synchronize: false,
    migrationsTransactionMode: 'each',
    extra: { connectionLimit: 20 },
  });
}

export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
}

/** Creates the MySQL database named in the URL if it is missing (first boot on a fresh server). */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database: use mysql://user:pass@host:3306/dbname');
  const { createConnection } = await import('mysql2/promise');
  const conn = await createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${name.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
}

/**
 * Runs pending migrations. On MySQL several instances may boot at once: an advisory lock held on
 * one connection makes the others wait and then find nothing left to do.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  if (dialectOf(ds) === 'sqlite') return (await ds.runMigrations()).map((m) => m.name);
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT GET_LOCK('zhaoshang_migrations', 120) AS got`);
    return (await ds.runMigrations()).map((m) => m.name);
  } finally {
    await lock.query(`SELECT RELEASE_LOCK('zhaoshang_migrations')`).catch(() => undefined);
    await lock.release();
  }
}

export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  if (db.type === 'mysql') await ensureMysqlDatabase(db.url);
  const ds = createDataSource(db);
  await ds.initialize();
  return ds;
}

import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import type { DatabaseConfig } from '../config.js';
import type { TxBuilder } from './tx-factory.js';

export type Dialect = 'mysql' | 'sqlite';

export type MigrationClass = new () => MigrationInterface;

/**
 * What a database is opened for: every table mapping, every migration (in any order: run by the timestamp in
 * the class name) and how one transaction's repositories are built. The features compose it
 * (`src/features/index.ts`); persistence does not know which features there are.
 */
export interface Schema {
  entities: readonly EntitySchema[];
  migrations: readonly MigrationClass[];
  buildTx: TxBuilder;
}

const schemas = new WeakMap<DataSource, Schema>();

/** The schema a DataSource was opened for: the unit of work binds its repositories. */
export function schemaOf(ds: DataSource): Schema {
  const schema = schemas.get(ds);
  if (!schema) throw new Error('this DataSource was not opened with createDataSource(config, schema)');
  return schema;
}

const timestampOf = (m: MigrationClass): number => Number(/(\d{13})$/.exec(m.name)?.[1] ?? Number.NaN);

/** Migrations by the timestamp their class name ends with; one without a timestamp is a mistake found at boot. */
export function migrationsInOrder(list: readonly MigrationClass[]): MigrationClass[] {
  const bad = list.filter((m) => Number.isNaN(timestampOf(m)));
  if (bad.length)
    throw new Error(`migration class names must end with a 13-digit timestamp: ${bad.map((m) => m.name)}`);
  return [...list].sort((a, b) => timestampOf(a) - timestampOf(b));
}

/** One DataSource for both dialects; never `synchronize` — the schema comes from migrations only. */
export function createDataSource(db: DatabaseConfig, schema: Schema): DataSource {
  const ds = createDataSourceFor(db, [...schema.entities], migrationsInOrder(schema.migrations));
  schemas.set(ds, schema);
  return ds;
}

function createDataSourceFor(db: DatabaseConfig, entities: EntitySchema[], migrations: MigrationClass[]): DataSource {
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

export async function openDatabase(db: DatabaseConfig, schema: Schema): Promise<DataSource> {
  if (db.type === 'mysql') await ensureMysqlDatabase(db.url);
  const ds = createDataSource(db, schema);
  await ds.initialize();
  return ds;
}

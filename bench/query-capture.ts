import type { DataSource, Logger as OrmLogger } from 'typeorm';
import { createDataSource, ensureMysqlDatabase, runMigrations } from '../src/persistence/data-source.js';
import { schema } from '../src/features/index.js';

/**
 * A TypeORM logger that records every SELECT the service sends while `on`, with its parameters, so a
 * benchmark can count the queries and EXPLAIN each one (full scans are a miss even when the time is met).
 */
export class QueryCapture implements OrmLogger {
  on = false;
  readonly queries: Array<{ sql: string; params: unknown[] }> = [];
  logQuery(sql: string, params?: unknown[]) {
    if (this.on && /^\s*SELECT/i.test(sql)) this.queries.push({ sql, params: params ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/** A migrated MariaDB schema of the benchmark's own, whose queries the returned capture records while on. */
export async function openCapturedMysql(url: string): Promise<{ ds: DataSource; capture: QueryCapture }> {
  await ensureMysqlDatabase(url);
  const capture = new QueryCapture();
  const ds = createDataSource({ type: 'mysql', url }, schema);
  ds.setOptions({ logger: capture, logging: ['query'] });
  await ds.initialize();
  await runMigrations(ds);
  return { ds, capture };
}

export interface Plan {
  table: string;
  type: string;
  key: string | null;
  rows: number;
}

/**
 * MariaDB's plan of every captured query. `oncePerShape`: statements that differ only in the length of
 * an `IN (?, ?, …)` list (batches of ids) are explained once.
 */
export async function explainAll(ds: DataSource, capture: QueryCapture, oncePerShape = false): Promise<Plan[]> {
  const plans: Plan[] = [];
  const explained = new Set<string>();
  for (const q of capture.queries) {
    const shape = q.sql.replace(/\?(,\s*\?)*/g, '?');
    if (oncePerShape && explained.has(shape)) continue;
    explained.add(shape);
    for (const row of (await ds.query(`EXPLAIN ${q.sql}`, q.params)) as Plan[])
      plans.push({ table: row.table, type: row.type, key: row.key, rows: Number(row.rows) });
  }
  return plans;
}

/** A scan of a whole table that is not small: what a benchmark must never see. */
export const isFullScan = (p: Plan) => p.type === 'ALL' && p.rows > 1000;

/** Each table's access path once: `- table: type on key (≈rows examined)`. */
export function printPlans(plans: Plan[]): void {
  const seen = new Set<string>();
  for (const p of plans) {
    const k = `${p.table}:${p.key}:${p.type}`;
    if (seen.has(k)) continue;
    seen.add(k);
    console.log(`- ${p.table}: ${p.type} on ${p.key ?? '—'} (≈${p.rows.toLocaleString('en')} rows examined)`);
  }
}

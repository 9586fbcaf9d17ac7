import type { Logger as OrmLogger } from 'typeorm';

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

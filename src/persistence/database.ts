import type { DataSource } from 'typeorm';
import { dialectOf, type Dialect } from './data-source.js';
import { Mutex } from './mutex.js';

/**
 * The DataSource plus the rule for touching it. SQLite has one connection: a query issued while
 * another task's transaction is open would run inside that transaction, so on SQLite every piece
 * of work takes its turn through one queue. MySQL has a pool and needs no queue.
 */
export class Database {
  readonly dialect: Dialect;
  private readonly mutex: Mutex | undefined;

  constructor(readonly ds: DataSource) {
    this.dialect = dialectOf(ds);
    this.mutex = this.dialect === 'sqlite' ? new Mutex() : undefined;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.mutex ? this.mutex.runExclusive(work) : work();
  }

  async ping(): Promise<boolean> {
    try {
      await this.exclusive(() => this.ds.query('SELECT 1'));
      return true;
    } catch {
      return false;
    }
  }
}

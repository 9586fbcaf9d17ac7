import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import type { Tx, UnitOfWork } from '../../src/domain/shared/tx.js';
import type { Role } from '../../src/domain/members/roles.js';
import { SETTING_DEPARTMENT_CHAT } from '../../src/domain/shared/settings.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { Database } from '../../src/persistence/database.js';
import { TypeOrmUnitOfWork } from '../../src/persistence/unit-of-work.js';
import { createLogger } from '../../src/shared/logger.js';
import type { JobsFacade } from '../../src/jobs/facade.js';
import type { JobPorts } from '../../src/jobs/ports.js';
import type { SchedulerOptions } from '../../src/jobs/scheduler.js';
import { createJobs } from '../../src/jobs/wiring.js';
import type { TestDb } from '../helpers/test-db.js';
import { allJobs, schema } from '../../src/features/index.js';

/** Jobs tests: several scheduler "instances" on one database, with an injected clock and no node-cron. */
export const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export function jobsConfig(): AppConfig {
  return loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }) as AppConfig;
}

/**
 * A unit of work that can die like a process: once killed, the transaction in progress rolls back and
 * every later call fails. `outage()` true makes every call fail as a database outage would.
 */
export class KillableUow implements UnitOfWork {
  dead = false;
  private killAt: number | undefined;
  private calls = 0;

  constructor(
    private readonly inner: UnitOfWork,
    private readonly outage: () => boolean = () => false,
  ) {}

  /** Die on the n-th call from now (1 = the next one), inside its transaction, before it commits. */
  arm(n: number): void {
    this.killAt = this.calls + n;
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(new Error('instance is dead'));
    if (this.outage())
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }));
    this.calls++;
    const dieNow = this.killAt !== undefined && this.calls >= this.killAt;
    return this.inner.run(async (tx) => {
      const result = await work(tx);
      if (dieNow) {
        this.dead = true;
        throw new Error('killed -9');
      }
      return result;
    });
  }
}

export interface Instance {
  name: string;
  uow: KillableUow;
  jobs: JobsFacade;
}

/** One instance: its own DataSource on MariaDB (a real second pool); on SQLite the one shared connection. */
export class Cluster {
  private readonly extra: DataSource[] = [];
  constructor(
    readonly testDb: TestDb,
    readonly clock: Clock,
    readonly ports: Partial<JobPorts>,
    readonly outage: () => boolean = () => false,
    readonly options: Partial<SchedulerOptions> = {},
  ) {}

  private readonly pools = new Map<number, Database>();

  /** `slot`: which of the (MariaDB) pools the instance uses — a restarted instance reuses its slot's pool. */
  async instance(name: string, config = jobsConfig(), slot = 0): Promise<Instance> {
    let db = this.testDb.db;
    if (this.testDb.config.type === 'mysql') {
      let pooled = this.pools.get(slot);
      if (!pooled) {
        const ds = await openDatabase(this.testDb.config, schema);
        this.extra.push(ds);
        pooled = new Database(ds);
        this.pools.set(slot, pooled);
      }
      db = pooled;
    }
    const uow = new KillableUow(new TypeOrmUnitOfWork(db, this.clock), this.outage);
    const jobs = createJobs({
      config,
      jobs: allJobs,
      uow,
      clock: this.clock,
      log,
      pruneInbox: async () => 0,
      ports: this.ports,
      owner: name,
      trigger: () => ({ stop: () => undefined }),
      options: this.options,
    });
    return { name, uow, jobs };
  }

  async close(): Promise<void> {
    for (const ds of this.extra) if (ds.isInitialized) await ds.destroy();
  }
}

export async function seedDepartment(
  uow: UnitOfWork,
  people: Record<string, { name: string; roles: Role[] }>,
  chatId?: string,
): Promise<void> {
  await uow.run(async (tx) => {
    for (const [openId, p] of Object.entries(people))
      await tx.members.save({ openId, name: p.name, roles: p.roles, active: true, nameRefreshedAt: null });
    if (chatId) await tx.settings.set(SETTING_DEPARTMENT_CHAT, chatId);
  });
}

export async function outboxRows(
  ds: DataSource,
  likeKey = 'job:%',
): Promise<Array<{ dedupe_key: string; receive_id: string; content: string }>> {
  return ds.query(`SELECT dedupe_key, receive_id, content FROM outbox_message WHERE dedupe_key LIKE ? ORDER BY id`, [
    likeKey,
  ]);
}

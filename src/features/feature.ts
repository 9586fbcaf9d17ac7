import type { EntitySchema } from 'typeorm';
import type { Router } from '../bot/router.js';
import type { FeatureDeps, Services } from '../bot/services.js';
import type { AppConfig } from '../config.js';
import type { Catalog } from '../i18n/index.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/shared/tx.js';
import type { JobDeps } from '../jobs/deps.js';
import type { Job } from '../jobs/job.js';
import type { JobPorts } from '../jobs/ports.js';
import type { MigrationClass } from '../persistence/data-source.js';
import type { Database } from '../persistence/database.js';
import type { RepositoryBuilder } from '../persistence/tx-factory.js';
import type { Logger } from '../shared/logger.js';

/** What a feature's services are built from. */
export interface ServiceContext {
  config: AppConfig;
  clock: Clock;
  log: Logger;
  db: Database;
  uow: UnitOfWork;
  /**
   * A service another feature builds (built first if it is not yet). A service no feature builds, or two
   * features needing each other, is an error at boot that names them.
   */
  need<K extends keyof Services>(name: K): Services[K];
  /** The job ports every feature implements (`jobPorts`), for the scheduler. */
  jobPorts(): Partial<JobPorts>;
  /** Every feature's scheduled jobs (`jobs`), in the admin's order. */
  jobs(d: JobDeps): Job[];
}

/**
 * One feature, in one place: what it adds to each layer. The parts themselves live in their layers under the
 * feature's name (`src/domain/<name>/`, `src/persistence/…/<name>…`, `src/bot/features/<name>.ts`,
 * `src/bot/cards/<name, singular>-cards.ts`, `src/i18n/catalog/<name>.ts`); this module only lists them, and
 * `src/features/index.ts` lists the modules — one line per feature.
 */
export interface Feature {
  name: string;
  /** Its texts (src/i18n/catalog/<name>.ts). */
  catalogs?: readonly Catalog[];
  /** Its table mappings. */
  entities?: readonly EntitySchema[];
  /** Its migrations (all features' migrations run in timestamp order). */
  migrations?: readonly MigrationClass[];
  /** Its repositories in a transaction: the fields it added to `Tx`. */
  repositories?: RepositoryBuilder;
  /** Its domain services: the fields it added to `Services`. */
  services?: (ctx: ServiceContext) => Partial<Services>;
  /** Wiring to other features once every service exists (a signed contract leases the unit it names). */
  connect?: (services: Services) => void;
  /** Its scheduled jobs (`src/jobs/<name>.job.ts`); each has its default cron in config/settings.json `schedules`. */
  jobs?: (d: JobDeps) => Job[];
  /** The scheduled jobs' ports this feature implements. */
  jobPorts?: (services: Services) => Partial<JobPorts>;
  /** Its commands, buttons and events, in the order they are tried (first match wins). */
  routers?: readonly ((deps: FeatureDeps) => Router)[];
}

/** Keeps the module's exact type, so src/features/index.ts can check that every repository and service is built. */
export function defineFeature<const F extends Feature>(feature: F): F {
  return feature;
}

import type { Router } from '../bot/router.js';
import type { FeatureDeps, Services } from '../bot/services.js';
import type { Catalog } from '../i18n/index.js';
import type { JobDeps } from '../jobs/deps.js';
import type { Job } from '../jobs/job.js';
import type { JobPorts } from '../jobs/ports.js';
import type { Schema } from '../persistence/data-source.js';
import { combineRepositories } from '../persistence/tx-factory.js';
import type { Feature, ServiceContext } from './feature.js';

/** Every feature's texts. */
export function composeCatalogs(features: readonly Feature[]): Catalog[] {
  return features.flatMap((f) => f.catalogs ?? []);
}

/** The database every feature needs: all tables, all migrations, every feature's repositories. */
export function composeSchema(features: readonly Feature[]): Schema {
  return {
    entities: features.flatMap((f) => f.entities ?? []),
    migrations: features.flatMap((f) => f.migrations ?? []),
    buildTx: combineRepositories(features.flatMap((f) => (f.repositories ? [f.repositories] : []))),
  };
}

/**
 * Builds every feature's services. A feature that needs another's service gets it built first, so the list's
 * order is the routing order and not a construction order to maintain by hand.
 */
export function composeServices(
  features: readonly Feature[],
  base: Omit<ServiceContext, 'need' | 'jobPorts' | 'jobs'>,
): Services {
  const services: Partial<Services> = {};
  const built = new Set<Feature>();
  const building: Feature[] = [];

  const build = (f: Feature): void => {
    if (built.has(f)) return;
    if (building.includes(f)) {
      throw new Error(`features ${[...building, f].map((x) => x.name).join(' → ')} need each other's services`);
    }
    building.push(f);
    Object.assign(services, f.services?.(ctx));
    building.pop();
    built.add(f);
  };

  const ctx: ServiceContext = {
    ...base,
    need(name) {
      for (const f of features) {
        if (name in services) break;
        if (!building.includes(f)) build(f);
      }
      const service = services[name];
      if (service === undefined) {
        const chain = building.map((x) => x.name).join(' → ');
        throw new Error(`no feature builds the service '${String(name)}' (needed while building ${chain})`);
      }
      return service as Services[typeof name];
    },
    jobPorts() {
      const ports: Partial<JobPorts> = {};
      for (const f of features) {
        if (!f.jobPorts || building.includes(f)) continue;
        build(f);
        Object.assign(ports, f.jobPorts(services as Services));
      }
      return ports;
    },
    jobs: composeJobs(features),
  };

  for (const f of features) build(f);
  for (const f of features) f.connect?.(services as Services);
  return services as Services;
}

/**
 * Every feature's scheduled jobs, in the order the admin sees them: the order of `schedules` in the settings file
 * (by time of day, then weekly and monthly, then the sweeps), any job it does not list after them.
 */
export function composeJobs(features: readonly Feature[]): (d: JobDeps) => Job[] {
  return (d) => {
    const listed = Object.keys(d.settings.schedules);
    const rank = (job: Job) => {
      const i = listed.indexOf(job.name);
      return i === -1 ? listed.length : i;
    };
    const jobs = features.flatMap((f) => f.jobs?.(d) ?? []);
    return jobs
      .map((job, i) => ({ job, i }))
      .sort((a, b) => rank(a.job) - rank(b.job) || a.i - b.i)
      .map((x) => x.job);
  };
}

/** Every feature's routers, in the list's order. */
export function composeRouters(features: readonly Feature[]): ((deps: FeatureDeps) => Router)[] {
  return features.flatMap((f) => f.routers ?? []);
}

import type { Services } from '../bot/services.js';
import type { Tx } from '../domain/shared/tx.js';
import { installCatalogs } from '../i18n/index.js';
import { approvals } from './approvals.feature.js';
import { calls } from './calls.feature.js';
import { clients } from './clients.feature.js';
import { composeCatalogs, composeJobs, composeRouters, composeSchema } from './compose.js';
import { core } from './core.feature.js';
import { day } from './day.feature.js';
import { delivery } from './delivery.feature.js';
import { feedback } from './feedback.feature.js';
import { fieldVisits } from './field-visits.feature.js';
import { forms } from './forms.feature.js';
import { help } from './help.feature.js';
import { jobs } from './jobs.feature.js';
import { materials } from './materials.feature.js';
import { members } from './members.feature.js';
import { pool } from './pool.feature.js';
import { reception } from './reception.feature.js';
import { review } from './review.feature.js';
import { targets } from './targets.feature.js';
import { tiers } from './tiers.feature.js';
import { units } from './units.feature.js';

/**
 * Every feature of the bot — adding one is one line here (see "Adding a feature" in docs/ARCHITECTURE.md).
 * The order is the order a message is offered to the features' routers (first match wins); services are built
 * in whatever order their needs require.
 */
export const features = [
  core,
  help,
  members,
  delivery,
  reception,
  approvals,
  fieldVisits,
  tiers,
  materials,
  jobs,
  clients,
  forms,
  calls,
  day,
  pool,
  targets,
  units,
  review,
  feedback,
] as const;

/** Importing the feature list makes every feature's texts available to `t`. */
installCatalogs(composeCatalogs(features));

/** Every table, migration and repository of every feature: what the database is opened with. */
export const schema = composeSchema(features);

/** Every feature's scheduled jobs, in the admin's order (tests that build the scheduler alone use it too). */
export const allJobs = composeJobs(features);

/** Every feature's routers, in order. */
export const routers = composeRouters(features);

// ── The compiler checks that every repository in `Tx` and every service in `Services` has a feature that builds it.
type Feature = (typeof features)[number];
type Built<F, K extends string> = F extends { [P in K]: (...args: never[]) => infer R } ? R : never;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Missing<Have, Want> = Exclude<keyof Want, keyof Have>;
/** `true` when nothing is missing; otherwise the names no feature builds (they show in the compiler's message). */
type Covered<Have, Want> = [Missing<Have, Want>] extends [never] ? true : { notBuiltByAnyFeature: Missing<Have, Want> };
export const everyRepositoryBuilt: Covered<Intersect<Built<Feature, 'repositories'>>, Tx> = true;
export const everyServiceBuilt: Covered<Intersect<Built<Feature, 'services'>>, Services> = true;

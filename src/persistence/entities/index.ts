import { approvalEntities } from './approvals.entities.js';
import { visitEntities } from './field-visits.entities.js';
import { tierEntities } from './tiers.entities.js';
import { auditEntities } from './audit.entities.js';
import { inboxEntities } from './inbox.entities.js';
import { memberEntities } from './members.entities.js';
import { outboxEntities } from './outbox.entities.js';
import { settingEntities } from './settings.entities.js';
import { clientEntities } from './clients.entities.js';
import { rotationEntities } from './rotation.entities.js';
import { formsEntities } from './forms.entities.js';
import { jobEntities } from './jobs.entities.js';
import { targetEntities } from './targets.entities.js';
import { dayEntities } from './day.entities.js';
import { poolEntities } from './pool.entities.js';
import { callEntities } from './calls.entities.js';
import { unitEntities } from './units.entities.js';
import { reviewEntities } from './review.entities.js';

/** Every table mapping; features append theirs. */
export const entities = [
  ...memberEntities,
  ...auditEntities,
  ...settingEntities,
  ...inboxEntities,
  ...outboxEntities,
  ...clientEntities,
  ...rotationEntities,
  ...approvalEntities,
  ...visitEntities,
  ...tierEntities,
  ...formsEntities,
  ...jobEntities,
  ...targetEntities,
  ...dayEntities,
  ...poolEntities,
  ...callEntities,
  ...unitEntities,
  ...reviewEntities,
];

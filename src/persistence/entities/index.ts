import { approvalEntities } from './approval.entities.js';
import { visitEntities } from './visit.entities.js';
import { tierEntities } from './tier.entities.js';
import { backboneEntities } from './backbone.entities.js';
import { clientEntities } from './client.entities.js';
import { rotationEntities } from './rotation.entities.js';
import { formsEntities } from './forms.entities.js';
import { jobEntities } from './jobs.entities.js';
import { targetEntities } from './targets.entities.js';
import { dayEntities } from './day.entities.js';
import { poolEntities } from './pool.entities.js';
import { callEntities } from './calls.entities.js';
import { unitEntities } from './unit.entities.js';
import { reviewEntities } from './review.entities.js';

/** Every table mapping; features append theirs. */
export const entities = [
  ...backboneEntities,
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

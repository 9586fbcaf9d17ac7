import { backboneEntities } from './backbone.entities.js';
import { clientEntities } from './client.entities.js';

/** Every table mapping; features append theirs. */
export const entities = [
  ...backboneEntities,
  ...clientEntities,
];

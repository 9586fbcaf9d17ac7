import { CreateTiersAndMaterials1763800000420 } from '../../migrations/1763800000420-CreateTiersAndMaterials.js';
import { tierCards } from '../bot/cards/tier-cards.js';
import { tiersFeature } from '../bot/features/tiers.js';
import { TierService } from '../domain/tiers/tier.service.js';
import { tierEntities } from '../persistence/entities/tiers.entities.js';
import { TypeOrmHandoverRepository, TypeOrmTierRepository } from '../persistence/repositories/tier.repository.js';
import tiersTexts from '../i18n/catalog/tiers.js';
import { tierRecheckJob } from '../jobs/tier-recheck.job.js';
import { defineFeature } from './feature.js';

/** Client tiers with the rubric and the leader's confirmation; key-account hand-overs. */
export const tiers = defineFeature({
  name: 'tiers',
  catalogs: [tiersTexts],
  // This migration also creates the materials table (they shipped together).
  entities: tierEntities,
  migrations: [CreateTiersAndMaterials1763800000420],
  repositories: (em) => ({ tiers: new TypeOrmTierRepository(em), handovers: new TypeOrmHandoverRepository(em) }),
  services: ({ clock, config, need }) => ({
    tiers: new TierService({
      clock,
      settings: config.settings.tiers,
      approvals: need('approvals'),
      cards: tierCards(config.timezone),
    }),
  }),
  jobs: (d) => [tierRecheckJob(d)],
  routers: [tiersFeature],
});

import { CreateRecallLock1763800001310 } from '../../migrations/1763800001310-CreateRecallLock.js';
import { AddRecallIndexes1763800001320 } from '../../migrations/1763800001320-AddRecallIndexes.js';
import { poolFeature } from '../bot/features/pool.js';
import { RecallService } from '../domain/pool/recall.service.js';
import { poolEntities } from '../persistence/entities/pool.entities.js';
import { TypeOrmRecallLockRepository } from '../persistence/repositories/pool.repository.js';
import poolTexts from '../i18n/catalog/pool.js';
import { poolRecallJob } from '../jobs/pool-recall.job.js';
import { defineFeature } from './feature.js';

/** Recall of neglected clients to the public pool (R-POOL-1): warnings, exemptions, locks. */
export const pool = defineFeature({
  name: 'pool',
  catalogs: [poolTexts],
  entities: poolEntities,
  migrations: [CreateRecallLock1763800001310, AddRecallIndexes1763800001320],
  repositories: (em) => ({ recallLocks: new TypeOrmRecallLockRepository(em) }),
  services: ({ clock, config }) => ({
    recall: new RecallService({ clock, timezone: config.timezone, settings: config.settings.poolRecall }),
  }),
  jobs: (d) => [poolRecallJob(d)],
  routers: [poolFeature],
});

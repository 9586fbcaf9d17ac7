import { CreateRotation1763800000200 } from '../../migrations/1763800000200-CreateRotation.js';
import { createReceptionCards } from '../bot/cards/reception-cards.js';
import { receptionFeature } from '../bot/features/reception.js';
import { DisputeService } from '../domain/reception/dispute.service.js';
import { ReceptionService } from '../domain/reception/reception.service.js';
import { RotationService } from '../domain/rotation/rotation.service.js';
import { receptionEntities } from '../persistence/entities/reception.entities.js';
import { TypeOrmDisputeRepository, TypeOrmPoolRepository } from '../persistence/repositories/dispute.repository.js';
import { TypeOrmRotationRepository, TypeOrmWalkInRepository } from '../persistence/repositories/rotation.repository.js';
import receptionTexts from '../i18n/catalog/reception.js';
import { rotationResetJob } from '../jobs/rotation-reset.job.js';
import { offerSweepJob } from '../jobs/offer-sweep.job.js';
import { defineFeature } from './feature.js';

/** The front desk: walk-ins, the rotation (轮续表), offers, who owns a client (R-ATT), disputes and the pool. */
export const reception = defineFeature({
  name: 'reception',
  catalogs: [receptionTexts],
  entities: receptionEntities,
  migrations: [CreateRotation1763800000200],
  repositories: (em) => ({
    rotation: new TypeOrmRotationRepository(em),
    walkIns: new TypeOrmWalkInRepository(em),
    disputes: new TypeOrmDisputeRepository(em),
    pool: new TypeOrmPoolRepository(em),
  }),
  services: ({ clock, config }) => {
    // `rotation` is also the ReceptionHooks the visitor-registration form takes, and the day's hooks' host.
    const rotation = new RotationService({ clock, settings: config.settings.rotation, timezone: config.timezone });
    const cards = createReceptionCards(config.timezone);
    return {
      rotation,
      reception: new ReceptionService({ clock, settings: config.settings.rotation, rotation, cards }),
      disputes: new DisputeService({ clock, rotation, cards }),
    };
  },
  jobPorts: (s) => ({
    rotation: s.rotation,
    offers: { sweepExpired: (tx, now) => s.reception.sweepExpiredOffers(tx, now) },
  }),
  jobs: (d) => [rotationResetJob(d), offerSweepJob(d)],
  routers: [receptionFeature],
});

import { CreateFieldVisits1763800000410 } from '../../migrations/1763800000410-CreateFieldVisits.js';
import { visitCards } from '../bot/cards/field-visit-cards.js';
import { fieldVisitsFeature } from '../bot/features/field-visits.js';
import { FieldVisitService } from '../domain/field-visits/field-visit.service.js';
import { fieldVisitEntities } from '../persistence/entities/field-visits.entities.js';
import { TypeOrmFieldVisitRepository } from '../persistence/repositories/field-visit.repository.js';
import fieldVisitsTexts from '../i18n/catalog/field-visits.js';
import { defineFeature } from './feature.js';

/** Field-visit plans the manager approves, visit logs, their review and coverage. */
export const fieldVisits = defineFeature({
  name: 'field-visits',
  catalogs: [fieldVisitsTexts],
  entities: fieldVisitEntities,
  migrations: [CreateFieldVisits1763800000410],
  repositories: (em) => ({ fieldVisits: new TypeOrmFieldVisitRepository(em) }),
  services: ({ clock, config, need }) => ({
    fieldVisits: new FieldVisitService({
      clock,
      settings: { timezone: config.timezone, calendar: config.settings.calendar, forms: config.settings.forms },
      approvals: need('approvals'),
      cards: visitCards(config.timezone),
    }),
  }),
  routers: [fieldVisitsFeature],
});

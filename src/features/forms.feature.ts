import { CreateForms1763800000300 } from '../../migrations/1763800000300-CreateForms.js';
import { formNotices } from '../bot/cards/form-notices.js';
import { formsFeature } from '../bot/features/forms.js';
import { revisitsFeature } from '../bot/features/revisits.js';
import { createFormServices } from '../domain/forms/index.js';
import { formsEntities } from '../persistence/entities/forms.entities.js';
import { TypeOrmContractRepository } from '../persistence/repositories/contract.repository.js';
import { TypeOrmCounterRepository } from '../persistence/repositories/counter.repository.js';
import { TypeOrmFormRecordRepository } from '../persistence/repositories/form-record.repository.js';
import { TypeOrmRevisitRepository } from '../persistence/repositories/revisit.repository.js';
import formsTexts from '../i18n/catalog/forms.js';
import revisitsTexts from '../i18n/catalog/revisits.js';
import { revisitRemindersJob, morningFormDeadlinesJob, formDeadlinesJob } from '../jobs/reminders.job.js';
import { defineFeature } from './feature.js';

/** The department's forms (visitor registration, revisits, signing plans, deposits, contracts) and their deadlines. */
export const forms = defineFeature({
  name: 'forms',
  catalogs: [formsTexts, revisitsTexts],
  entities: formsEntities,
  migrations: [CreateForms1763800000300],
  repositories: (em) => ({
    formRecords: new TypeOrmFormRecordRepository(em),
    revisits: new TypeOrmRevisitRepository(em),
    contracts: new TypeOrmContractRepository(em),
    counters: new TypeOrmCounterRepository(em),
  }),
  services: ({ clock, config, need }) => ({
    // Registering a visitor ends the agent's busy state in the rotation (its ReceptionHooks).
    forms: createFormServices({
      clock,
      settings: { timezone: config.timezone, ...config.settings.forms },
      notices: formNotices(config.timezone),
      hooks: need('rotation'),
      clients: need('clients'),
    }),
  }),
  jobs: (d) => [revisitRemindersJob(d), morningFormDeadlinesJob(d), formDeadlinesJob(d)],
  routers: [formsFeature, revisitsFeature],
});

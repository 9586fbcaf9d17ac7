import { CreateCallLog1763800001200 } from '../../migrations/1763800001200-CreateCallLog.js';
import { callsFeature } from '../bot/features/calls.js';
import { CallService } from '../domain/calls/call.service.js';
import { FollowUpService } from '../domain/follow-up/follow-up.service.js';
import { callEntities } from '../persistence/entities/calls.entities.js';
import { TypeOrmCallLogRepository } from '../persistence/repositories/call-log.repository.js';
import { TypeOrmFollowUpRepository } from '../persistence/repositories/follow-up.repository.js';
import callsTexts from '../i18n/catalog/calls.js';
import { defineFeature } from './feature.js';

/** The call log (今日 n/50, R-DAY-3) and the follow-up cadence by grade (待跟进, R-DAY-4). */
export const calls = defineFeature({
  name: 'calls',
  catalogs: [callsTexts],
  entities: callEntities,
  migrations: [CreateCallLog1763800001200],
  repositories: (em) => ({ calls: new TypeOrmCallLogRepository(em), followUps: new TypeOrmFollowUpRepository(em) }),
  services: ({ clock, config, need }) => ({
    calls: new CallService({
      clock,
      settings: { timezone: config.timezone, dailyTarget: config.settings.calls.dailyTarget },
      clients: need('clients'),
    }),
    followUps: new FollowUpService({
      settings: { timezone: config.timezone, cadence: config.settings.followUp.cadenceDays },
    }),
  }),
  routers: [callsFeature],
});

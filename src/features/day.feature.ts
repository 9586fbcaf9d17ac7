import { CreateWorkingDay1763800001300 } from '../../migrations/1763800001300-CreateWorkingDay.js';
import { leaveFeature } from '../bot/features/day/leave.js';
import { morningFeature } from '../bot/features/day/morning.js';
import { rosterFeature } from '../bot/features/day/roster.js';
import { createDayServices } from '../domain/day/index.js';
import { dayEntities } from '../persistence/entities/day.entities.js';
import { TypeOrmDayRepository } from '../persistence/repositories/day.repository.js';
import dayTexts from '../i18n/catalog/day.js';
import { morningMeetingJob, minutesCheckJob } from '../jobs/morning-meeting.job.js';
import { defineFeature } from './feature.js';

/** The working day: the duty roster, Feishu leave, the morning meeting (R-DAY-1, R-DAY-2). */
export const day = defineFeature({
  name: 'day',
  catalogs: [dayTexts],
  entities: dayEntities,
  migrations: [CreateWorkingDay1763800001300],
  repositories: (em) => ({ day: new TypeOrmDayRepository(em) }),
  // The roster and leave decide who starts on duty: they become the rotation's day hooks.
  services: ({ clock, config, need }) => ({
    day: createDayServices({ clock, timezone: config.timezone, rotation: need('rotation') }),
  }),
  jobs: (d) => [morningMeetingJob(d), minutesCheckJob(d)],
  routers: [rosterFeature, morningFeature, leaveFeature],
});

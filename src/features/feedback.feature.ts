import { feedbackCards } from '../bot/cards/feedback-cards.js';
import { feedbackFeature } from '../bot/features/feedback.js';
import { FeedbackService } from '../domain/feedback/feedback.service.js';
import { feedbackEntities } from '../persistence/entities/feedback.entities.js';
import { TypeOrmFeedbackRepository } from '../persistence/repositories/feedback.repository.js';
import { TypeOrmSatisfactionRepository } from '../persistence/repositories/satisfaction.repository.js';
import feedbackTexts from '../i18n/catalog/feedback.js';
import { satisfactionOpeningJob, satisfactionQuarterlyJob } from '../jobs/satisfaction.job.js';
import { defineFeature } from './feature.js';

/** Tenant feedback to the client's agent with a due date, and satisfaction surveys (R-FB). Its tables are created by contract review's migration (review.feature.ts). */
export const feedback = defineFeature({
  name: 'feedback',
  catalogs: [feedbackTexts],
  entities: feedbackEntities,
  repositories: (em) => ({
    feedback: new TypeOrmFeedbackRepository(em),
    satisfaction: new TypeOrmSatisfactionRepository(em),
  }),
  services: ({ clock, config }) => ({
    feedback: new FeedbackService({
      clock,
      settings: {
        timezone: config.timezone,
        calendar: config.settings.calendar,
        dueWorkingDays: config.settings.feedback.dueWorkingDays,
      },
      cards: feedbackCards(config.timezone),
    }),
  }),
  jobs: () => [satisfactionOpeningJob(), satisfactionQuarterlyJob()],
  routers: [feedbackFeature],
});

import { CreateReviewAndFeedback1763800001500 } from '../../migrations/1763800001500-CreateReviewAndFeedback.js';
import { reviewCards } from '../bot/cards/review-cards.js';
import { reviewFeature } from '../bot/features/review.js';
import { ContractReviewService } from '../domain/review/contract-review.service.js';
import { reviewEntities } from '../persistence/entities/review.entities.js';
import { TypeOrmContractReviewRepository } from '../persistence/repositories/contract-review.repository.js';
import reviewTexts from '../i18n/catalog/review.js';
import { defineFeature } from './feature.js';

/** Contract review by legal and finance (R-CON-4), through the one approval mechanism. */
export const review = defineFeature({
  name: 'review',
  catalogs: [reviewTexts],
  // This migration also creates the tenant feedback tables (they shipped together).
  entities: reviewEntities,
  migrations: [CreateReviewAndFeedback1763800001500],
  repositories: (em) => ({ contractReviews: new TypeOrmContractReviewRepository(em) }),
  services: ({ clock, need }) => ({
    contractReview: new ContractReviewService({ clock, approvals: need('approvals'), cards: reviewCards }),
  }),
  // A signed contract waits for both reviewers (approval kind 'contract_review') before it is recorded.
  connect: ({ contractReview, forms }) => {
    contractReview.useRecorder(forms.signedContract);
    forms.signedContract.useReview(contractReview);
  },
  routers: [reviewFeature],
});

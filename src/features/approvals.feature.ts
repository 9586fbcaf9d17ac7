import { CreateApprovals1763800000400 } from '../../migrations/1763800000400-CreateApprovals.js';
import { AddApprovalEscalation1763800001100 } from '../../migrations/1763800001100-AddApprovalEscalation.js';
import { approvalCards } from '../bot/cards/approval-cards.js';
import { approvalsFeature } from '../bot/features/approvals.js';
import { ApprovalService } from '../domain/approvals/approval.service.js';
import { approvalEntities } from '../persistence/entities/approvals.entities.js';
import { TypeOrmApprovalRepository } from '../persistence/repositories/approval.repository.js';
import approvalsTexts from '../i18n/catalog/approvals.js';
import { defineFeature } from './feature.js';

/** The one approval mechanism (field visits, tiers, targets, contract review): cards, decisions, R-FV-4 re-sends. */
export const approvals = defineFeature({
  name: 'approvals',
  catalogs: [approvalsTexts],
  entities: approvalEntities,
  migrations: [CreateApprovals1763800000400, AddApprovalEscalation1763800001100],
  repositories: (em) => ({ approvals: new TypeOrmApprovalRepository(em) }),
  services: ({ clock, config }) => ({
    approvals: new ApprovalService({
      clock,
      settings: {
        ...config.settings.approvals,
        workday: {
          start: config.settings.approvals.workdayStart,
          end: config.settings.forms.endOfWorkDay,
          timezone: config.timezone,
          calendar: config.settings.calendar,
        },
      },
      cards: approvalCards(config.timezone),
    }),
  }),
  routers: [approvalsFeature],
});

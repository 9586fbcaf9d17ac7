import { z } from 'zod';
import { notFound } from '../../domain/shared/errors.js';
import { signedContractFormCard } from '../cards/form-cards.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { ContractReviewService } from '../../domain/review/contract-review.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['review.resubmit'] as const;

/**
 * R-CON-4 from the front desk's side: a returned contract's 重新提交 brings the 已签合同 form back
 * filled in with what was entered; submitting it (same contract number) starts the next review round.
 * The reviewers' own buttons are the approval cards' (src/bot/features/approvals.ts).
 */
export function reviewFeature({ services }: FeatureDeps): Router {
  const r = new Router();
  r.action(
    'review.resubmit',
    z.object({ a: z.string(), id: z.number().int().positive() }),
    requireRole('front_desk', 'manager'),
    async (ctx) => {
      const review = await ctx.transaction((tx) => services.contractReview.get(tx, ctx.value.id));
      if (!review) throw notFound('review.not_found');
      if (review.status !== 'returned') {
        ctx.toast('warning', ctx.t('review.not_returned'));
        return;
      }
      ctx.updateCard(signedContractFormCard({ values: review.form.raw }));
    },
  );
  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    contractReview: ContractReviewService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

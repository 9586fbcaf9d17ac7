import { z } from 'zod';
import type { ApprovalView } from '../../domain/approvals/approval.js';
import { DomainError } from '../../domain/shared/errors.js';
import { approvalCards, pendingListCard } from '../cards/approval-cards.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { ApprovalService } from '../../domain/approvals/approval.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['approval.decide', 'approval.withdraw'] as const;

const decideValue = z.object({
  a: z.string(),
  id: z.number().int().positive(),
  d: z.enum(['approved', 'rejected']),
  from: z.enum(['card', 'list']).optional(),
});

/**
 * The buttons of every approval card (R-FV-1, R-TIER-2, targets…) and `待审批`. Who may decide is the
 * domain's rule (the approval's role): an agent pressing 批准 gets a toast and nothing changes.
 */
export function approvalsFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const approvals = services.approvals;
  const cards = approvalCards(config.timezone);
  menu.add({
    labelKey: 'menu.pending_approvals',
    command: '待审批',
    roles: ['manager', 'leader', 'legal', 'finance'],
    order: 30,
  });

  r.command(
    ['待审批', '审批'],
    requireRole('manager', 'leader', 'key_account', 'admin', 'legal', 'finance'),
    async (ctx) => {
      const views = await ctx.transaction((tx) => approvals.listPendingFor(tx, ctx.member!));
      await ctx.replyCard(pendingListCard(views, config.timezone));
    },
  );

  r.action('approval.decide', decideValue, async (ctx) => {
    const { id, d, from } = ctx.value;
    const comment = commentOf(ctx);
    try {
      const view = await ctx.transaction((tx) => approvals.decide(tx, ctx.member!, id, d, comment));
      ctx.toast('success', ctx.t(`approval.done.${d}`));
      await redraw(ctx, view, from);
    } catch (err) {
      if (!(err instanceof DomainError) || err.messageKey !== 'approval.already_decided') throw err;
      // Someone else decided first: read the winner in a fresh transaction and show it.
      const view = await ctx.transaction((tx) => approvals.view(tx, id));
      ctx.toast(
        'warning',
        ctx.t('approval.already_decided', {
          by: view.deciderName ?? '—',
          status: ctx.t(`approval.status.${view.approval.status}`),
        }),
      );
      await redraw(ctx, view, from);
    }
  });

  r.action('approval.withdraw', z.object({ a: z.string(), id: z.number().int().positive() }), async (ctx) => {
    try {
      const view = await ctx.transaction((tx) => approvals.withdraw(tx, ctx.member!, ctx.value.id));
      ctx.toast('success', ctx.t('approval.done.withdrawn'));
      ctx.updateCard(cards.requesterCard(view));
    } catch (err) {
      if (!(err instanceof DomainError) || err.messageKey !== 'approval.already_decided') throw err;
      const view = await ctx.transaction((tx) => approvals.view(tx, ctx.value.id));
      ctx.toast(
        'warning',
        ctx.t('approval.already_decided', {
          by: view.deciderName ?? '—',
          status: ctx.t(`approval.status.${view.approval.status}`),
        }),
      );
      ctx.updateCard(cards.requesterCard(view));
    }
  });

  async function redraw(ctx: BotContext, view: ApprovalView, from: 'card' | 'list' | undefined): Promise<void> {
    if (from !== 'list') return ctx.updateCard(cards.approverCard(view));
    const views = await ctx.transaction((tx) => approvals.listPendingFor(tx, ctx.member!));
    ctx.updateCard(pendingListCard(views, config.timezone));
  }

  return r;
}

function commentOf(ctx: BotContext): string | null {
  const fv = ctx.update.kind === 'card' ? ctx.update.formValue : undefined;
  const c =
    fv && typeof fv.comment === 'string' ? fv.comment : ctx.update.kind === 'card' ? ctx.update.inputValue : undefined;
  return c?.trim() ? c.trim().slice(0, 500) : null;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    approvals: ApprovalService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

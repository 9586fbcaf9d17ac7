import { z } from 'zod';
import { localDate } from '../../domain/shared/zoned-time.js';
import { memberNames } from '../../jobs/recipients.js';
import { recallPreviewCard } from '../cards/pool-cards.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { RecallService } from '../../domain/pool/recall.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['recall.lock', 'recall.page'] as const;

const pageValue = z.object({ a: z.string(), page: z.number().int().min(0).max(10_000) });
const lockValue = z.object({
  a: z.string(),
  clientId: z.number().int().positive(),
  lock: z.boolean(),
  page: z.number().int().min(0).max(10_000).optional(),
});

/** R-POOL-1: `公海回收` — the manager sees what returns to the pool this week and locks clients against it. */
export function poolFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const recall = services.recall;
  menu.add({ labelKey: 'menu.recall', command: '公海回收', roles: ['manager'], order: 36 });

  const render = async (ctx: BotContext, page: number) =>
    ctx.transaction(async (tx) => {
      const lines = await recall.preview(tx, ctx.member!, localDate(ctx.now(), config.timezone));
      return recallPreviewCard(lines, await memberNames(tx), { enabled: recall.settings.enabled, page });
    });

  r.command(['公海回收', '回收预览'], requireRole('manager'), async (ctx) => {
    await ctx.replyCard(await render(ctx, 0));
  });

  r.action('recall.page', pageValue, requireRole('manager'), async (ctx) => {
    ctx.updateCard(await render(ctx, ctx.value.page));
  });

  r.action('recall.lock', lockValue, requireRole('manager'), async (ctx) => {
    await ctx.transaction((tx) => recall.setLock(tx, ctx.member!, ctx.value.clientId, ctx.value.lock));
    ctx.toast('success', ctx.t(ctx.value.lock ? 'recall.locked' : 'recall.unlocked'));
    ctx.updateCard(await render(ctx, ctx.value.page ?? 0));
  });

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    /** R-POOL-1 recall to the public pool. */
    recall: RecallService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

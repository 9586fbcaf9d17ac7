import { z } from 'zod';
import { FormError } from '../../../domain/shared/errors.js';
import { rosterCard } from '../../cards/day-cards.js';
import { errorsOf } from '../../cards/form-kit.js';
import type { BotContext } from '../../context.js';
import { requireRole } from '../../middleware/require-role.js';
import { Router } from '../../router.js';
import type { FeatureDeps } from '../../services.js';
import type { DayServices } from '../../../domain/day/index.js';
import type { Declared } from '../../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['roster.open', 'roster.save'] as const;

const weekValue = z.object({ a: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** R-DAY-2: `排班` / `排班表` — the week's duty roster, set by the front desk or the manager. */
export function rosterFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const roster = services.day.roster;
  menu.add({ labelKey: 'menu.roster', command: '排班表', roles: ['front_desk', 'manager'], order: 14 });

  r.command(['排班', '排班表'], requireRole('front_desk', 'manager'), async (ctx) => {
    const view = await ctx.transaction((tx) => roster.view(tx));
    await ctx.replyCard(rosterCard(view));
  });

  r.action('roster.open', weekValue, requireRole('front_desk', 'manager'), async (ctx) => {
    const view = await ctx.transaction((tx) => roster.view(tx, ctx.value.date));
    ctx.updateCard(rosterCard(view));
  });

  r.action('roster.save', weekValue, requireRole('front_desk', 'manager'), async (ctx) => {
    const fv = formValue(ctx);
    try {
      const view = await ctx.transaction((tx) => roster.save(tx, ctx.member!, ctx.value.date, fv));
      ctx.toast('success', ctx.t('roster.saved'));
      ctx.updateCard(rosterCard(view, { notice: ctx.t('roster.saved') }));
    } catch (err) {
      if (!(err instanceof FormError)) throw err;
      const errors = errorsOf(err);
      ctx.toast('error', ctx.t('form.has_errors', { count: Object.keys(errors).length }));
      const view = await ctx.transaction((tx) => roster.view(tx, ctx.value.date));
      ctx.updateCard(rosterCard(view, { values: err.values as Record<string, string>, errors }));
    }
  });

  return r;
}

function formValue(ctx: BotContext): Record<string, unknown> {
  return (ctx.update.kind === 'card' && ctx.update.formValue) || {};
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../../services.js' {
  interface Services {
    /** R-DAY-1 morning meeting, R-DAY-2 roster and Feishu leave (also used by morning.ts and leave.ts). */
    day: DayServices;
  }
}

declare module '../../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

import { z } from 'zod';
import { hasRole } from '../../domain/members/roles.js';
import { FormError } from '../../domain/shared/errors.js';
import { materialCard, materialsCard } from '../cards/material-cards.js';
import { tmd } from '../cards/safe-text.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { MaterialService } from '../../domain/materials/material.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['material.add', 'material.approve', 'material.page', 'material.send'] as const;

const idValue = z.object({ a: z.string(), id: z.number().int().positive() });

/** `资料` (R-INFO-1): agents list and receive approved material; managers add and approve it. */
export function materialsFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const materials = services.materials;
  menu.add({ labelKey: 'menu.materials', command: '资料', roles: ['agent', 'manager', 'front_desk'], order: 40 });

  const list = async (ctx: BotContext, state: Parameters<typeof materialsCard>[2] = {}) =>
    materialsCard(
      await ctx.transaction((tx) => materials.list(tx, ctx.member!)),
      hasRole(ctx.member, 'manager'),
      state,
    );

  r.command(['资料', '资料库', '宣传资料'], requireRole('agent', 'manager', 'front_desk', 'leader'), async (ctx) => {
    await ctx.replyCard(await list(ctx));
  });

  r.action(
    'material.page',
    z.object({ a: z.string(), page: z.number().int().min(1).max(1000) }),
    requireRole('agent', 'manager', 'front_desk', 'leader'),
    async (ctx) => {
      ctx.updateCard(await list(ctx, { page: ctx.value.page }));
    },
  );

  r.action('material.send', idValue, async (ctx) => {
    const m = await ctx.transaction((tx) => materials.get(tx, ctx.member!, ctx.value.id));
    await ctx.replyCard(materialCard(m));
    ctx.toast('success', ctx.t('material.sent'));
  });

  r.action('material.approve', idValue, requireRole('manager'), async (ctx) => {
    const m = await ctx.transaction((tx) => materials.approve(tx, ctx.member!, ctx.value.id));
    ctx.toast('success', ctx.t('material.approved', { title: m.title }));
    ctx.updateCard(await list(ctx, { notice: tmd('material.approved', { title: m.title }) }));
  });

  r.action('material.add', z.object({ a: z.string() }), requireRole('manager'), async (ctx) => {
    const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
    const s = (k: string) => (typeof fv[k] === 'string' ? (fv[k] as string) : '');
    try {
      const m = await ctx.transaction((tx) =>
        materials.add(tx, ctx.member!, {
          title: s('title'),
          kind: s('kind') || 'text',
          body: s('body'),
          approved: s('status') === 'approved',
        }),
      );
      const key = m.status === 'approved' ? 'material.added_approved' : 'material.added_draft';
      ctx.toast('success', ctx.t(key, { title: m.title }));
      ctx.updateCard(await list(ctx, { notice: tmd(key, { title: m.title }) }));
    } catch (err) {
      if (!(err instanceof FormError)) throw err;
      const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, ctx.t(v.key, v.params)]));
      ctx.toast('error', ctx.t('form.has_errors', { count: Object.keys(errors).length }));
      ctx.updateCard(await list(ctx, { values: err.values, errors }));
    }
  });

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    materials: MaterialService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

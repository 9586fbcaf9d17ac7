import type { Client } from '../../domain/clients/client.js';
import { hasRole } from '../../domain/members/roles.js';
import { FormError, notFound } from '../../domain/shared/errors.js';
import { handoverCard, handoverListCard, pickClientCard, tierCard } from '../cards/tier-cards.js';
import { ttext } from '../cards/safe-text.js';
import type { FormState } from '../cards/field-visit-cards.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import { clientButton } from './form-submit.js';
import type { FeatureDeps } from '../services.js';
import type { TierService } from '../../domain/tiers/tier.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['handover.open', 'tier.handover', 'tier.open', 'tier.save'] as const;

/** `分档 <client>` (R-TIER-2) and big-client hand-overs (R-TIER-1): `移交大客户 <client>`, `移交记录`. */
export function tiersFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const tiers = services.tiers;
  menu.add({ labelKey: 'menu.tiers', command: '分档', roles: ['manager'], order: 33 });
  menu.add({ labelKey: 'menu.handovers', command: '移交记录', roles: ['agent', 'manager', 'key_account'], order: 34 });

  r.command(/^分档\s*(.*)$/, requireRole('manager', 'leader'), async (ctx) => {
    const text = (ctx.match?.[1] ?? '').trim();
    if (!text) return ctx.reply(ctx.t('tier.usage'));
    const found = await ctx.transaction((tx) => tx.clients.findByText({ text, offset: 0, limit: 10 }));
    if (found.items.length === 0) return ctx.reply(ttext('tier.no_match', { text }));
    if (found.items.length > 1) return ctx.replyCard(pickClientCard(found.items, 'tier.open'));
    await ctx.replyCard(await render(ctx, found.items[0]!.id));
  });

  r.action('tier.open', clientButton, requireRole('manager', 'leader'), async (ctx) => {
    ctx.updateCard(await render(ctx, ctx.value.clientId));
  });

  r.action('tier.save', clientButton, requireRole('manager'), async (ctx) => {
    const fv = formValue(ctx);
    try {
      const res = await ctx.transaction((tx) => tiers.save(tx, ctx.member!, ctx.value.clientId, fv));
      const notice = res.proposed
        ? ctx.t('tier.sent', { tier: ctx.t(`tier.label.${res.proposed}`) })
        : ctx.t('tier.saved');
      ctx.toast('success', notice);
      ctx.updateCard(await render(ctx, ctx.value.clientId, undefined, notice));
    } catch (err) {
      if (!(err instanceof FormError)) throw err;
      const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, ctx.t(v.key, v.params)]));
      ctx.toast('error', ctx.t('form.has_errors', { count: Object.keys(errors).length }));
      ctx.updateCard(await render(ctx, ctx.value.clientId, { values: err.values, errors }));
    }
  });

  r.action('tier.handover', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    const fv = formValue(ctx);
    const to = typeof fv.to === 'string' ? fv.to : '';
    const reason = typeof fv.reason === 'string' ? fv.reason : null;
    await ctx.transaction((tx) => tiers.requestHandover(tx, ctx.member!, ctx.value.clientId, to, reason));
    ctx.toast('success', ctx.t('handover.sent'));
    if (hasRole(ctx.member, 'manager'))
      ctx.updateCard(await render(ctx, ctx.value.clientId, undefined, ctx.t('handover.sent')));
    else ctx.updateCard(await renderHandover(ctx, ctx.value.clientId, ctx.t('handover.sent')));
  });

  r.command(/^移交大客户\s*(.*)$/, requireRole('agent', 'manager'), async (ctx) => {
    const text = (ctx.match?.[1] ?? '').trim();
    if (!text) return ctx.reply(ctx.t('handover.usage'));
    const mine = hasRole(ctx.member, 'manager') ? undefined : ctx.member!.openId;
    const found = await ctx.transaction(async (tx) => {
      const hits = (await tx.clients.findByText({ text, offset: 0, limit: 50 })).items;
      // An agent hands over only their own clients, so only those are offered.
      return { items: hits.filter((c) => !mine || (c.owner.kind === 'agent' && c.owner.openId === mine)).slice(0, 10) };
    });
    if (found.items.length === 0) return ctx.reply(ttext(mine ? 'handover.no_own_match' : 'tier.no_match', { text }));
    if (found.items.length > 1) return ctx.replyCard(pickClientCard(found.items, 'handover.open'));
    await ctx.replyCard(await renderHandover(ctx, found.items[0]!.id));
  });

  r.action('handover.open', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    ctx.updateCard(await renderHandover(ctx, ctx.value.clientId));
  });

  r.command(['移交记录'], requireRole('agent', 'manager', 'key_account'), async (ctx) => {
    const views = await ctx.transaction((tx) => tiers.handoversFor(tx, ctx.member!));
    await ctx.replyCard(handoverListCard(views, config.timezone));
  });

  async function render(ctx: BotContext, clientId: number, state?: FormState, notice?: string) {
    return ctx.transaction(async (tx) => {
      const v = await tiers.view(tx, ctx.member!, clientId);
      return tierCard({
        ...v,
        keyAccounts: await tiers.keyAccountMembers(tx),
        ...(state ? { state } : {}),
        ...(notice ? { notice } : {}),
      });
    });
  }

  async function renderHandover(ctx: BotContext, clientId: number, notice?: string) {
    return ctx.transaction(async (tx) => {
      const client: Client | undefined = await tx.clients.get(clientId);
      if (!client) throw notFound('tier.client_not_found', { id: clientId });
      return handoverCard(client, await tiers.keyAccountMembers(tx), notice);
    });
  }

  return r;
}

function formValue(ctx: BotContext): Record<string, unknown> {
  return (ctx.update.kind === 'card' && ctx.update.formValue) || {};
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    tiers: TierService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

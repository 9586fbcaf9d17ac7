import { z } from 'zod';
import { ROLES } from '../../domain/members/roles.js';
import { notFound } from '../../domain/shared/errors.js';
import { t } from '../../i18n/index.js';
import { button } from '../cards/card-kit.js';
import { clientListCard } from '../cards/client-cards.js';
import { feedbackCards, feedbackFormCard } from '../cards/feedback-cards.js';
import { satisfactionCard, satisfactionCards } from '../cards/kpi-cards.js';
import { SatisfactionService } from '../../domain/feedback/satisfaction.service.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import { formValueOf, replyForm, submitForm } from './form-submit.js';
import type { FeedbackService } from '../../domain/feedback/feedback.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = [
  'feedback.close',
  'feedback.open',
  'feedback.pick',
  'feedback.submit',
  'satisfaction.record',
] as const;

const anyone = requireRole(...ROLES);

/**
 * R-FB-1: `反馈 <客户>` (or 反馈 on a client's card) opens the quick form; the client's agent gets the
 * item with its due date and closes it with what was done. Anyone in the department may log one.
 */
export function feedbackFeature({ services, menu, config, clock }: FeatureDeps): Router {
  const r = new Router();
  const cards = feedbackCards(config.timezone);
  menu.add({ labelKey: 'menu.feedback', command: '反馈', roles: [...ROLES], order: 58 });

  const clientOf = async (ctx: BotContext, id: number) => {
    const c = await ctx.transaction((tx) => tx.clients.get(id));
    if (!c) throw notFound('client.not_found', { id });
    return c;
  };

  const picker = async (ctx: BotContext, q: string, page: number) => {
    const viewer = { member: ctx.member!, inGroup: false };
    const res = await ctx.transaction((tx) => services.clients.search(tx, viewer, q, page));
    return clientListCard({
      title: t('feedback.pick_title'),
      intro: t('feedback.pick_intro'),
      page: res,
      rowButton: (v) => button(t('clients.pick'), { a: 'feedback.open', clientId: v.client.id }, 'primary'),
      pageValue: (p) => ({ a: 'feedback.pick', q, page: p }),
      empty: t('clients.none'),
    });
  };

  r.command(/^(?:反馈|客户反馈|投诉)(?:\s+(.*))?$/, anyone, async (ctx) => {
    const q = (ctx.match?.[1] ?? '').trim();
    if (!q) return ctx.reply(ctx.t('feedback.usage'));
    const viewer = { member: ctx.member!, inGroup: false };
    const found = await ctx.transaction((tx) => services.clients.search(tx, viewer, q, 1));
    if (found.total === 1 && found.items[0]) {
      const c = found.items[0].client;
      return replyForm(ctx, feedbackFormCard({ id: c.id, name: c.name }));
    }
    await replyForm(ctx, await picker(ctx, q, 1));
  });

  r.action(
    'feedback.pick',
    z.object({ a: z.string(), q: z.string().max(50), page: z.number().int().min(1) }),
    anyone,
    async (ctx) => {
      ctx.updateCard(await picker(ctx, ctx.value.q, ctx.value.page));
    },
  );

  r.action('feedback.open', z.object({ a: z.string(), clientId: z.number().int().positive() }), anyone, async (ctx) => {
    const c = await clientOf(ctx, ctx.value.clientId);
    ctx.updateCard(feedbackFormCard({ id: c.id, name: c.name }));
  });

  r.action(
    'feedback.submit',
    z.object({ a: z.string(), clientId: z.number().int().positive() }),
    anyone,
    async (ctx) => {
      const c = await clientOf(ctx, ctx.value.clientId);
      await submitForm(ctx, {
        fields: ['fb_kind', 'fb_content'],
        run: (tx) => services.feedback.log(tx, ctx.member!, c.id, formValueOf(ctx)),
        again: (state) => feedbackFormCard({ id: c.id, name: c.name }, state),
        done: (v) => cards.logged(v),
        toast: () => t('feedback.saved'),
      });
    },
  );

  r.action('feedback.close', z.object({ a: z.string(), id: z.number().int().positive() }), anyone, async (ctx) => {
    const id = ctx.value.id;
    await submitForm(ctx, {
      fields: ['fb_resolution'],
      run: (tx) => services.feedback.close(tx, ctx.member!, id, formValueOf(ctx)?.fb_resolution),
      again: async (state) => cards.ownerCard(await ctx.transaction((tx) => services.feedback.view(tx, id)), state),
      done: (v) => cards.ownerCard(v),
      toast: () => t('feedback.closed_toast'),
    });
  });

  // R-FB-2: the agent answers the survey card; it comes back filled in when the score is missing.
  const surveys = new SatisfactionService({ clock, timezone: config.timezone, cards: satisfactionCards });
  r.action('satisfaction.record', z.object({ a: z.string(), id: z.number().int().positive() }), anyone, async (ctx) => {
    const id = ctx.value.id;
    await submitForm(ctx, {
      fields: ['sat_score', 'sat_note'],
      run: (tx) => surveys.record(tx, ctx.member!, id, formValueOf(ctx)),
      again: async (state) => satisfactionCard(await ctx.transaction((tx) => surveys.view(tx, id)), state),
      done: (v) => satisfactionCard(v),
      toast: () => t('satisfaction.saved'),
    });
  });

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    feedback: FeedbackService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

import { z } from 'zod';
import type { Viewer } from '../../domain/clients/client.service.js';
import { notFound } from '../../domain/shared/errors.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import {
  callFields,
  callFormCard,
  callResultCard,
  gradeGroupsCard,
  newNumberFields,
  newNumberTop,
} from '../cards/call-cards.js';
import { button } from '../cards/card-kit.js';
import { mineFilters } from '../cards/client-cards.js';
import { revisitPlanFormCard } from '../cards/form-cards.js';
import type { FormState } from '../cards/form-kit.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps, Services } from '../services.js';
import { clientPicker, pickOrOpenClient } from './client-picker.js';
import { clientButton, formValueOf, submitForm } from './form-submit.js';
import type { CallService } from '../../domain/calls/call.service.js';
import type { FollowUpService } from '../../domain/follow-up/follow-up.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['call.new', 'call.open', 'call.pick', 'call.submit', 'followup.plan'] as const;

/** Clients shown per grade on the grouped 我的客户 (the rest are a tap away). */
const PER_GROUP = 3;

/**
 * 我的客户 grouped by grade (R-DAY-4): each grade's count, how many are due for a follow-up today, its
 * first clients with 详情, and a button to the grade's full pages.
 */
export async function gradeGroups(services: Services, ctx: BotContext, viewer: Viewer): Promise<CardJson> {
  const flag = viewer.inGroup ? { g: 1 } : {};
  const today = services.calls.today();
  const { total, groups } = await ctx.transaction(async (tx) => {
    const res = await services.followUps.gradeGroups(tx, viewer.member.openId, today, PER_GROUP);
    const out = [];
    for (const g of res.groups) out.push({ ...g, items: await services.clients.views(tx, viewer, g.items) });
    return { total: res.total, groups: out };
  });
  return gradeGroupsCard({
    title: t('clients.mine_title'),
    total,
    cadence: services.followUps.cadence,
    groups,
    rowButton: (v) => button(t('clients.detail'), { a: 'client.detail', clientId: v.client.id, ...flag }),
    filterValue: (grade) => ({ a: 'clients.mine.page', page: 1, ...(grade ? { grade } : {}), ...flag }),
    filters: mineFilters({}),
    empty: t('clients.none_mine'),
  });
}

/**
 * 电话记录 (R-DAY-3): `call` / `来电` / `去电` (or the menu) opens the agent's clients with a form for a
 * new number on top; a picked client opens the quick form; each call answers with "今日 n/50". 安排回访
 * (R-DAY-4) opens the revisit plan for a client from any list that carries the button.
 */
export function callsFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const calls = services.calls;
  menu.add({ labelKey: 'menu.call', command: 'call', roles: ['agent'], order: 19 });

  const progress = (ctx: BotContext) => ctx.transaction((tx) => calls.progress(tx, ctx.member!));
  const picker = async (ctx: BotContext, page: number, q = '', state?: FormState) =>
    clientPicker(services, ctx, 'call', q, page, newNumberTop(await progress(ctx), state));
  const loadClient = (ctx: BotContext, id: number) =>
    ctx.transaction(async (tx) => {
      const c = await tx.clients.get(id);
      if (!c) throw notFound('client.not_found', { id });
      return c;
    });
  const ownClient = (ctx: BotContext, id: number) =>
    ctx.transaction((tx) => services.clients.requireFilable(tx, { ...ctx.member!, roles: ['agent'] }, id));

  r.command(/^(?:call|来电|去电)(?:\s+(.*))?$/i, requireRole('agent'), async (ctx) => {
    const q = (ctx.match?.[1] ?? '').trim().slice(0, 50);
    const p = await progress(ctx);
    await pickOrOpenClient(services, ctx, 'call', q, (c) => callFormCard(c, p), newNumberTop(p));
  });

  r.action(
    'call.pick',
    z.object({ a: z.string(), page: z.number().int().min(1).max(1000), q: z.string().max(50).optional() }),
    requireRole('agent'),
    async (ctx) => {
      ctx.updateCard(await picker(ctx, ctx.value.page, ctx.value.q ?? ''));
    },
  );

  r.action('call.new', z.object({ a: z.string() }), requireRole('agent'), async (ctx) => {
    ctx.updateCard(await picker(ctx, 1));
  });

  r.action('call.open', clientButton, requireRole('agent'), async (ctx) => {
    const client = await ownClient(ctx, ctx.value.clientId);
    ctx.updateCard(callFormCard(client, await progress(ctx)));
  });

  r.action(
    'call.submit',
    z.object({ a: z.string(), clientId: z.number().int().positive().optional() }),
    requireRole('agent'),
    async (ctx) => {
      const { clientId } = ctx.value;
      await submitForm(ctx, {
        fields: (clientId ? callFields : newNumberFields).map((d) => d.name),
        run: (tx) => calls.log(tx, ctx.member!, clientId, formValueOf(ctx)),
        again: async (state) =>
          clientId
            ? callFormCard(await loadClient(ctx, clientId), await progress(ctx), state)
            : picker(ctx, 1, '', state),
        toast: (res) => t('call.toast', { today: res.today, target: res.target }),
        done: (res) => callResultCard(res),
      });
    },
  );

  // 安排回访 (R-DAY-4): from a reminder, the manager's plan or a call's result; the list it came from stays.
  r.action('followup.plan', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    const client = await ctx.transaction((tx) => services.clients.requireFilable(tx, ctx.member!, ctx.value.clientId));
    await ctx.replyCard(revisitPlanFormCard(client));
  });

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    /** R-DAY-3 call log. */
    calls: CallService;
    /** R-DAY-4 follow-ups by grade. */
    followUps: FollowUpService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

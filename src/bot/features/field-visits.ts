import { z } from 'zod';
import { DomainError, FormError } from '../../domain/shared/errors.js';
import { splitPlaces } from '../../domain/field-visits/field-visit.rules.js';
import {
  awaitingLogCard,
  logFiledCard,
  logFormCard,
  planFormCard,
  planSubmittedCard,
  unreviewedCard,
  unvisitedCard,
  visitCards,
  type FormState,
} from '../cards/field-visit-cards.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { FieldVisitService } from '../../domain/field-visits/field-visit.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['fv.log.open', 'fv.log.review', 'fv.log.save', 'fv.plan.save'] as const;

const CLIENT_OPTIONS = 50;

/** 走访计划 → approval (R-FV-1) → 走访日志 → 已阅 (R-FV-2); 未走访客户 (R-FV-3). */
export function fieldVisitsFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const visits = services.fieldVisits;
  const tz = config.timezone;
  const cards = visitCards(tz);
  menu.add({ labelKey: 'menu.visit_plan', command: '走访计划', roles: ['agent'], order: 20 });
  menu.add({ labelKey: 'menu.visit_log', command: '走访日志', roles: ['agent'], order: 21 });
  menu.add({ labelKey: 'menu.visit_review', command: '待阅日志', roles: ['manager'], order: 31 });
  menu.add({ labelKey: 'menu.unvisited', command: '未走访客户', roles: ['agent', 'manager', 'leader'], order: 32 });

  const clientOptions = (ctx: BotContext) =>
    ctx.transaction(async (tx) =>
      (await tx.clients.search({ ownerOpenId: ctx.member!.openId, limit: CLIENT_OPTIONS })).items.map((c) => ({
        value: String(c.id),
        text: c.shopName ? `${c.name}（${c.shopName}）` : c.name,
      })),
    );

  r.command(['走访计划', '走访计划表'], requireRole('agent'), async (ctx) => {
    await ctx.replyCard(planFormCard(await clientOptions(ctx)));
  });

  r.action('fv.plan.save', z.object({ a: z.string() }), requireRole('agent'), async (ctx) => {
    const fv = formValue(ctx);
    const input = {
      visitDate: dateOf(fv.visit_date),
      clientIds: strings(fv.clients)
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0),
      places: splitPlaces(text(fv.places)),
      purpose: text(fv.purpose).trim(),
    };
    try {
      const plan = await ctx.transaction((tx) => visits.filePlan(tx, ctx.member!, input));
      ctx.toast('success', ctx.t('visit.plan.sent'));
      ctx.updateCard(planSubmittedCard(plan));
    } catch (err) {
      const state = formState(ctx, err);
      ctx.updateCard(planFormCard(await clientOptions(ctx), state));
    }
  });

  r.command(['走访日志', '写走访日志'], requireRole('agent'), async (ctx) => {
    const plans = await ctx.transaction((tx) => visits.plansAwaitingLog(tx, ctx.member!));
    if (plans.length === 0) return ctx.reply(ctx.t('visit.log.none_due'));
    if (plans.length > 1) return ctx.replyCard(awaitingLogCard(plans));
    await ctx.replyCard(await logForm(ctx, plans[0]!.id));
  });

  r.action(
    'fv.log.open',
    z.object({ a: z.string(), planId: z.number().int().positive() }),
    requireRole('agent'),
    async (ctx) => {
      ctx.updateCard(await logForm(ctx, ctx.value.planId));
    },
  );

  r.action(
    'fv.log.save',
    z.object({ a: z.string(), planId: z.number().int().positive() }),
    requireRole('agent'),
    async (ctx) => {
      const fv = formValue(ctx);
      const outcomes = Object.keys(fv)
        .filter((k) => /^outcome_\d+$/.test(k))
        .map((k) => {
          const id = Number(k.slice('outcome_'.length));
          return { clientId: id, outcome: text(fv[k]), grade: text(fv[`grade_${id}`]) };
        });
      // A client whose outcome box was left empty sends no key at all: keep its grade so the form refills.
      for (const k of Object.keys(fv).filter((x) => /^grade_\d+$/.test(x))) {
        const id = Number(k.slice('grade_'.length));
        if (!outcomes.some((o) => o.clientId === id)) outcomes.push({ clientId: id, outcome: '', grade: text(fv[k]) });
      }
      try {
        const log = await ctx.transaction((tx) =>
          visits.fileLog(tx, ctx.member!, ctx.value.planId, { summary: text(fv.summary), outcomes }),
        );
        ctx.toast(log.late ? 'warning' : 'success', ctx.t(log.late ? 'visit.log.sent_late' : 'visit.log.sent'));
        ctx.updateCard(logFiledCard(log, tz));
      } catch (err) {
        const state = formState(ctx, err);
        ctx.updateCard(await logForm(ctx, ctx.value.planId, state));
      }
    },
  );

  r.command(['待阅日志', '走访日志待阅'], requireRole('manager'), async (ctx) => {
    const { items, total } = await ctx.transaction((tx) => visits.unreviewed(tx, ctx.member!));
    await ctx.replyCard(unreviewedCard(items, total, tz));
  });

  r.action(
    'fv.log.review',
    z.object({ a: z.string(), id: z.number().int().positive(), from: z.enum(['card', 'list']).optional() }),
    requireRole('manager'),
    async (ctx) => {
      const comment = text(formValue(ctx).comment).trim() || null;
      try {
        await ctx.transaction((tx) => visits.review(tx, ctx.member!, ctx.value.id, comment));
        ctx.toast('success', ctx.t('visit.review.marked'));
      } catch (err) {
        if (!(err instanceof DomainError) || err.messageKey !== 'visit.review.already') throw err;
        ctx.toast('warning', ctx.t(err.messageKey, err.params));
      }
      if (ctx.value.from === 'list') {
        const { items, total } = await ctx.transaction((tx) => visits.unreviewed(tx, ctx.member!));
        ctx.updateCard(unreviewedCard(items, total, tz));
      } else {
        ctx.updateCard(cards.reviewCard(await ctx.transaction((tx) => visits.logView(tx, ctx.value.id))));
      }
    },
  );

  r.command(['未走访客户', '未走访'], requireRole('agent', 'manager', 'leader'), async (ctx) => {
    const { groups, total } = await ctx.transaction((tx) => visits.unvisited(tx, ctx.member!));
    await ctx.replyCard(unvisitedCard(groups, total));
  });

  async function logForm(ctx: BotContext, planId: number, state?: FormState) {
    const { plan, clients } = await ctx.transaction((tx) => visits.planForLog(tx, ctx.member!, planId));
    return logFormCard(
      plan,
      clients.map((c) => ({ id: c.id, name: c.shopName ? `${c.name}（${c.shopName}）` : c.name, grade: c.grade })),
      state,
    );
  }

  return r;
}

/** A FormError comes back as the same form, filled in, with each problem under its field. Anything else is rethrown. */
function formState(ctx: BotContext, err: unknown): FormState {
  if (!(err instanceof FormError)) throw err;
  const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, ctx.t(v.key, v.params)]));
  ctx.toast('error', ctx.t('form.has_errors', { count: Object.keys(errors).length }));
  return { values: err.values, errors };
}

function formValue(ctx: BotContext): Record<string, unknown> {
  return (ctx.update.kind === 'card' && ctx.update.formValue) || {};
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

/** The date picker sends "2026-11-24 +0800"; a typed date may come as 2026/11/24. */
function dateOf(v: unknown): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text(v).trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text(v).trim();
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    fieldVisits: FieldVisitService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

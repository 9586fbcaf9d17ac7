import { z } from 'zod';
import { hasRole } from '../../domain/members/roles.js';
import { DomainError, FormError, invalidInput } from '../../domain/shared/errors.js';
import type { Tx } from '../../domain/shared/tx.js';
import { clientNumber } from '../cards/client-number.js';
import {
  arrivalFormCard,
  createReceptionCards,
  disputeFormCard,
  disputeRaisedCard,
  disputeSearchCard,
  disputeSearchForm,
} from '../cards/reception-cards.js';
import { clientListCard } from '../cards/client-cards.js';
import { button } from '../cards/card-kit.js';
import { markup, tmd, ttext } from '../cards/safe-text.js';
import { ledgerCard, poolCard, rotationAdjustCard, rotationCard } from '../cards/rotation-cards.js';
import type { Option } from '../cards/card-kit.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { RotationService } from '../../domain/rotation/rotation.service.js';
import type { ReceptionService } from '../../domain/reception/reception.service.js';
import type { DisputeService } from '../../domain/reception/dispute.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = [
  'dispute.decide',
  'dispute.form.submit',
  'dispute.pick',
  'dispute.raise',
  'dispute.search',
  'dispute.search.open',
  'ledger.page',
  'pool.assign',
  'pool.page',
  'reception.arrive',
  'rotation.accept',
  'rotation.adjust',
  'rotation.done',
  'rotation.duty',
  'rotation.move',
  'rotation.page',
  'rotation.pass',
  'rotation.reset',
] as const;

const POOL_PAGE = 10;
const id = z.number().int().positive();

/**
 * The front desk: 新客到访 form, offers (接待 / 忙碌跳过), 轮续表 with its management
 * buttons, 公共客户, 轮续记录 and 申诉. Role checks that carry the department's own wording
 * (R-ROT-2, R-ATT-4, R-ATT-6) are made by the domain so the refusal says why.
 */
export function receptionFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const { rotation, reception, disputes } = services;
  const tz = config.timezone;
  const cards = createReceptionCards(tz);
  menu.add({ labelKey: 'menu.arrival', command: '新客到访', roles: ['front_desk', 'manager'], order: 10 });
  menu.add({ labelKey: 'menu.rotation', command: '轮续表', roles: ['front_desk', 'manager', 'agent'], order: 11 });
  menu.add({ labelKey: 'menu.claim', command: '接待', roles: ['agent'], order: 12 });
  menu.add({ labelKey: 'menu.pool', command: '公共客户', roles: ['front_desk', 'manager'], order: 13 });
  menu.add({ labelKey: 'menu.dispute', command: '申诉', roles: ['agent'], order: 15 });
  menu.add({
    labelKey: 'menu.ledger',
    command: '轮续记录',
    roles: ['front_desk', 'manager', 'agent', 'leader'],
    order: 14,
  });

  const agentOptions = async (tx: Tx): Promise<Option[]> =>
    (await tx.members.list({ role: 'agent', activeOnly: true })).map((m) => ({ value: m.openId, text: m.name }));
  const canEdit = (ctx: BotContext) => hasRole(ctx.member, 'front_desk', 'manager');
  const showRotation = async (ctx: BotContext, page = 1) =>
    rotationCard(await ctx.transaction((tx) => rotation.view(tx)), canEdit(ctx), page);

  // ── arrival ─────────────────────────────────────────────────────────────────────────────────
  r.command(['新客到访', '到访登记', '登记到访'], requireRole('front_desk', 'manager'), async (ctx) => {
    await ctx.replyCard(arrivalFormCard(await ctx.transaction(agentOptions)));
  });

  r.action('reception.arrive', z.object({ a: z.string() }), async (ctx) => {
    const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
    const str = (k: string) => (typeof fv[k] === 'string' ? (fv[k] as string) : '');
    const cardAgent = str('card_agent') === 'none' ? '' : str('card_agent');
    const raw = {
      name: str('name'),
      phone: str('phone'),
      cardAgent,
      leaderReferral: str('leader') === 'yes',
      note: str('note'),
    };
    try {
      const view = await ctx.transaction((tx) => reception.arrive(tx, ctx.member!, raw));
      ctx.toast('success', ctx.t('reception.form.toast', { id: view.walkIn.id }));
      // The form comes back empty for the next visitor; the live result card arrives as its own message.
      const notice = tmd('reception.form.registered', { id: view.walkIn.id, outcome: markup(deskOutcome(ctx, view)) });
      ctx.updateCard(arrivalFormCard(await ctx.transaction(agentOptions), { notice }));
    } catch (err) {
      if (!(err instanceof FormError)) throw err;
      const errors = Object.fromEntries(Object.entries(err.fields).map(([k, f]) => [k, ctx.t(f.key, f.params)]));
      const values = Object.fromEntries(
        Object.entries(err.values).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]),
      );
      ctx.toast('error', ctx.t(err.messageKey, err.params));
      ctx.updateCard(
        arrivalFormCard(await ctx.transaction(agentOptions), { values: { ...values, card_agent: cardAgent }, errors }),
      );
    }
  });

  // ── offers ──────────────────────────────────────────────────────────────────────────────────
  r.action('rotation.accept', z.object({ a: z.string(), offerId: id }), async (ctx) => {
    const view = await ctx.transaction((tx) => reception.accept(tx, ctx.member!, ctx.value.offerId));
    ctx.toast('success', ctx.t('offer.closed.accepted', { id: view.walkIn.id }));
    ctx.updateCard(cards.accepted(view));
  });

  r.action('rotation.pass', z.object({ a: z.string(), offerId: id }), async (ctx) => {
    const { view, offer } = await ctx.transaction((tx) => reception.pass(tx, ctx.member!, ctx.value.offerId));
    ctx.toast('info', ctx.t('offer.closed.passed', { id: view.walkIn.id }));
    ctx.updateCard(cards.offerClosed(view, offer));
  });

  r.command(['接待', '我来接待', '抢接'], async (ctx) => {
    // The answer commits with the claim: never a claimed walk-in without its card.
    await ctx.transaction(async (tx) => ctx.replyCard(cards.accepted(await reception.claim(tx, ctx.member!))));
  });

  r.action('rotation.done', z.object({ a: z.string(), walkInId: id.optional() }), async (ctx) => {
    const freed = await ctx.transaction((tx) => rotation.markFree(tx, ctx.member!, ctx.senderOpenId));
    ctx.toast(freed ? 'success' : 'info', ctx.t(freed ? 'reception.freed' : 'reception.not_busy'));
  });
  r.command(['接待完成'], async (ctx) => {
    await ctx.transaction(async (tx) => {
      const freed = await rotation.markFree(tx, ctx.member!, ctx.senderOpenId);
      await ctx.reply(ctx.t(freed ? 'reception.freed' : 'reception.not_busy'));
    });
  });

  // ── rotation card ───────────────────────────────────────────────────────────────────────────
  r.command(['轮续表', '轮续', '轮序表'], requireRole('front_desk', 'manager', 'agent', 'leader'), async (ctx) => {
    await ctx.replyCard(await showRotation(ctx));
  });
  r.action('rotation.page', z.object({ a: z.string(), page: z.number().int().min(1).max(100) }), async (ctx) => {
    ctx.updateCard(await showRotation(ctx, ctx.value.page));
  });
  r.action(
    'rotation.adjust',
    z.object({ a: z.string(), agent: z.string().min(3).max(64), page: z.number().int().min(1).max(100) }),
    requireRole('front_desk', 'manager'),
    async (ctx) => {
      const v = await ctx.transaction((tx) => rotation.view(tx));
      const adjust = rotationAdjustCard(v, ctx.value.agent, ctx.value.page);
      if (!adjust) {
        ctx.toast('warning', ctx.t('error.stale_button'));
        ctx.updateCard(rotationCard(v, canEdit(ctx), ctx.value.page));
        return;
      }
      ctx.updateCard(adjust);
    },
  );
  r.action(
    'rotation.duty',
    z.object({
      a: z.string(),
      agent: z.string().min(3).max(64),
      on: z.boolean(),
      page: z.number().int().min(1).max(100).optional(),
    }),
    async (ctx) => {
      await ctx.transaction((tx) => reception.setDuty(tx, ctx.member!, ctx.value.agent, ctx.value.on));
      ctx.toast('success', ctx.t('rotation.changed'));
      ctx.updateCard(await showRotation(ctx, ctx.value.page));
    },
  );
  r.action(
    'rotation.move',
    z.object({
      a: z.string(),
      agent: z.string().min(3).max(64),
      dir: z.enum(['up', 'down']),
      page: z.number().int().min(1).max(100).optional(),
    }),
    async (ctx) => {
      await ctx.transaction((tx) => rotation.move(tx, ctx.member!, ctx.value.agent, ctx.value.dir));
      ctx.toast('success', ctx.t('rotation.changed'));
      ctx.updateCard(await showRotation(ctx, ctx.value.page));
    },
  );
  r.action('rotation.reset', z.object({ a: z.string() }), async (ctx) => {
    await ctx.transaction((tx) => rotation.reset(tx, ctx.member!));
    ctx.toast('success', ctx.t('rotation.changed'));
    ctx.updateCard(await showRotation(ctx));
  });

  // ── ledger ──────────────────────────────────────────────────────────────────────────────────
  r.command(/^(轮续记录|轮序记录)\s*(\S*)$/, requireRole('front_desk', 'manager', 'agent', 'leader'), async (ctx) => {
    const day = ctx.match?.[2] || rotation.today();
    const { entries, replayed, names, facts } = await ctx.transaction((tx) => rotation.ledger(tx, day));
    await ctx.replyCard(ledgerCard(day, entries, replayed, names, tz, { facts, ruleIds: ruleIds(ctx) }));
  });
  // Summary first, rows on demand (page 0 is the summary): a day's ledger is read on a phone.
  r.action(
    'ledger.page',
    z.object({
      a: z.string(),
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      page: z.number().int().min(0).max(10_000),
    }),
    requireRole('front_desk', 'manager', 'agent', 'leader'),
    async (ctx) => {
      const { day, page } = ctx.value;
      const { entries, replayed, names, facts } = await ctx.transaction((tx) => rotation.ledger(tx, day));
      ctx.updateCard(ledgerCard(day, entries, replayed, names, tz, { facts, page, ruleIds: ruleIds(ctx) }));
    },
  );

  // ── public pool ─────────────────────────────────────────────────────────────────────────────
  const renderPool = async (ctx: BotContext, page: number, state: { notice?: string; error?: string } = {}) =>
    ctx.transaction(async (tx) => {
      const { items, total } = await disputes.pool(tx, ctx.member!, page, POOL_PAGE);
      const agents = hasRole(ctx.member, 'manager') ? await agentOptions(tx) : undefined;
      return poolCard(items, total, page, POOL_PAGE, agents, tz, state);
    });
  r.command(['公共客户', '公海', '公共业绩'], async (ctx) => {
    await ctx.replyCard(await renderPool(ctx, 1));
  });
  r.action('pool.page', z.object({ a: z.string(), page: z.number().int().min(1).max(10_000) }), async (ctx) => {
    ctx.updateCard(await renderPool(ctx, ctx.value.page));
  });
  r.action(
    'pool.assign',
    z.object({ a: z.string(), page: z.number().int().min(1).max(10_000).optional() }),
    async (ctx) => {
      const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
      const clientId = Number(fv.client);
      const agent = typeof fv.agent === 'string' ? fv.agent : '';
      const reason = typeof fv.reason === 'string' ? fv.reason : '';
      try {
        if (!Number.isInteger(clientId) || clientId <= 0 || !agent) throw invalidInput('pool.pick_required');
        const done = await ctx.transaction((tx) => disputes.assignFromPool(tx, ctx.member!, clientId, agent, reason));
        ctx.toast('success', ctx.t('pool.assigned', { client: done.clientName, agent: done.agentName }));
        ctx.updateCard(
          await renderPool(ctx, ctx.value.page ?? 1, {
            notice: tmd('pool.assigned', { client: done.clientName, agent: done.agentName }),
          }),
        );
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'forbidden') throw err;
        const text = ctx.t(err.messageKey, err.params);
        ctx.toast('error', text);
        ctx.updateCard(await renderPool(ctx, ctx.value.page ?? 1, { error: text }));
      }
    },
  );

  // ── disputes ────────────────────────────────────────────────────────────────────────────────
  r.command(/^(申诉|归属申诉)\s*(\S*)\s*(.*)$/, async (ctx) => {
    const query = ctx.match?.[2] ?? '';
    // The menu button (or the bare word) opens the client search; typed with a client it is filed at once.
    if (!query) return ctx.replyCard(disputeSearchCard());
    await ctx.transaction(async (tx) => {
      const view = await disputes.raise(tx, ctx.member!, query, ctx.match?.[3] ?? '');
      await ctx.reply(ttext('dispute.raised', { client: view.clientName, id: view.dispute.id }));
    });
  });
  // A 申诉 button other cards can carry (e.g. a 撞单 notice): `{ a: 'dispute.raise', clientId, reason? }`;
  // a form field named `reason` is used when the button submits a form.
  r.action(
    'dispute.raise',
    z.object({ a: z.string(), clientId: id, reason: z.string().max(500).optional() }),
    async (ctx) => {
      const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
      const reason = typeof fv.reason === 'string' && fv.reason.trim() ? fv.reason : (ctx.value.reason ?? '');
      const view = await ctx.transaction((tx) =>
        disputes.raise(tx, ctx.member!, { clientId: ctx.value.clientId }, reason),
      );
      ctx.toast('success', ctx.t('dispute.raised', { client: view.clientName, id: view.dispute.id }));
    },
  );
  // ── the dispute's client picker: search (masked results, R-INFO-2), pick, then the reason ──
  const pickedClient = (ctx: BotContext, clientId: number) =>
    ctx.transaction(async (tx) => {
      const c = await tx.clients.get(clientId);
      if (!c) throw invalidInput('dispute.client_not_found', { query: String(clientId) });
      const owner =
        c.owner.kind === 'agent' ? ((await tx.members.get(c.owner.openId))?.name ?? '—') : ctx.t('owner.pool');
      return {
        id: c.id,
        label: ctx.t('dispute.pick.label', { name: c.name, no: clientNumber({ regNo: c.regNo }), owner }),
      };
    });
  r.action('dispute.search.open', z.object({ a: z.string() }), async (ctx) => {
    ctx.updateCard(disputeSearchCard());
  });
  r.action(
    'dispute.search',
    z.object({ a: z.string(), q: z.string().max(50).optional(), page: z.number().int().min(1).max(1000).optional() }),
    async (ctx) => {
      const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
      const q = (typeof fv.q === 'string' ? fv.q : (ctx.value.q ?? '')).trim().slice(0, 50);
      if (!q) {
        const error = ctx.t('dispute.pick.none');
        ctx.toast('error', error);
        return ctx.updateCard(disputeSearchCard({ error }));
      }
      const viewer = { member: ctx.member!, inGroup: false };
      const res = await ctx.transaction((tx) => services.clients.search(tx, viewer, q, ctx.value.page ?? 1));
      // One's own clients need no dispute: they are not offered.
      const own = (v: (typeof res.items)[number]) =>
        v.client.owner.kind === 'agent' && v.client.owner.openId === ctx.member!.openId;
      const items = res.items.filter((v) => !own(v));
      ctx.toast('info', ctx.t('dispute.pick.list_intro'));
      ctx.updateCard(
        clientListCard({
          title: ctx.t('dispute.form.title'),
          intro: ctx.t('dispute.pick.list_intro'),
          top: [disputeSearchForm({ q })],
          page: { ...res, items, total: res.total - (res.items.length - items.length) },
          rowButton: (v) => button(ctx.t('clients.pick'), { a: 'dispute.pick', clientId: v.client.id }, 'primary'),
          pageValue: (page) => ({ a: 'dispute.search', q, page }),
          empty: ctx.t('dispute.pick.none'),
        }),
      );
    },
  );
  r.action('dispute.pick', z.object({ a: z.string(), clientId: id }), async (ctx) => {
    ctx.updateCard(disputeFormCard({ client: await pickedClient(ctx, ctx.value.clientId) }));
  });
  r.action('dispute.form.submit', z.object({ a: z.string(), clientId: id.optional() }), async (ctx) => {
    const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
    const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
    const values = { query: text(fv.query, 50), reason: text(fv.reason, 500) };
    const picked = ctx.value.clientId;
    if (picked !== undefined) {
      const client = await pickedClient(ctx, picked);
      const refuse = (error: string) => {
        ctx.toast('error', error);
        ctx.updateCard(disputeFormCard({ client, values, error }));
      };
      if (!values.reason) return refuse(ctx.t('dispute.err.reason_required'));
      try {
        const view = await ctx.transaction((tx) =>
          disputes.raise(tx, ctx.member!, { clientId: picked }, values.reason),
        );
        ctx.toast('success', ctx.t('dispute.raised', { client: view.clientName, id: view.dispute.id }));
        ctx.updateCard(disputeRaisedCard(view));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        refuse(ctx.t(err.messageKey, err.params));
      }
      return;
    }
    try {
      const view = await ctx.transaction((tx) => disputes.raise(tx, ctx.member!, values.query, values.reason));
      const done = ctx.t('dispute.raised', { client: view.clientName, id: view.dispute.id });
      ctx.toast('success', done);
      ctx.updateCard(disputeRaisedCard(view));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const message = ctx.t(err.messageKey, err.params);
      ctx.toast('error', message);
      ctx.updateCard(disputeFormCard({ values, error: message }));
    }
  });
  r.action(
    'dispute.decide',
    z.object({ a: z.string(), disputeId: id, decision: z.enum(['keep', 'claimant', 'pool']) }),
    async (ctx) => {
      const view = await ctx.transaction((tx) =>
        disputes.decide(tx, ctx.member!, ctx.value.disputeId, ctx.value.decision),
      );
      ctx.toast('success', ctx.t('dispute.decided_title', { no: clientNumber({ regNo: view.clientRegNo }) }));
      ctx.updateCard(cards.disputeDecided(view));
    },
  );

  return r;
}

/** Rule IDs are for a manager checking a decision; agents, the desk and leaders read the rule in words. */
const ruleIds = (ctx: BotContext) => hasRole(ctx.member, 'manager');

function deskOutcome(ctx: BotContext, view: Parameters<ReturnType<typeof createReceptionCards>['desk']>[0]): string {
  const w = view.walkIn;
  const pending = view.offers.find((o) => o.status === 'pending');
  if (w.status === 'offered' && pending)
    return tmd('desk.status.offered', { agent: view.names[pending.agent] ?? '', deadline: '' }).replace(/（.*）/, '');
  if (w.status === 'pool') return ctx.t('desk.status.pool');
  return tmd(w.status === 'accepted' ? 'desk.status.accepted' : 'desk.status.assigned', {
    agent: w.owner ? (view.names[w.owner] ?? '') : '',
  });
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    rotation: RotationService;
    reception: ReceptionService;
    disputes: DisputeService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

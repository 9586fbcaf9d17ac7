import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { GRADES, PIPELINE_STATES, type Grade, type PipelineState } from '../../domain/clients/client.js';
import type { ClientView, Viewer } from '../../domain/clients/client.service.js';
import { canSeeOwnershipHistory } from '../../domain/reception/ownership-history.js';
import { loadOwnershipHistory } from '../../domain/reception/ownership-history.query.js';
import { hasRole } from '../../domain/members/roles.js';
import { forbidden, notFound } from '../../domain/shared/errors.js';
import { t } from '../../i18n/index.js';
import { button } from '../cards/card-kit.js';
import {
  clientDetailCard,
  clientListCard,
  detailButton,
  mineFilters,
  phoneRevealCard,
  revealButton,
  searchFormCard,
} from '../cards/client-cards.js';
import { dateTime, formatTime } from '../cards/time-format.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import { formValueOf } from './form-submit.js';
import { gradeGroups } from './calls.js';
import type { ClientService } from '../../domain/clients/client.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = [
  'client.detail',
  'client.phone.reveal',
  'client.recall_lock',
  'client.search.submit',
  'clients.mine.page',
  'clients.search.page',
] as const;

const STATE_WORDS: Record<string, PipelineState> = {
  意向: 'intent',
  跟进: 'following',
  跟进中: 'following',
  定金: 'deposit',
  已交定金: 'deposit',
  签约: 'signed',
  已签约: 'signed',
  流失: 'lost',
};

/** `我的客户 A 跟进中` → grade and state filters; unknown words are ignored. */
export function parseMineFilter(text: string): { grade?: Grade; state?: PipelineState } {
  const out: { grade?: Grade; state?: PipelineState } = {};
  for (const w of text.split(/[\s,，、]+/).filter(Boolean)) {
    const up = w.toUpperCase();
    if ((GRADES as readonly string[]).includes(up)) out.grade = up as Grade;
    else if (STATE_WORDS[w]) out.state = STATE_WORDS[w];
  }
  return out;
}

/** Lists are read where they are shown: in a group chat (flag `g` on the card's buttons) phones stay masked. */
const viewerOf = (ctx: BotContext, g?: number): Viewer => ({ member: ctx.member!, inGroup: ctx.isGroup || g === 1 });

/**
 * 查看电话 is only for the person and the private chat it was shown to (R-INFO-2). A card callback
 * does not say whether its chat is a group, so the button carries its chat and a keyed proof of
 * (person, chat, client): a card forwarded into a group, or a value made by hand, does not match.
 */
function revealProofs(secret: string | undefined) {
  const key = secret || randomBytes(32).toString('hex');
  const sign = (openId: string, chat: string, clientId: number) =>
    createHmac('sha256', key).update(`reveal|${openId}|${chat}|${clientId}`).digest('base64url').slice(0, 22);
  return {
    make: (ctx: BotContext, v: ClientView) =>
      v.canReveal && ctx.chatId
        ? { chat: ctx.chatId, k: sign(ctx.member!.openId, ctx.chatId, v.client.id) }
        : undefined,
    valid: (ctx: BotContext, chat: string, clientId: number, k: string) => {
      const want = Buffer.from(sign(ctx.member!.openId, chat, clientId));
      const got = Buffer.from(k);
      return got.length === want.length && timingSafeEqual(got, want);
    },
  };
}

/** 我的客户, 查, client details (R-INFO-2). */
export function clientsFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const clients = services.clients;
  const proofs = revealProofs(config.lark?.appSecret);
  menu.add({ labelKey: 'menu.my_clients', command: '我的客户', roles: ['agent'], order: 21 });
  menu.add({ labelKey: 'menu.search', command: '查', roles: ['agent', 'front_desk', 'manager', 'leader'], order: 22 });

  const renderMine = async (
    ctx: BotContext,
    filter: { grade?: Grade; state?: PipelineState },
    page: number,
    g?: number,
  ) => {
    const viewer = viewerOf(ctx, g);
    const res = await ctx.transaction((tx) => clients.mine(tx, viewer, filter, page));
    const flag = viewer.inGroup ? { g: 1 } : {};
    return clientListCard({
      title: t('clients.mine_title'),
      page: res,
      filters: mineFilters(filter),
      rowButton: (v) => button(t('clients.detail'), { a: 'client.detail', clientId: v.client.id, ...flag }),
      pageValue: (p) => ({ a: 'clients.mine.page', page: p, ...filter, ...flag }),
      empty: filter.grade || filter.state ? t('clients.none') : t('clients.none_mine'),
    });
  };

  const renderSearch = async (ctx: BotContext, q: string, page: number, g?: number) => {
    const viewer = viewerOf(ctx, g);
    const res = await ctx.transaction((tx) => clients.search(tx, viewer, q, page));
    const flag = viewer.inGroup ? { g: 1 } : {};
    return clientListCard({
      title: `${t('clients.search_title')}：${q}`,
      page: res,
      rowButton: (v) => {
        if (viewer.inGroup) return button(t('clients.detail'), { a: 'client.detail', clientId: v.client.id, g: 1 });
        const proof = proofs.make(ctx, v);
        return proof ? [detailButton(v), revealButton(v, proof)] : detailButton(v);
      },
      pageValue: (p) => ({ a: 'clients.search.page', q, page: p, ...flag }),
      empty: t('clients.none'),
    });
  };

  r.command(['我的客户', '客户列表'], requireRole('agent'), async (ctx) => {
    const filter = parseMineFilter(ctx.match?.[1] ?? '');
    // R-DAY-4: without a filter the list comes grouped by grade; its buttons lead to the plain pages.
    if (!filter.grade && !filter.state) return ctx.replyCard(await gradeGroups(services, ctx, viewerOf(ctx)));
    await ctx.replyCard(await renderMine(ctx, filter, 1));
  });

  const pageSchema = z.object({
    a: z.string(),
    page: z.number().int().min(1).max(10_000),
    grade: z.enum(GRADES).optional(),
    state: z.enum(PIPELINE_STATES).optional(),
    g: z.number().optional(),
  });
  r.action('clients.mine.page', pageSchema, requireRole('agent'), async (ctx) => {
    const { grade, state, page, g } = ctx.value;
    ctx.updateCard(await renderMine(ctx, { ...(grade ? { grade } : {}), ...(state ? { state } : {}) }, page, g));
  });

  r.command(/^(?:查|查客户|查询)(?:\s+(.*))?$/, async (ctx) => {
    const q = (ctx.match?.[1] ?? '').trim();
    if (!q) return ctx.replyCard(searchFormCard(t('clients.search_usage')));
    await ctx.replyCard(await renderSearch(ctx, q, 1));
  });

  r.action(
    'clients.search.page',
    z.object({
      a: z.string(),
      q: z.string().min(1).max(50),
      page: z.number().int().min(1).max(1000),
      g: z.number().optional(),
    }),
    async (ctx) => {
      ctx.updateCard(await renderSearch(ctx, ctx.value.q, ctx.value.page, ctx.value.g));
    },
  );

  r.action('client.search.submit', z.object({ a: z.string() }), async (ctx) => {
    const q = String(formValueOf(ctx)?.q ?? '')
      .trim()
      .slice(0, 50);
    ctx.updateCard(q ? await renderSearch(ctx, q, 1) : searchFormCard(t('clients.search_usage')));
  });

  const renderDetail = async (ctx: BotContext, clientId: number, g?: number) => {
    const viewer = viewerOf(ctx, g);
    const tz = services.forms.settings.timezone;
    return ctx.transaction(async (tx) => {
      const v = await clients.detail(tx, viewer, clientId);
      if (!v) throw notFound('client.not_found', { id: clientId });
      const c = v.client;
      const isManager = hasRole(ctx.member, 'manager') && !viewer.inGroup;
      const canFile =
        (c.owner.kind === 'agent' && c.owner.openId === ctx.member!.openId) || hasRole(ctx.member, 'manager');
      // R-AUD-2: "why is it theirs?" is for the owner and the manager, and not read out in a group chat.
      const ownership =
        !viewer.inGroup && canSeeOwnershipHistory(ctx.member!, c.owner) ? await loadOwnershipHistory(tx, c) : undefined;
      // R-POOL-1: only a private client can be recalled, so only there is a lock worth offering.
      const recallLock =
        isManager && c.owner.kind === 'agent' ? { locked: await services.recall.isLocked(tx, c.id) } : undefined;
      return clientDetailCard(v, {
        ...(ownership ? { ownership } : {}),
        openRevisits: canFile ? await tx.revisits.listOpenForClient(c.id) : [],
        forms: v.full ? await tx.formRecords.listForClient(c.id, 8) : [],
        canFile: canFile && !viewer.inGroup,
        isManager,
        formatTime: (d) => dateTime(d, tz),
        revealProof: proofs.make(ctx, v),
        phoneReveals: v.full || v.canReveal ? await clients.phoneReveals(tx, c.id) : [],
        formatStamp: (d) => formatTime(d, tz),
        ...(recallLock ? { recallLock } : {}),
      });
    });
  };

  r.action(
    'client.detail',
    z.object({ a: z.string(), clientId: z.number().int().positive(), g: z.number().optional() }),
    async (ctx) => {
      const card = await renderDetail(ctx, ctx.value.clientId, ctx.value.g);
      if (ctx.update.kind === 'card') ctx.updateCard(card);
    },
  );

  // R-POOL-1: the same 锁定 / 解锁 as on the 公海回收 card, from the client's own card.
  r.action(
    'client.recall_lock',
    z.object({ a: z.string(), clientId: z.number().int().positive(), lock: z.boolean() }),
    requireRole('manager'),
    async (ctx) => {
      await ctx.transaction((tx) => services.recall.setLock(tx, ctx.member!, ctx.value.clientId, ctx.value.lock));
      ctx.toast('success', ctx.t(ctx.value.lock ? 'recall.locked' : 'recall.unlocked'));
      ctx.updateCard(await renderDetail(ctx, ctx.value.clientId));
    },
  );

  // 查看电话 (R-INFO-2): the number in a private chat, recorded with the answer in one transaction.
  const revealSchema = z.object({
    a: z.string(),
    clientId: z.number().int().positive(),
    chat: z.string().max(200).optional(),
    k: z.string().max(64).optional(),
    g: z.number().optional(),
  });
  r.action('client.phone.reveal', revealSchema, requireRole('manager', 'leader'), async (ctx) => {
    const { clientId, chat, k, g } = ctx.value;
    if (g === 1 || ctx.isGroup || (chat && ctx.chatId && chat !== ctx.chatId)) throw forbidden('client.reveal.group');
    if (!chat || !k || !ctx.chatId || !proofs.valid(ctx, chat, clientId, k)) throw forbidden('client.reveal.stale');
    const viewer: Viewer = { member: ctx.member!, inGroup: false };
    const tz = services.forms.settings.timezone;
    const { view, reveal } = await ctx.transaction((tx) => clients.revealPhone(tx, viewer, clientId));
    ctx.toast('success', t('client.reveal.done', { client: view.client.name, phone: view.phone ?? '' }));
    ctx.updateCard(
      phoneRevealCard(view, reveal && { role: reveal.role, name: reveal.actorName, at: formatTime(reveal.at, tz) }),
    );
  });

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    clients: ClientService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

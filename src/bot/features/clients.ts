import { z } from 'zod';
import { GRADES, PIPELINE_STATES, type Grade, type PipelineState } from '../../domain/clients/client.js';
import type { Viewer } from '../../domain/clients/client.service.js';
import { hasRole } from '../../domain/members/roles.js';
import { notFound } from '../../domain/shared/errors.js';
import { t } from '../../i18n/index.js';
import { button } from '../cards/card-kit.js';
import { clientDetailCard, clientListCard, detailButton, mineFilters, searchFormCard } from '../cards/client-cards.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import { formValueOf } from './form-submit.js';

const STATE_WORDS: Record<string, PipelineState> = { 意向: 'intent', 跟进: 'following', 跟进中: 'following', 定金: 'deposit', 已交定金: 'deposit', 签约: 'signed', 已签约: 'signed', 流失: 'lost' };

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

/** 我的客户, 查, client details (R-INFO-2). */
export function clientsFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const clients = services.clients;
  menu.add({ labelKey: 'menu.my_clients', command: '我的客户', roles: ['agent'], order: 21 });
  menu.add({ labelKey: 'menu.search', command: '查', roles: ['agent', 'front_desk', 'manager', 'leader'], order: 22 });

  const renderMine = async (ctx: BotContext, filter: { grade?: Grade; state?: PipelineState }, page: number, g?: number) => {
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
      rowButton: (v) => (viewer.inGroup ? button(t('clients.detail'), { a: 'client.detail', clientId: v.client.id, g: 1 }) : detailButton(v)),
      pageValue: (p) => ({ a: 'clients.search.page', q, page: p, ...flag }),
      empty: t('clients.none'),
    });
  };

  r.command(['我的客户', '客户列表'], requireRole('agent'), async (ctx) => {
    await ctx.replyCard(await renderMine(ctx, parseMineFilter(ctx.match?.[1] ?? ''), 1));
  });

  const pageSchema = z.object({ a: z.string(), page: z.number().int().min(1).max(10_000), grade: z.enum(GRADES).optional(), state: z.enum(PIPELINE_STATES).optional(), g: z.number().optional() });
  r.action('clients.mine.page', pageSchema, requireRole('agent'), async (ctx) => {
    const { grade, state, page, g } = ctx.value;
    ctx.updateCard(await renderMine(ctx, { ...(grade ? { grade } : {}), ...(state ? { state } : {}) }, page, g));
  });

  r.command(/^(?:查|查客户|查询)(?:\s+(.*))?$/, async (ctx) => {
    const q = (ctx.match?.[1] ?? '').trim();
    if (!q) return ctx.replyCard(searchFormCard(t('clients.search_usage')));
    await ctx.replyCard(await renderSearch(ctx, q, 1));
  });

  r.action('clients.search.page', z.object({ a: z.string(), q: z.string().min(1).max(50), page: z.number().int().min(1).max(1000), g: z.number().optional() }), async (ctx) => {
    ctx.updateCard(await renderSearch(ctx, ctx.value.q, ctx.value.page, ctx.value.g));
  });

  r.action('client.search.submit', z.object({ a: z.string() }), async (ctx) => {
    const q = String(formValueOf(ctx)?.q ?? '').trim().slice(0, 50);
    ctx.updateCard(q ? await renderSearch(ctx, q, 1) : searchFormCard(t('clients.search_usage')));
  });

  r.action('client.detail', z.object({ a: z.string(), clientId: z.number().int().positive(), g: z.number().optional() }), async (ctx) => {
    const viewer = viewerOf(ctx, ctx.value.g);
    const tz = services.forms.settings.timezone;
    const card = await ctx.transaction(async (tx) => {
      const v = await clients.detail(tx, viewer, ctx.value.clientId);
      if (!v) throw notFound('client.not_found', { id: ctx.value.clientId });
      const c = v.client;
      const canFile = (c.owner.kind === 'agent' && c.owner.openId === ctx.member!.openId) || hasRole(ctx.member, 'manager');
      return clientDetailCard(v, {
        openRevisits: canFile ? await tx.revisits.listOpenForClient(c.id) : [],
        forms: v.full ? await tx.formRecords.listForClient(c.id, 8) : [],
        canFile: canFile && !viewer.inGroup,
        isManager: hasRole(ctx.member, 'manager') && !viewer.inGroup,
        formatTime: (d) => new Intl.DateTimeFormat('zh-CN', { timeZone: tz, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d),
      });
    });
    if (ctx.update.kind === 'card') ctx.updateCard(card);
  });

  return r;
}

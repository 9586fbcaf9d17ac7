import { z } from 'zod';
import { menuCard, suggestionCard } from '../cards/menu-cards.js';
import type { BotContext } from '../context.js';
import { Router, type Middleware } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['menu.run'] as const;

/**
 * The way in: 帮助 / 菜单 / help gets a menu of what the sender's roles allow; a menu button runs
 * its command as if typed. Anything not understood falls through to `fallback` and gets the menu.
 */
export function helpFeature({ menu }: FeatureDeps): Router {
  const r = new Router();
  // A button's label typed as text runs what the button runs ("商户分档" → 分档), before any feature looks.
  r.use(async (ctx, next) => {
    if (ctx.update.kind === 'message' && ctx.commandText) {
      const command = menu.commandForLabel(ctx.commandText);
      if (command) ctx.commandText = command;
    }
    await next();
  });
  r.command(['帮助', '菜单', 'help', 'menu', '/help', '?', '？'], async (ctx) => {
    await showMenu(ctx, menu);
  });
  return r;
}

/** Runs first: turns a menu button into the command it names, so features handle it like text. */
export const menuButtonToCommand: Middleware = async (ctx, next) => {
  const u = ctx.update;
  if (u.kind === 'card') {
    const parsed = z.object({ a: z.literal('menu.run'), cmd: z.string().min(1).max(100) }).safeParse(u.value);
    if (parsed.success) ctx.commandText = parsed.data.cmd;
  }
  await next();
};

export function fallback(menu: FeatureDeps['menu']): Middleware {
  return async (ctx) => {
    if (!ctx.member) return;
    if (ctx.update.kind === 'message' && ctx.update.messageType !== 'text') return showMenu(ctx, menu);
    if (ctx.update.kind === 'event') return;
    if (ctx.update.kind === 'card' && !ctx.commandText) {
      ctx.toast('warning', ctx.t('error.stale_button'));
      return;
    }
    const typed = ctx.commandText;
    const near = typed ? menu.suggest(typed, ctx.member.roles) : [];
    if (near.length) return ctx.replyCard(suggestionCard(typed, near));
    await showMenu(ctx, menu, typed || undefined);
  };
}

async function showMenu(ctx: BotContext, menu: FeatureDeps['menu'], notUnderstood?: string): Promise<void> {
  const cardJson = menuCard(ctx.member!, menu.allowedFor(ctx.member!.roles), notUnderstood);
  await ctx.replyCard(cardJson);
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

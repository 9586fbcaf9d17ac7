import { z } from 'zod';
import { deadLettersCard, DEAD_LETTERS_SHOWN } from '../cards/delivery-cards.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import { SETTING_DEPARTMENT_CHAT } from '../../domain/shared/settings.js';
import type { FeatureDeps } from '../services.js';
import type { DeadLetters } from '../../domain/shared/outbox.ports.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['outbox.refresh', 'outbox.resend'] as const;

/**
 * 发送失败: admins see the messages the relay gave up on (dead letters) and resend them one by one.
 * A resend puts the row back in the queue with its original Feishu uuid, so within Feishu's hour a
 * message that did arrive after all is not duplicated.
 */
export function deliveryFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const outbox = services.outbox;
  menu.add({ labelKey: 'outbox.menu', command: '发送失败', roles: ['admin'], order: 95 });

  const render = async (ctx: BotContext) => {
    const rows = await outbox.listDead(DEAD_LETTERS_SHOWN);
    const who = await ctx.transaction(async (tx) => {
      const names = new Map<string, string>();
      for (const id of new Set(rows.filter((r) => r.receive_id_type === 'open_id').map((r) => r.receive_id!))) {
        const m = await tx.members.get(id);
        if (m) names.set(id, m.name);
      }
      return { names, departmentChatId: await tx.settings.get<string>(SETTING_DEPARTMENT_CHAT) };
    });
    return deadLettersCard(rows, await outbox.countDead(), config.timezone, who);
  };

  r.command(['发送失败', '失败消息', 'dead letters'], requireRole('admin'), async (ctx) => {
    await ctx.replyCard(await render(ctx));
  });

  r.action('outbox.refresh', z.object({ a: z.string() }), requireRole('admin'), async (ctx) => {
    ctx.updateCard(await render(ctx));
  });

  r.action(
    'outbox.resend',
    z.object({ a: z.string(), id: z.number().int().positive() }),
    requireRole('admin'),
    async (ctx) => {
      const id = ctx.value.id;
      const ok = await outbox.resend(id, ctx.now());
      if (ok) await audit(ctx, id);
      ctx.toast(ok ? 'success' : 'warning', ctx.t(ok ? 'outbox.resent' : 'outbox.not_dead', { id }));
      ctx.updateCard(await render(ctx));
    },
  );

  return r;
}

/** Who re-sent what is kept, like every other admin action. */
async function audit(ctx: BotContext, id: number): Promise<void> {
  await ctx.transaction((tx) =>
    tx.audit.append(
      { actor: ctx.senderOpenId, action: 'outbox.resend', subjectType: 'outbox_message', subjectId: String(id) },
      ctx.now(),
    ),
  );
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    /** Dead letters for the admin view (发送失败). */
    outbox: DeadLetters;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

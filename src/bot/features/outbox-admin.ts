import { z } from 'zod';
import { deadLettersCard, DEAD_LETTERS_SHOWN } from '../cards/outbox-card.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';

/**
 * 发送失败: admins see the messages the relay gave up on (dead letters) and resend them one by one.
 * A resend puts the row back in the queue with its original Feishu uuid, so within Feishu's hour a
 * message that did arrive after all is not duplicated.
 */
export function outboxAdminFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const outbox = services.outbox;
  menu.add({ labelKey: 'outbox.menu', command: '发送失败', roles: ['admin'], order: 95 });

  const render = async () => deadLettersCard(await outbox.listDead(DEAD_LETTERS_SHOWN), await outbox.countDead(), config.timezone);

  r.command(['发送失败', '失败消息', 'dead letters'], requireRole('admin'), async (ctx) => {
    await ctx.replyCard(await render());
  });

  r.action('outbox.refresh', z.object({ a: z.string() }), requireRole('admin'), async (ctx) => {
    ctx.updateCard(await render());
  });

  r.action('outbox.resend', z.object({ a: z.string(), id: z.number().int().positive() }), requireRole('admin'), async (ctx) => {
    const id = ctx.value.id;
    const ok = await outbox.resend(id, ctx.now());
    if (ok) await audit(ctx, id);
    ctx.toast(ok ? 'success' : 'warning', ctx.t(ok ? 'outbox.resent' : 'outbox.not_dead', { id }));
    ctx.updateCard(await render());
  });

  return r;
}

/** Who re-sent what is kept, like every other admin action. */
async function audit(ctx: BotContext, id: number): Promise<void> {
  await ctx.transaction((tx) =>
    tx.audit.append({ actor: ctx.senderOpenId, action: 'outbox.resend', subjectType: 'outbox_message', subjectId: String(id) }, ctx.now()),
  );
}

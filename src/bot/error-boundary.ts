import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/shared/errors.js';
import type { BotContext } from './context.js';
import { ttext } from './cards/safe-text.js';

/**
 * The one error boundary: an expected business outcome becomes a clear Chinese reply or toast;
 * anything else is logged with a reference the user can quote, and answered with that reference.
 */
export async function errorBoundary(err: unknown, ctx: BotContext): Promise<void> {
  let text: string;
  let kind: 'warning' | 'error' = 'warning';
  // A refusal may quote what was typed; as a text message those params must not read as markup (R-INFO-3).
  let reply: string;
  if (err instanceof DomainError) {
    text = ctx.t(err.messageKey, err.params);
    reply = ttext(err.messageKey, err.params);
    ctx.log.info({ code: err.code, key: err.messageKey }, 'domain refusal');
  } else {
    const ref = randomBytes(3).toString('hex').toUpperCase();
    kind = 'error';
    text = ctx.t('error.unexpected', { ref });
    reply = text;
    ctx.log.error({ err, ref }, 'unexpected error while handling an update');
  }
  if (ctx.update.kind === 'card') {
    ctx.toast(kind, text);
    return;
  }
  if (ctx.update.kind === 'message') {
    try {
      await ctx.reply(reply);
    } catch (replyErr) {
      ctx.log.error({ err: replyErr }, 'could not deliver the error reply');
    }
  }
}

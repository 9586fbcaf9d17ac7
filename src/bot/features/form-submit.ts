import { z } from 'zod';
import { rawStrings } from '../../domain/forms/form-schema.js';
import { DomainError, FormError } from '../../domain/shared/errors.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import type { Tx } from '../../domain/shared/tx.js';
import { errorsOf, red, type FormState } from '../cards/form-kit.js';
import type { BotContext } from '../context.js';

/** A button value naming one client: `{ a: 'form.x.open', clientId }`. */
export const clientButton = z.object({ a: z.string(), clientId: z.number().int().positive() });

export function formValueOf(ctx: BotContext): Record<string, unknown> | undefined {
  return ctx.update.kind === 'card' ? ctx.update.formValue : undefined;
}

/**
 * One form submit = one transaction. Success replaces the form card with the result. A FormError
 * brings the form back with what was typed and a message under each bad field; any other refusal
 * brings it back filled in with the message on top. Either way nothing was written (the
 * transaction rolled back).
 */
export async function submitForm<T>(
  ctx: BotContext,
  o: {
    fields: string[];
    run: (tx: Tx) => Promise<T>;
    again: (state: FormState) => CardJson | Promise<CardJson>;
    done: (result: T) => CardJson | Promise<CardJson>;
    toast: (result: T) => string;
    /** The toast's colour says what happened: a refused or partial outcome is not a green success. */
    toastType?: (result: T) => 'success' | 'info' | 'warning' | 'error';
  },
): Promise<void> {
  const typed = rawStrings(formValueOf(ctx), o.fields);
  try {
    const result = await ctx.transaction(o.run);
    ctx.toast(o.toastType?.(result) ?? 'success', o.toast(result));
    ctx.updateCard(await o.done(result));
  } catch (err) {
    if (err instanceof FormError) {
      ctx.toast('error', ctx.t('form.has_errors', { count: Object.keys(err.fields).length }));
      ctx.updateCard(
        await o.again({ values: { ...typed, ...(err.values as Record<string, string>) }, errors: errorsOf(err) }),
      );
      return;
    }
    if (err instanceof DomainError) {
      const text = ctx.t(err.messageKey, err.params);
      ctx.toast('error', text);
      ctx.updateCard(await o.again({ values: typed, notice: red(text) }));
      return;
    }
    throw err;
  }
}

/**
 * Forms and client pickers carry contact details as they are typed: asked for in a group chat, they
 * go to the sender privately (R-INFO-2: phones never show in groups) and the group gets a pointer.
 */
export async function replyForm(ctx: BotContext, card: CardJson): Promise<void> {
  if (!ctx.isGroup) return ctx.replyCard(card);
  await ctx.transaction((tx) =>
    tx.outbox.send({
      to: { openId: ctx.senderOpenId },
      card,
      dedupeKey: `form-dm:${ctx.update.eventId}`.slice(0, 150),
    }),
  );
  await ctx.reply(ctx.t('form.sent_private'));
}

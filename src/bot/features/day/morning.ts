import { z } from 'zod';
import { hasRole } from '../../../domain/members/roles.js';
import { FormError } from '../../../domain/shared/errors.js';
import type { Tx } from '../../../domain/shared/tx.js';
import { localDate } from '../../../domain/shared/zoned-time.js';
import { departmentChat, memberNames } from '../../../jobs/recipients.js';
import { minutesCard, minutesFormCard } from '../../cards/day-cards.js';
import { errorsOf, type FormState } from '../../cards/form-kit.js';
import { dateTime } from '../../cards/time-format.js';
import type { BotContext } from '../../context.js';
import { Router } from '../../router.js';
import type { FeatureDeps } from '../../services.js';
import type { Declared } from '../../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['minutes.file'] as const;

const dayValue = z.object({ a: z.string(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/**
 * R-DAY-1 morning meeting: `会议纪要` opens today's minutes form (for the person on duty or a
 * manager); filing posts the minutes to the department group in the same transaction.
 */
export function morningFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const meeting = services.day.meeting;
  const tz = config.timezone;
  menu.add({ labelKey: 'menu.minutes', command: '会议纪要', roles: ['agent', 'front_desk', 'manager'], order: 15 });

  const form = async (tx: Tx, day: string, state?: FormState) => {
    const members = await tx.members.list({ activeOnly: true });
    return minutesFormCard(
      day,
      members,
      members.filter((m) => hasRole(m, 'agent')),
      state,
    );
  };

  r.command(['会议纪要', '纪要'], async (ctx) => {
    const day = localDate(ctx.now(), tz);
    const card = await ctx.transaction(async (tx) => {
      const m = await meeting.open(tx, day, ctx.now());
      if (!ctx.member || !meeting.mayFile(ctx.member, m)) return undefined;
      if (m.status === 'filed' && m.minutes) {
        const names = await memberNames(tx);
        return minutesCard(day, m.minutes, names, {
          by: names[m.filedBy ?? ''] ?? '',
          time: m.filedAt ? dateTime(m.filedAt, tz) : '',
          late: m.late,
        });
      }
      return form(tx, day);
    });
    if (!card) return ctx.reply(ctx.t('meeting.not_duty'));
    await ctx.replyCard(card);
  });

  r.action('minutes.file', dayValue, async (ctx) => {
    const fv = formValue(ctx);
    const day = ctx.value.day;
    try {
      const card = await ctx.transaction(async (tx) => {
        const res = await meeting.file(tx, ctx.member!, day, fv, ctx.now());
        const names = await memberNames(tx);
        const filed = minutesCard(day, res.minutes, names, {
          by: ctx.member!.name,
          time: dateTime(ctx.now(), tz),
          late: res.late,
        });
        const chat = await departmentChat(tx);
        if (chat) await tx.outbox.send({ to: { chatId: chat }, card: filed, dedupeKey: `minutes:${day}:group` });
        return filed;
      });
      ctx.toast('success', ctx.t('meeting.filed'));
      ctx.updateCard(card);
    } catch (err) {
      if (!(err instanceof FormError)) throw err;
      const errors = errorsOf(err);
      ctx.toast('error', ctx.t('form.has_errors', { count: Object.keys(errors).length }));
      const card = await ctx.transaction((tx) =>
        form(tx, day, { values: err.values as Record<string, string>, errors }),
      );
      ctx.updateCard(card);
    }
  });

  return r;
}

function formValue(ctx: BotContext): Record<string, unknown> {
  return (ctx.update.kind === 'card' && ctx.update.formValue) || {};
}

declare module '../../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

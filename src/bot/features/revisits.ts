import { z } from 'zod';
import { localDate } from '../../domain/shared/zoned-time.js';
import { formatDateZh } from '../../domain/forms/form-dates.js';
import { FormError, notFound } from '../../domain/shared/errors.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { escapeText, markup, tmd, ttext } from '../cards/safe-text.js';
import { md, type El } from '../cards/card-kit.js';
import {
  complianceLines,
  doneFormCard,
  formResultCard,
  lostFormCard,
  rescheduleFormCard,
  resultCard,
  revisitButtons,
  revisitPlanFields,
  revisitPlanFormCard,
} from '../cards/form-cards.js';
import { errorsOf } from '../cards/form-kit.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import { clientPicker, clientPickerIn, pickOrOpenClient } from './client-picker.js';
import type { Tx } from '../../domain/shared/tx.js';
import { agentPlanCard, revisitReminderCard } from '../cards/plan-cards.js';
import { clientButton, formValueOf, replyForm, submitForm } from './form-submit.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = [
  'form.revisit_plan.open',
  'form.revisit_plan.submit',
  'revisit.done',
  'revisit.done.submit',
  'revisit.lost.open',
  'revisit.lost.submit',
  'revisit.reschedule.open',
  'revisit.reschedule.submit',
] as const;

/**
 * 回访 (R-REV-1/2): the open revisits with their buttons, the revisit plan (card or one line of
 * text), and done / reschedule / lost from any card that carries the buttons (reminders included).
 */
export function revisitsFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const forms = services.forms;
  const s = forms.settings;
  const today = (ctx: BotContext) => localDate(ctx.now(), s.timezone);
  const names = (defs: Array<{ name: string }>) => defs.map((d) => d.name);
  menu.add({ labelKey: 'menu.revisit', command: '回访', roles: ['agent'], order: 23 });

  const loadClient = (ctx: BotContext, id: number) =>
    ctx.transaction(async (tx) => {
      const c = await tx.clients.get(id);
      if (!c) throw notFound('client.not_found', { id });
      return c;
    });
  const clientFor = (ctx: BotContext, id: number) =>
    ctx.transaction((tx) => services.clients.requireFilable(tx, ctx.member!, id));
  const picker = (ctx: BotContext, q: string, page: number) => clientPicker(services, ctx, 'revisit', q, page);
  const pickOrOpen = (ctx: BotContext, q: string, open: Parameters<typeof pickOrOpenClient>[4], top: El[]) =>
    pickOrOpenClient(services, ctx, 'revisit', q, open, top);

  /** The open revisits on top of the 回访 list, each with its buttons (the first five). */
  const openRevisits = async (tx: Tx, ctx: BotContext): Promise<El[]> => {
    const open = await forms.revisits.dueList(tx, '9999-12-31', ctx.member!.openId);
    const items = (open[0]?.due ?? [])
      .concat(open[0]?.overdue ?? [])
      .sort((a, b) => a.revisit.dueDate.localeCompare(b.revisit.dueDate));
    const tl = today(ctx);
    const top: El[] = [md(items.length ? t('revisit.open_header', { count: items.length }) : t('revisit.none_open'))];
    for (const i of items.slice(0, 5)) {
      top.push(
        md(
          tmd('revisit.line', {
            date: formatDateZh(i.revisit.dueDate, tl),
            client: i.clientName,
            overdue: markup(i.revisit.dueDate < tl ? t('revisit.overdue') : ''),
            purpose: i.revisit.purpose ? ` · ${i.revisit.purpose}` : '',
          }),
        ),
        revisitButtons(i.revisit.id, { src: 'list' }),
      );
    }
    return top;
  };

  /**
   * The card 完成 was pressed on, redrawn without the spent buttons: the 回访 list as it now stands,
   * that day's reminder to this agent, or the agent's plan for that day. Other cards carrying the buttons (a client's record) keep theirs
   * (a second press is answered as already done).
   */
  const redrawOrigin = async (tx: Tx, ctx: BotContext, src: string | undefined, day: string | undefined) => {
    if (src === 'list') return clientPickerIn(tx, services, ctx, 'revisit', '', 1, await openRevisits(tx, ctx));
    if (src === 'remind' && day) {
      const lists = await services.jobs.ports.revisitReminders.dueFor(tx, day);
      const mine = lists.find((l) => l.agentOpenId === ctx.member!.openId)?.items ?? [];
      return revisitReminderCard(day, ctx.member!.name, mine);
    }
    if (src === 'plan' && day) {
      const plans = await services.jobs.ports.plans.planFor(tx, { day, today: today(ctx) });
      const mine = plans.find((p) => p.agentOpenId === ctx.member!.openId)?.items ?? [];
      return agentPlanCard(day, ctx.member!.name, mine);
    }
    return undefined;
  };

  // ── 回访计划表 and open revisits ──
  r.command(/^(?:回访|回访计划)(?:\s+(.*))?$/, requireRole('agent', 'manager'), async (ctx) => {
    const top = await ctx.transaction((tx) => openRevisits(tx, ctx));
    const [q = '', date, ...purpose] = (ctx.match?.[1] ?? '').trim().split(/\s+/);
    if (date) return quickRevisit(ctx, q, date, purpose.join(' '));
    await pickOrOpen(ctx, q, (c) => revisitPlanFormCard(c), top);
  });

  /**
   * `回访 老王 11月25日 看铺位`: the plan filed from one line of text. The date is typed, so this is
   * where 下周 or 2026-02-30 meet the parser; the reply names the field and the fix.
   */
  const quickRevisit = async (ctx: BotContext, q: string, date: string, purpose: string) => {
    const viewer = { member: ctx.member!, inGroup: false };
    const found = await ctx.transaction((tx) => services.clients.search(tx, viewer, q, 1));
    const own = found.items.filter(
      (v) => v.client.owner.kind === 'agent' && v.client.owner.openId === ctx.member!.openId,
    );
    if (own.length !== 1) return replyForm(ctx, await picker(ctx, q, 1));
    const client = own[0]!.client;
    try {
      const res = await ctx.transaction((tx) =>
        forms.revisitPlan.submit(tx, ctx.member!, client.id, { date, ...(purpose ? { purpose } : {}) }),
      );
      const tl = today(ctx);
      await ctx.reply(
        [
          ttext('revisit_plan.saved', { client: res.client.name, date: formatDateZh(res.revisit.dueDate, tl) }),
          ...complianceLines(res.form, s.timezone, tl),
        ]
          .join('\n')
          .replace(/\*\*/g, ''),
      );
    } catch (err) {
      if (!(err instanceof FormError)) throw err;
      await ctx.reply(
        escapeText(
          Object.entries(errorsOf(err))
            .map(([field, msg]) => `${t(dynamicKey(`field.${field}`))}：${msg}`)
            .join('\n'),
        ),
      );
    }
  };

  r.action('form.revisit_plan.open', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    ctx.updateCard(revisitPlanFormCard(await clientFor(ctx, ctx.value.clientId)));
  });

  r.action('form.revisit_plan.submit', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    await submitForm(ctx, {
      fields: names(revisitPlanFields),
      run: (tx) => forms.revisitPlan.submit(tx, ctx.member!, ctx.value.clientId, formValueOf(ctx)),
      again: async (state) => revisitPlanFormCard(await loadClient(ctx, ctx.value.clientId), state),
      toast: () => t('form.saved'),
      done: (res) => {
        const tl = today(ctx);
        return formResultCard(
          t('revisit_plan.title'),
          [tmd('revisit_plan.saved', { client: res.client.name, date: formatDateZh(res.revisit.dueDate, tl) })],
          res.form,
          { tz: s.timezone, today: tl },
        );
      },
    });
  });

  // ── R-REV-2 from any card: done / reschedule / lost ──
  const revisitId = z.object({ a: z.string(), revisitId: z.number().int().positive() });
  /** Where 完成 was pressed: the list's kind and day (from the button), its message (from the callback). */
  const origin = revisitId.extend({
    src: z.enum(['list', 'remind', 'plan']).optional(),
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    m: z.string().max(100).optional(),
  });
  r.action('revisit.done', origin, requireRole('agent', 'manager'), async (ctx) => {
    // The clicked card may be a list or a reminder with other revisits on it: the outcome form comes
    // as a card of its own; once done, it and the clicked list both lose the spent buttons.
    const { revisit, client } = await ctx.transaction((tx) => forms.revisits.get(tx, ctx.member!, ctx.value.revisitId));
    const { src, day } = ctx.value;
    const m = ctx.update.kind === 'card' ? ctx.update.messageId : undefined;
    const from = src && m ? { src, m, ...(day ? { day } : {}) } : {};
    await ctx.replyCard(doneFormCard(revisit, client.name, {}, from));
  });

  r.action('revisit.done.submit', origin, requireRole('agent', 'manager'), async (ctx) => {
    const typed = formValueOf(ctx);
    const note = typeof typed?.outcome_note === 'string' ? typed.outcome_note : undefined;
    const { src, day, m } = ctx.value;
    await submitForm(ctx, {
      fields: ['outcome_note'],
      run: async (tx) => {
        const res = await forms.revisits.done(tx, ctx.member!, ctx.value.revisitId, note ? { note } : {});
        const redrawn = m ? await redrawOrigin(tx, ctx, src, day) : undefined;
        if (m && redrawn) await tx.outbox.patchMessage(m, redrawn);
        return res;
      },
      // Refused (already done from another card): the form gives way to the reason, without buttons.
      again: async (state) =>
        ctx
          .transaction((tx) => forms.revisits.get(tx, ctx.member!, ctx.value.revisitId))
          .then(({ revisit, client }) => doneFormCard(revisit, client.name, state))
          .catch(() => resultCard(t('revisit.done_title'), [state.notice ?? ''], 'grey')),
      toast: (res) => t('revisit.done_saved', { client: res.client.name }).replace(/\*\*/g, ''),
      done: (res) =>
        resultCard(t('revisit.done_title'), [
          tmd('revisit.done_saved', { client: res.client.name }),
          res.revisit.outcomeNote ? tmd('revisit.done_note', { note: res.revisit.outcomeNote }) : '',
        ]),
    });
  });

  r.action('revisit.reschedule.open', revisitId, requireRole('agent', 'manager'), async (ctx) => {
    const { revisit, client } = await ctx.transaction((tx) => forms.revisits.get(tx, ctx.member!, ctx.value.revisitId));
    await ctx.replyCard(rescheduleFormCard(revisit, client.name));
  });

  r.action('revisit.reschedule.submit', revisitId, requireRole('agent', 'manager'), async (ctx) => {
    await submitForm(ctx, {
      fields: ['date', 'note'],
      run: (tx) => forms.revisits.reschedule(tx, ctx.member!, ctx.value.revisitId, formValueOf(ctx)),
      again: async (state) => {
        const { revisit, client } = await ctx.transaction((tx) =>
          forms.revisits.get(tx, ctx.member!, ctx.value.revisitId),
        );
        return rescheduleFormCard(revisit, client.name, state);
      },
      toast: () => t('form.saved'),
      done: (res) =>
        resultCard(t('revisit.reschedule_title'), [
          tmd('revisit.rescheduled_saved', {
            client: res.client.name,
            date: formatDateZh(res.next!.dueDate, today(ctx)),
          }),
        ]),
    });
  });

  r.action('revisit.lost.open', revisitId, requireRole('agent', 'manager'), async (ctx) => {
    const { revisit, client } = await ctx.transaction((tx) => forms.revisits.get(tx, ctx.member!, ctx.value.revisitId));
    await ctx.replyCard(lostFormCard(revisit, client.name));
  });

  r.action('revisit.lost.submit', revisitId, requireRole('agent', 'manager'), async (ctx) => {
    await submitForm(ctx, {
      fields: ['reason'],
      run: (tx) => forms.revisits.lost(tx, ctx.member!, ctx.value.revisitId, formValueOf(ctx)),
      again: async (state) => {
        const { revisit, client } = await ctx.transaction((tx) =>
          forms.revisits.get(tx, ctx.member!, ctx.value.revisitId),
        );
        return lostFormCard(revisit, client.name, state);
      },
      toast: () => t('form.saved'),
      done: (res) =>
        resultCard(
          t('revisit.lost_title'),
          [tmd('revisit.lost_saved', { client: res.client.name, reason: res.revisit.outcomeNote ?? '' })],
          'grey',
        ),
    });
  });

  return r;
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

import { z } from 'zod';
import type { Client } from '../../domain/clients/client.js';
import { localDate } from '../../domain/shared/zoned-time.js';
import { formatDateZh } from '../../domain/forms/form-dates.js';
import { formatYuan } from '../../domain/forms/form-values.js';
import { hasRole } from '../../domain/members/roles.js';
import { unitLabel } from '../../domain/units/unit.rules.js';
import { maskPhone } from '../../domain/clients/phone.js';
import { notFound } from '../../domain/shared/errors.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { escapeMd, markup, tmd } from '../cards/safe-text.js';
import { button, buttonRow, md } from '../cards/card-kit.js';
import {
  collectionFields,
  collectionFormCard,
  duplicateResultCard,
  flagFormCard,
  formResultCard,
  resultCard,
  signedContractFormCard,
  signedFields,
  signingFields,
  signingPlanFormCard,
  visitorFields,
  visitorFormCard,
} from '../cards/form-cards.js';
import type { FormState } from '../cards/form-kit.js';
import { dateTime } from '../cards/time-format.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import { clientPicker, pickOrOpenClient, type Purpose } from './client-picker.js';
import { clientButton, formValueOf, replyForm, submitForm } from './form-submit.js';
import { reviewSubmittedCard } from '../cards/review-cards.js';
import type { FormServices } from '../../domain/forms/index.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = [
  'client.pick',
  'form.collection.open',
  'form.collection.submit',
  'form.flag.open',
  'form.flag.submit',
  'form.signed.submit',
  'form.signing.open',
  'form.signing.submit',
  'form.visitor.open',
  'form.visitor.submit',
] as const;

const names = (defs: Array<{ name: string }>) => defs.map((d) => d.name);
const FREE_UNITS_PICKER = 50;

/**
 * The forms (DOMAIN.md §2): card forms opened by text shortcuts (登记 回访 定金 签约 领取),
 * by buttons on client cards, and by other features' cards (the rotation's 登记 button, reminders).
 */
export function formsFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const forms = services.forms;
  const s = forms.settings;
  const today = (ctx: BotContext) => localDate(ctx.now(), s.timezone);

  menu.add({ labelKey: 'menu.visitor', command: '登记', roles: ['agent', 'front_desk', 'manager'], order: 20 });
  menu.add({ labelKey: 'menu.deposit', command: '定金', roles: ['agent'], order: 24 });
  menu.add({ labelKey: 'menu.collection', command: '领取', roles: ['agent'], order: 25 });
  menu.add({ labelKey: 'menu.signed', command: '签约', roles: ['front_desk', 'manager'], order: 26 });
  menu.add({ labelKey: 'menu.reconcile', command: '对账', roles: ['manager'], order: 27 });

  const loadClient = (ctx: BotContext, id: number) =>
    ctx.transaction(async (tx) => {
      const c = await tx.clients.get(id);
      if (!c) throw notFound('client.not_found', { id });
      return c;
    });
  // R-UNIT-1: the signing plan's picker lists free units (the first ones; any unit can still be typed).
  const freeUnits = (ctx: BotContext) =>
    ctx.transaction(async (tx) =>
      (await tx.units.listFree(FREE_UNITS_PICKER)).map((u) => ({
        value: String(u.id),
        text: `${unitLabel(u)}（${formatYuan(u.areaSqm)}㎡）`,
      })),
    );
  const clientFor = (ctx: BotContext, id: number) =>
    ctx.transaction((tx) => services.clients.requireFilable(tx, ctx.member!, id));

  // ── 来访客户登记表 ──
  const visitorCard = (origin: { walkInId?: number; acceptedAt?: number }, state?: FormState) =>
    visitorFormCard(s.visitorRegistrationHours, origin, state);
  r.command(['登记', '客户登记', '来访登记'], requireRole('agent', 'front_desk', 'manager'), async (ctx) => {
    await replyForm(ctx, visitorCard({}));
  });

  // The rotation's button after a walk-in is accepted: the form opens prefilled, carrying the walk-in.
  const openSchema = z.object({
    a: z.string(),
    walkInId: z.number().int().positive(),
    name: z.string().max(100).optional(),
    phone: z.string().max(30).optional(),
    acceptedAt: z.number().optional(),
  });
  r.action('form.visitor.open', openSchema, requireRole('agent', 'front_desk', 'manager'), async (ctx) => {
    const { walkInId, name, phone, acceptedAt } = ctx.value;
    const values: Record<string, string> = { ...(name ? { name } : {}), ...(phone ? { phone } : {}) };
    await ctx.replyCard(visitorCard({ walkInId, ...(acceptedAt ? { acceptedAt } : {}) }, { values }));
    ctx.toast('info', t('visitor.title'));
  });

  const submitSchema = z.object({
    a: z.string(),
    walkInId: z.number().int().positive().optional(),
    acceptedAt: z.number().optional(),
  });
  r.action('form.visitor.submit', submitSchema, requireRole('agent', 'front_desk', 'manager'), async (ctx) => {
    const { walkInId, acceptedAt } = ctx.value;
    const origin = { ...(walkInId ? { walkInId } : {}), ...(acceptedAt ? { acceptedAt } : {}) };
    await submitForm(ctx, {
      fields: names(visitorFields),
      run: (tx) =>
        forms.visitor.submit(tx, ctx.member!, formValueOf(ctx), {
          ...(walkInId ? { walkInId } : {}),
          ...(acceptedAt ? { acceptedAt: new Date(acceptedAt) } : {}),
        }),
      again: (state) => visitorCard(origin, state),
      toast: (res) => (res.kind === 'duplicate' ? t('notice.duplicate_title') : t('form.saved')),
      toastType: (res) => (res.kind === 'duplicate' ? 'warning' : 'success'),
      done: (res) => {
        const c = res.client;
        const tl = today(ctx);
        if (res.kind === 'duplicate') {
          const owner = res.ownerName ?? t('visitor.duplicate_pool');
          const notified = res.ownerName
            ? t('visitor.duplicate_notified_owner')
            : t('visitor.duplicate_notified_managers');
          const line = tmd('visitor.duplicate', {
            phone: c.phone ? maskPhone(c.phone) : '—',
            owner,
            name: c.name,
            regNo: c.regNo ?? '—',
            notified,
          });
          return duplicateResultCard(line, c.id, hasRole(ctx.member!, 'agent'));
        }
        const owner = c.owner.kind === 'pool' ? t('client.owner_pool') : ctx.member!.name;
        const head =
          res.kind === 'created'
            ? tmd('visitor.created', { name: c.name, regNo: c.regNo ?? '—', owner })
            : tmd('visitor.returning', { name: c.name, regNo: c.regNo ?? '—' });
        const next =
          c.owner.kind === 'agent'
            ? [
                md(t('visitor.next')),
                buttonRow([
                  button(t('client.btn_revisit'), { a: 'form.revisit_plan.open', clientId: c.id }, 'primary'),
                  button(t('clients.detail'), { a: 'client.detail', clientId: c.id }),
                ]),
              ]
            : [];
        return formResultCard(t('visitor.title'), [head], res.form, { tz: s.timezone, today: tl }, { next });
      },
    });
  });

  const picker = (ctx: BotContext, purpose: Purpose, q: string, page: number) =>
    clientPicker(services, ctx, purpose, q, page);
  const pickOrOpen = (ctx: BotContext, purpose: Purpose, q: string, open: (c: Client) => CardJson) =>
    pickOrOpenClient(services, ctx, purpose, q, open);

  r.action(
    'client.pick',
    z.object({
      a: z.string(),
      purpose: z.enum(['revisit', 'signing', 'collection']),
      page: z.number().int().min(1).max(1000),
      q: z.string().max(50).optional(),
    }),
    requireRole('agent', 'manager'),
    async (ctx) => {
      ctx.updateCard(await picker(ctx, ctx.value.purpose, ctx.value.q ?? '', ctx.value.page));
    },
  );

  // ── 合同计划签订表 (定金) ──
  r.command(/^(?:定金|交定金|签约计划)(?:\s+(.*))?$/, requireRole('agent', 'manager'), async (ctx) => {
    const free = await freeUnits(ctx);
    await pickOrOpen(ctx, 'signing', (ctx.match?.[1] ?? '').trim(), (c) => signingPlanFormCard(c, {}, free));
  });
  r.action('form.signing.open', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    ctx.updateCard(signingPlanFormCard(await clientFor(ctx, ctx.value.clientId), {}, await freeUnits(ctx)));
  });
  r.action('form.signing.submit', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    await submitForm(ctx, {
      fields: [...names(signingFields), 'unit_pick'],
      run: (tx) => forms.signingPlan.submit(tx, ctx.member!, ctx.value.clientId, formValueOf(ctx)),
      again: async (state) =>
        signingPlanFormCard(await loadClient(ctx, ctx.value.clientId), state, await freeUnits(ctx)),
      toast: () => t('form.saved'),
      done: (res) => {
        const tl = today(ctx);
        const line = tmd('signing.saved', {
          amount: formatYuan(res.plan.depositAmount),
          date: formatDateZh(res.plan.signingDate, tl),
          client: res.client.name,
        });
        return formResultCard(t('signing.title'), [line], res.form, { tz: s.timezone, today: tl });
      },
    });
  });

  // ── 合同领取表 (agent) and 已签合同表 (front desk): 签约 picks by role ──
  r.command(/^(?:领取|合同领取)(?:\s+(.*))?$/, requireRole('agent', 'manager'), async (ctx) => {
    await pickOrOpen(ctx, 'collection', (ctx.match?.[1] ?? '').trim(), (c) => collectionFormCard(c));
  });
  r.command(/^(?:签约|已签合同|签约登记)(?:\s+(.*))?$/, requireRole('agent', 'front_desk', 'manager'), async (ctx) => {
    if (hasRole(ctx.member, 'front_desk', 'manager')) return replyForm(ctx, signedContractFormCard());
    await pickOrOpen(ctx, 'collection', (ctx.match?.[1] ?? '').trim(), (c) => collectionFormCard(c));
  });
  r.action('form.collection.open', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    ctx.updateCard(collectionFormCard(await clientFor(ctx, ctx.value.clientId)));
  });
  r.action('form.collection.submit', clientButton, requireRole('agent', 'manager'), async (ctx) => {
    await submitForm(ctx, {
      fields: names(collectionFields),
      run: (tx) => forms.collection.submit(tx, ctx.member!, ctx.value.clientId, formValueOf(ctx)),
      again: async (state) => collectionFormCard(await loadClient(ctx, ctx.value.clientId), state),
      toast: () => t('form.saved'),
      done: (res) => {
        const lines = [
          tmd('collection.saved', { no: res.collection.contractNo, client: res.client.name }),
          res.handedOverAlready ? t('collection.after_handover') : '',
        ];
        return formResultCard(t('collection.title'), lines, res.form, { tz: s.timezone, today: today(ctx) });
      },
    });
  });
  r.action('form.signed.submit', z.object({ a: z.string() }), requireRole('front_desk', 'manager'), async (ctx) => {
    await submitForm(ctx, {
      fields: names(signedFields),
      run: async (tx) => {
        const res = await forms.signedContract.submit(tx, ctx.member!, formValueOf(ctx));
        if ('underReview' in res) return res;
        const agent = res.contract.agentOpenId
          ? ((await tx.members.get(res.contract.agentOpenId))?.name ?? res.contract.agentOpenId)
          : t('client.owner_pool');
        return { ...res, agentName: agent };
      },
      again: (state) => signedContractFormCard(state),
      toast: (res) => ('underReview' in res ? t('review.submitted_toast') : t('form.saved')),
      done: (res) => {
        if ('underReview' in res) return reviewSubmittedCard(res.review, res.client.name, res.withoutCollection);
        const tl = today(ctx);
        const lines = [
          tmd('signed.saved', {
            no: res.contract.contractNo,
            client: res.client.name,
            date: formatDateZh(res.contract.signedDate, tl),
            agent: res.agentName,
          }),
          res.withoutCollection ? t('signed.no_collection') : '',
        ];
        return formResultCard(
          t('signed.title'),
          lines,
          res.form,
          { tz: s.timezone, today: tl },
          { warn: res.withoutCollection },
        );
      },
    });
  });

  // ── R-FORM-2: a manager flags a form as false information ──
  r.action(
    'form.flag.open',
    z.object({ a: z.string(), formId: z.number().int().positive() }),
    requireRole('manager'),
    async (ctx) => {
      ctx.updateCard(await flagCard(ctx, ctx.value.formId));
    },
  );
  r.action(
    'form.flag.submit',
    z.object({ a: z.string(), formId: z.number().int().positive() }),
    requireRole('manager'),
    async (ctx) => {
      await submitForm(ctx, {
        fields: ['reason'],
        run: (tx) => forms.compliance.flagFalse(tx, ctx.member!, ctx.value.formId, formValueOf(ctx)),
        again: (state) => flagCard(ctx, ctx.value.formId, state),
        toast: (f) => t('flag.saved', { id: f.id }),
        done: (f) => resultCard(t('flag.title'), [t('flag.saved', { id: f.id }), escapeMd(f.flagReason ?? '')], 'red'),
      });
    },
  );

  const flagCard = async (ctx: BotContext, formId: number, state?: FormState) => {
    const { form, client } = await ctx.transaction(async (tx) => {
      const f = await tx.formRecords.get(formId);
      if (!f) throw notFound('form.not_found', { id: formId });
      return { form: f, client: f.clientId ? await tx.clients.get(f.clientId) : undefined };
    });
    const filed = dateTime(form.filedAt, s.timezone);
    return flagFormCard(form, client?.name ?? '—', filed, state);
  };

  // ── R-CON-3 on demand (the daily run is the scheduler's) ──
  r.command(/^对账(?:\s+(.*))?$/, requireRole('manager'), async (ctx) => {
    const arg = (ctx.match?.[1] ?? '').trim();
    const date = arg || today(ctx);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return ctx.reply(t('recon.usage'));
    const { lines, clean } = await ctx.transaction(async (tx) => {
      const rec = await forms.reconciliation.reconcile(tx, date);
      const clients = new Map(
        (await tx.clients.getMany([...rec.mismatches, ...rec.underReview].map((m) => m.clientId))).map((c) => [
          c.id,
          c.name,
        ]),
      );
      const agentNames = await services.clients.ownerNames(
        tx,
        [...rec.mismatches, ...rec.underReview].flatMap((m) =>
          m.agentOpenId ? [{ kind: 'agent' as const, openId: m.agentOpenId }] : [],
        ),
      );
      const who = (id: string | null) => (id ? (agentNames.get(id) ?? id) : t('client.owner_pool'));
      const out = [t('recon.summary', { signed: rec.signed, collected: rec.collected })];
      if (rec.mismatches.length === 0) out.push(t('recon.clean'));
      for (const m of rec.mismatches.slice(0, 40)) {
        const p = { no: m.contractNo, client: clients.get(m.clientId) ?? `#${m.clientId}`, agent: who(m.agentOpenId) };
        if (m.kind === 'field_mismatch')
          out.push(
            `- ${tmd('recon.field_mismatch', { ...p, fields: markup((m.fields ?? []).map((f) => tmd('recon.field', { field: t(`field.${f.field}`), signed: String(f.signed ?? '—'), collection: String(f.collection ?? '—') })).join('；')) })}`,
          );
        else out.push(`- ${tmd(`recon.${m.kind}`, p)}`);
      }
      for (const u of rec.underReview.slice(0, 20)) {
        const p = { no: u.contractNo, client: clients.get(u.clientId) ?? `#${u.clientId}`, agent: who(u.agentOpenId) };
        out.push(`- ${tmd(`recon.under_review.${u.status}`, p)}`);
      }
      return { lines: out, clean: rec.mismatches.length === 0 };
    });
    await ctx.replyCard(resultCard(t('recon.cmd_title', { date }), lines, clean ? 'green' : 'red'));
  });

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    forms: FormServices;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

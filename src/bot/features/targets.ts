import { z } from 'zod';
import { DomainError, FormError, invalidInput } from '../../domain/shared/errors.js';
import { hasRole } from '../../domain/members/roles.js';
import { EXPORT_KINDS, type ExportKind } from '../../domain/targets/export.service.js';
import { formatFen } from '../../domain/targets/money.js';
import { monthPeriod, parsePeriod, type TargetPeriod } from '../../domain/targets/period.js';
import type { Tx } from '../../domain/shared/tx.js';
import type { ProposalInput } from '../../domain/targets/split.rules.js';
import { fileName, sheetFor } from '../../exports/sheets.js';
import { xlsxBuffer } from '../../exports/xlsx.js';
import {
  currentLine,
  exportCard,
  performanceCard,
  submittedCard,
  targetFormCard,
  targetSummary,
  type TargetFormState,
} from '../cards/target-cards.js';
import { red } from '../cards/form-kit.js';
import { tmd, ttext } from '../cards/safe-text.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import { KpiService } from '../../domain/kpi/kpi.service.js';
import { funnelElements, withElements } from '../cards/kpi-cards.js';
import type { TargetService } from '../../domain/targets/target.service.js';
import type { ExportService } from '../../domain/targets/export.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['targets.export', 'targets.propose'] as const;

const SCOPE_ALL = /^(全部|所有|全员|everyone|all)$/i;
const SCOPE_MINE = /^(我的|本人|mine)$/i;

/** What people call each table after `导出`. */
const KIND_WORDS: Array<[RegExp, ExportKind]> = [
  [/^(来访客户登记总表|来访客户登记表?|来访登记|来访|登记表?)$/, 'visitors'],
  [/^(回访计划总表|回访计划表?|回访)$/, 'revisits'],
  [/^(已签合同表?|签约合同|合同|签约)$/, 'signed'],
  [/^(当日工作计划表?|工作计划表?|计划)$/, 'workplan'],
  [/^(业绩与提成表|业绩提成表?|业绩|提成)$/, 'performance'],
  [/^(铺位表?|铺位清单|租控表?)$/, 'units'],
  [/^(合同到期表?|到期合同表?|到期表?)$/, 'expiry'],
  [/^(周报|周报表|每周汇总|每周业绩汇总表?|周汇总)$/, 'weekly'],
];

export function exportKindOf(word: string): ExportKind | undefined {
  if ((EXPORT_KINDS as readonly string[]).includes(word)) return word as ExportKind;
  return KIND_WORDS.find(([re]) => re.test(word))?.[1];
}

/**
 * Targets (R-TGT-1/2: the manager's card form, a leader approves through the approval mechanism),
 * `业绩` (R-TGT-3/4, with a chart) and the Excel exports (sent back as a file message).
 */
export function targetsFeature({ services, menu, config }: FeatureDeps): Router {
  const r = new Router();
  const targets = services.targets;
  const exports = services.exports;
  const tz = config.timezone;
  const funnels = new KpiService({ timezone: tz });
  menu.add({ labelKey: 'menu.targets.propose', command: '设定目标', roles: ['manager'], order: 50 });
  menu.add({ labelKey: 'menu.targets.performance', command: '业绩', roles: ['agent', 'manager', 'leader'], order: 51 });
  menu.add({ labelKey: 'menu.targets.export', command: '导出', roles: ['manager', 'leader', 'front_desk'], order: 52 });
  menu.add({ labelKey: 'menu.targets.opening', command: '开业', roles: ['front_desk', 'manager'], order: 53 });

  async function formCard(ctx: BotContext, state: TargetFormState, periodKey?: string) {
    return ctx.transaction(async (tx) => {
      const agents = await tx.members.list({ role: 'agent', activeOnly: true });
      const context: { current?: string; pending?: string } = {};
      if (periodKey) {
        const current = (await tx.targets.approvedFor([periodKey]))[0];
        const pending = await tx.targets.pendingFor(periodKey);
        const names = await targets.names(
          tx,
          [...(current?.split ?? []), ...(pending?.split ?? [])].map((s) => s.agentOpenId),
        );
        if (current)
          context.current = currentLine(
            current,
            names,
            (await tx.members.get(current.decidedBy ?? ''))?.name ?? current.decidedBy ?? '—',
            tz,
          );
        if (pending)
          context.pending = tmd('target.form.pending', { summary: targetSummary(pending, names).replace('\n', ' · ') });
      }
      return targetFormCard(agents, state, context);
    });
  }

  // 设定目标 [2026-12]: the form, with what is in force and what is pending for that period.
  r.command(['设定目标', '目标', 'target'], requireRole('manager'), async (ctx) => {
    const text = (ctx.match?.[1] ?? '').trim();
    const period = text ? parsePeriod(text, targets.today()) : monthPeriod(targets.today().slice(0, 7));
    if (!period) throw invalidInput('target.err.period', { value: text.slice(0, 20) });
    await ctx.replyCard(await formCard(ctx, { values: { period: period.key } }, period.key));
  });

  r.action('targets.propose', z.object({ a: z.string() }), requireRole('manager'), async (ctx) => {
    const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
    const text = (k: string) =>
      typeof fv[k] === 'string'
        ? (fv[k] as string).slice(0, 100)
        : typeof fv[k] === 'number'
          ? String(fv[k])
          : undefined;
    const split: ProposalInput['split'] = {};
    for (const k of Object.keys(fv)) if (/^split_ou_[A-Za-z0-9_-]+$/.test(k)) split[k.slice(6)] = text(k);
    const periodText = text('period');
    try {
      const { target } = await ctx.transaction((tx) =>
        targets.propose(tx, ctx.member!, periodText, {
          contracts: text('contracts'),
          area: text('area'),
          rent: text('rent'),
          split,
        }),
      );
      const names = await ctx.transaction((tx) =>
        targets.names(
          tx,
          target.split.map((s) => s.agentOpenId),
        ),
      );
      ctx.toast('success', ctx.t('target.submitted', { period: target.periodKey }));
      ctx.updateCard(submittedCard(target, names));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // Nothing was saved: the form comes back as typed, each mistake under its field.
      const values = Object.fromEntries(
        Object.entries(err instanceof FormError ? err.values : { period: periodText ?? '', ...fv }).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : String(v ?? ''),
        ]),
      );
      const errors =
        err instanceof FormError
          ? Object.fromEntries(Object.entries(err.fields).map(([k, f]) => [k, ctx.t(f.key, f.params)]))
          : {};
      const notice = red(ctx.t(err.messageKey, err.params));
      ctx.toast('error', ctx.t(err.messageKey, err.params));
      const p = parsePeriod(values.period ?? '', targets.today());
      ctx.updateCard(await formCard(ctx, { values, errors, notice }, p?.key));
    }
  });

  // 业绩 [全部 | 姓名 | @某人] [2026-11 | 2026-Q4 | 上月]: an agent's own figures; a manager's or
  // leader's everyone's, or one agent's they name.
  r.command(['业绩', '我的业绩', '业绩统计'], requireRole('agent', 'manager', 'leader'), async (ctx) => {
    const words = (ctx.match?.[1] ?? '').split(/\s+/).filter(Boolean);
    const all = words.some((w) => SCOPE_ALL.test(w));
    const mineWord = words.some((w) => SCOPE_MINE.test(w)) || ctx.commandText.startsWith('我的业绩');
    const rest = words.filter((w) => !SCOPE_ALL.test(w) && !SCOPE_MINE.test(w));
    const everyone = hasRole(ctx.member, 'manager', 'leader');
    const { report, decider, kpi } = await ctx.transaction(async (tx) => {
      const named = await namedPerson(ctx, tx, rest, everyone);
      const scope = named.openId ? { agentOpenId: named.openId } : all ? 'all' : mineWord || !everyone ? 'mine' : 'all';
      const report = await targets.performance(tx, ctx.member!, named.period, scope);
      const by = report.targets.target?.decidedBy;
      // R-KPI-1: the funnel and development count of the same period; one agent's row when the card is one agent's.
      const funnel = await funnels.funnel(tx, named.period.from, named.period.to);
      const names = Object.fromEntries((await tx.members.list()).map((m) => [m.openId, m.name]));
      const only = report.scope === 'all' ? undefined : report.agents[0]?.agentOpenId;
      const kpi = funnelElements(funnel, names, only ? { only } : {});
      return { report, decider: by ? ((await tx.members.get(by))?.name ?? by) : undefined, kpi };
    });
    await ctx.replyCard(withElements(performanceCard(report, tz, decider), kpi));
  });

  /**
   * The person a `业绩` command names — an @-mention, or words that are a member's name — and the
   * period the other words give. Members are looked up only when the words are not a period.
   */
  async function namedPerson(
    ctx: BotContext,
    tx: Tx,
    words: string[],
    everyone: boolean,
  ): Promise<{ openId?: string; period: TargetPeriod }> {
    // A mention counts only if it is a member: the bot's own mention is never one, even while its identity is unknown.
    const bot = ctx.deps.botOpenId();
    let mention: { openId: string } | undefined;
    for (const m of ctx.update.kind === 'message' ? ctx.update.mentions : []) {
      if (m.openId && m.openId !== bot && m.openId !== mention?.openId && (await tx.members.get(m.openId))) {
        // One card is about one person: several mentions are refused rather than all but one dropped.
        if (mention) throw invalidInput('mention.one_only');
        mention = m;
      }
    }
    const asPeriod = targets.periodOrUndefined(words.join(' '));
    if (asPeriod) return { ...(mention ? { openId: mention.openId } : {}), period: asPeriod };
    const members = await tx.members.list({ activeOnly: true });
    const person = members.find((m) => words.includes(m.name));
    const others = words.filter((w) => w !== person?.name).join(' ');
    const period = targets.periodOrUndefined(others);
    if (!person || !period) {
      const value = (person ? others : words.join(' ')).slice(0, 20);
      throw invalidInput(everyone && !person ? 'target.err.period_or_name' : 'target.err.period', { value });
    }
    return { openId: mention?.openId ?? person.openId, period };
  }

  // 开业 <合同号> [日期]: the tenant opened; the opening part of the commission falls due (R-TGT-4).
  r.command(['开业', '开业登记'], requireRole('front_desk', 'manager'), async (ctx) => {
    const [no, date] = (ctx.match?.[1] ?? '').trim().split(/\s+/);
    if (!no) throw invalidInput('target.opening.usage');
    const res = await ctx.transaction(async (tx) => {
      const r = await targets.recordOpening(tx, ctx.member!, no, date);
      return {
        ...r,
        agentName: r.agentOpenId ? ((await tx.members.get(r.agentOpenId))?.name ?? r.agentOpenId) : undefined,
      };
    });
    const agent = res.agentName ? ctx.t('target.opening.done_agent', { name: res.agentName }) : '';
    await ctx.reply(
      ttext('target.opening.done', {
        no: res.contractNo,
        date: res.openedDate,
        agent,
        amount: formatFen(res.atOpeningFen),
      }),
    );
  });

  // 导出: the form; 导出 <表> [期间]: straight to the file.
  r.command(['导出', '导出报表', 'export'], requireRole('manager', 'leader', 'front_desk'), async (ctx) => {
    const rest = (ctx.match?.[1] ?? '').trim();
    if (!rest) return ctx.replyCard(exportCard({ inGroup: ctx.isGroup }));
    const [word, ...period] = rest.split(/\s+/);
    const kind = exportKindOf(word!);
    if (!kind) throw invalidInput('export.unknown_kind', { value: word!.slice(0, 20) });
    await runExport(ctx, kind, period.join(' '), ctx.isGroup);
  });

  r.action(
    'targets.export',
    z.object({
      a: z.string(),
      g: z.literal(1).optional(),
      kind: z.enum(EXPORT_KINDS).optional(),
      period: z.string().max(30).optional(),
    }),
    requireRole('manager', 'leader', 'front_desk'),
    async (ctx) => {
      const inGroup = ctx.value.g === 1;
      // A button on a report (the weekly summary's 导出完整表格) names its table and period: the report
      // stays as it is, whatever the answer.
      if (ctx.value.kind) {
        try {
          const rows = await runExport(ctx, ctx.value.kind, ctx.value.period ?? '', inGroup);
          ctx.toast('success', ctx.t('export.sent', { name: ctx.t(`export.kind.${ctx.value.kind}`), rows }));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          ctx.toast('error', ctx.t(err.messageKey, err.params));
        }
        return;
      }
      const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
      const kind = exportKindOf(typeof fv.kind === 'string' ? fv.kind : 'signed');
      const day = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 10) : '');
      const from = day(fv.from);
      const to = day(fv.to);
      const values = { kind: kind ?? 'signed', from, to };
      const refuse = (text: string) => {
        ctx.toast('error', text);
        ctx.updateCard(exportCard({ values, error: text, inGroup }));
      };
      if (!kind) return refuse(ctx.t('export.unknown_kind', { value: String(fv.kind ?? '') }));
      if ((from && !to) || (!from && to)) return refuse(ctx.t('export.err.need_dates'));
      try {
        // The weekly table is by week: the start date names it.
        const period = kind === 'weekly' ? from : from ? `${from}~${to}` : '';
        const rows = await runExport(ctx, kind, period, inGroup);
        ctx.toast('success', ctx.t('export.sent', { name: ctx.t(`export.kind.${kind}`), rows }));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        refuse(ctx.t(err.messageKey, err.params));
      }
    },
  );

  /** Builds the workbook inside one read transaction, then uploads it and sends it as a file to whoever asked. */
  async function runExport(ctx: BotContext, kind: ExportKind, periodText: string, inGroup: boolean): Promise<number> {
    const out = await ctx.transaction(async (tx) => {
      const req = await exports.prepare(tx, ctx.member!, kind, periodText, inGroup);
      const sheet = sheetFor(req, await exports.rows(tx, req));
      const { buffer, rows } = await xlsxBuffer(sheet, tz);
      return { buffer, rows, name: fileName(req) };
    });
    const fileKey = await ctx.deps.lark.uploadFile(out.buffer, out.name, 'xls');
    if (!fileKey) throw new Error('file upload returned no file_key');
    await ctx.replyFile(fileKey);
    ctx.log.info({ kind, rows: out.rows, bytes: out.buffer.length }, 'export sent');
    return out.rows;
  }

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    targets: TargetService;
    exports: ExportService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

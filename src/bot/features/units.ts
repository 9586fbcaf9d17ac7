import { z } from 'zod';
import { formatYuan } from '../../domain/forms/form-values.js';
import { hasRole } from '../../domain/members/roles.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Tx } from '../../domain/shared/tx.js';
import type { UnitWithTenant } from '../../domain/units/unit.js';
import { unitLabel } from '../../domain/units/unit.rules.js';
import { readUnitSheet, unitTemplate } from '../../exports/unit-sheet.js';
import { t } from '../../i18n/index.js';
import { expiringCard, importFailedCard, importIntroCard, leasingMapCard, reservedCard } from '../cards/unit-cards.js';
import { resultCard } from '../cards/form-cards.js';
import { tmd } from '../cards/safe-text.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { UnitService } from '../../domain/units/unit.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = [
  'unit.expiring',
  'unit.map',
  'unit.map.pick',
  'unit.release',
  'unit.reserved',
  'unit.template',
  'unit.unreserve',
] as const;

/** The largest units sheet the bot downloads (a 5,000-row sheet is well under 1 MB). */
const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/**
 * Units and the leasing map (R-UNIT-1 … R-UNIT-3): 租控图 (managers, leaders), 铺位导入 / an .xlsx sent
 * to the bot / 添加铺位 (admin, manager), 到期合同 with 释放 (agents see their own leases).
 */
export function unitsFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const units = services.units;

  menu.add({ labelKey: 'menu.units.map', command: '租控图', roles: ['manager', 'leader'], order: 60 });
  menu.add({ labelKey: 'menu.units.expiring', command: '到期合同', roles: ['agent', 'manager', 'leader'], order: 61 });
  menu.add({ labelKey: 'menu.units.import', command: '铺位导入', roles: ['admin', 'manager'], order: 62 });
  menu.add({ labelKey: 'menu.units.reserved', command: '已定铺位', roles: ['agent', 'manager'], order: 63 });

  // ── 租控图 ──
  const mapFor = (ctx: BotContext, page: number) => ctx.transaction((tx) => units.map(tx, page));
  r.command(/^租控图(?:\s+(.+))?$/, requireRole('manager', 'leader'), async (ctx) => {
    const want = (ctx.match?.[1] ?? '').replace(/\s+/g, '').toUpperCase();
    let m = await mapFor(ctx, 0);
    if (want) {
      const i = m.floors.findIndex((f) => `${f.building}${f.floor}`.replace(/\s+/g, '').toUpperCase().includes(want));
      if (i > 0) m = await mapFor(ctx, i);
    }
    await ctx.replyCard(leasingMapCard(m));
  });
  r.action(
    'unit.map',
    z.object({ a: z.string(), page: z.number().int().min(0).max(100_000) }),
    requireRole('manager', 'leader'),
    async (ctx) => {
      ctx.updateCard(leasingMapCard(await mapFor(ctx, ctx.value.page)));
    },
  );
  r.action('unit.map.pick', z.object({ a: z.string() }), requireRole('manager', 'leader'), async (ctx) => {
    const option = ctx.update.kind === 'card' ? Number(ctx.update.option) : Number.NaN;
    ctx.updateCard(leasingMapCard(await mapFor(ctx, Number.isInteger(option) && option >= 0 ? option : 0)));
  });

  // ── 添加 / 导入 ──
  r.command(/^添加铺位(?:\s+(.*))?$/, requireRole('admin', 'manager'), async (ctx) => {
    await ctx.transaction(async (tx) => {
      const u = await units.addFromText(tx, ctx.member!, ctx.match?.[1] ?? '');
      await ctx.replyCard(
        resultCard(
          t('unit.import.done_title'),
          [tmd('unit.added', { unit: unitLabel(u), area: formatYuan(u.areaSqm), rent: formatYuan(u.standardRent) })],
          'green',
        ),
      );
    });
  });
  r.command(['铺位导入', '导入铺位'], requireRole('admin', 'manager'), async (ctx) => {
    await ctx.replyCard(importIntroCard());
  });
  r.action('unit.template', z.object({ a: z.string() }), requireRole('admin', 'manager'), async (ctx) => {
    const fileKey = await ctx.deps.lark.uploadFile(await unitTemplate(), t('unit.import.template_name'), 'xls');
    if (!fileKey) throw new Error('file upload returned no file_key');
    await ctx.replyFile(fileKey);
    ctx.toast('success', t('unit.import.template'));
  });

  // An .xlsx sent to the bot by an admin or manager is a units import; anything else passes on.
  r.use(async (ctx, next) => {
    const u = ctx.update;
    if (u.kind !== 'message' || u.messageType !== 'file' || !u.file) return next();
    if (!hasRole(ctx.member, 'admin', 'manager')) return next();
    if (!/\.xlsx$/i.test(u.file.fileName)) return ctx.reply(t('unit.import.not_xlsx'));
    let bytes: Buffer;
    try {
      bytes = await ctx.deps.lark.downloadMessageFile(u.messageId, u.file.fileKey, MAX_SHEET_BYTES);
    } catch (err) {
      ctx.log.warn({ err: String(err) }, 'units sheet download failed');
      return ctx.reply(t('unit.import.download_failed'));
    }
    const sheet = await readUnitSheet(bytes, units.settings.maxImportRows);
    if (!sheet.ok) return ctx.reply(t(`unit.import.${sheet.reason}`));
    await ctx.transaction(async (tx) => {
      const res = await units.importRows(tx, ctx.member!, sheet.rows);
      if (!res.ok) return ctx.replyCard(importFailedCard(res.rows, res.issues));
      await ctx.replyCard(
        resultCard(t('unit.import.done_title'), [tmd('unit.import.done', { n: res.units.length })], 'green'),
      );
    });
  });

  // ── 到期合同 (R-UNIT-3) ──
  const expiringFor = async (ctx: BotContext, tx: Tx, page: number) => {
    const me = ctx.member!;
    const all = hasRole(me, 'manager', 'leader');
    const items = await units.expiring(tx, all ? undefined : me.openId);
    const names = new Map((await tx.members.list()).map((m) => [m.openId, m.name] as const));
    return expiringCard({
      items,
      page,
      days: units.settings.expiryWarningDays,
      today: units.today(),
      names,
      canRelease: (x: UnitWithTenant) => hasRole(me, 'manager') || x.agentOpenId === me.openId,
      paged: true,
    });
  };
  r.command(['到期合同', '合同到期', '续约'], requireRole('agent', 'manager', 'leader'), async (ctx) => {
    await ctx.replyCard(await ctx.transaction((tx) => expiringFor(ctx, tx, 0)));
  });
  r.action(
    'unit.expiring',
    z.object({ a: z.string(), page: z.number().int().min(0).max(10_000), open: z.boolean().optional() }),
    requireRole('agent', 'manager', 'leader'),
    async (ctx) => {
      const c = await ctx.transaction((tx) => expiringFor(ctx, tx, ctx.value.page));
      // From the map the list opens as a new card; from its own pages it turns the page.
      if (ctx.value.open) await ctx.replyCard(c);
      else ctx.updateCard(c);
    },
  );
  r.action(
    'unit.release',
    z.object({ a: z.string(), unitId: z.number().int().positive(), contractNo: z.string().min(1).max(50) }),
    requireRole('agent', 'manager'),
    async (ctx) => {
      try {
        const c = await ctx.transaction(async (tx) => {
          const u = await units.release(tx, ctx.member!, ctx.value.unitId, ctx.value.contractNo);
          await ctx.reply(t('unit.released', { unit: unitLabel(u) }));
          return expiringFor(ctx, tx, 0);
        });
        ctx.updateCard(c);
        ctx.toast('success', t('unit.expiring.release'));
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'forbidden') throw err;
        ctx.toast('warning', t(err.messageKey, err.params));
      }
    },
  );

  // ── 已定铺位 / 释放预定 (R-UNIT-1): the deposit fell through, the unit is free again ──
  const reservedFor = async (ctx: BotContext, tx: Tx, page: number) => {
    const me = ctx.member!;
    const all = hasRole(me, 'manager', 'leader');
    const items = await units.reserved(tx, all ? undefined : me.openId);
    const names = new Map((await tx.members.list()).map((m) => [m.openId, m.name] as const));
    return reservedCard({
      items,
      page,
      names,
      canRelease: (x: UnitWithTenant) => hasRole(me, 'manager') || x.agentOpenId === me.openId,
    });
  };
  r.command(['已定铺位', '预定铺位', '释放预定'], requireRole('agent', 'manager', 'leader'), async (ctx) => {
    await ctx.replyCard(await ctx.transaction((tx) => reservedFor(ctx, tx, 0)));
  });
  r.action(
    'unit.reserved',
    z.object({ a: z.string(), page: z.number().int().min(0).max(10_000) }),
    requireRole('agent', 'manager', 'leader'),
    async (ctx) => {
      ctx.updateCard(await ctx.transaction((tx) => reservedFor(ctx, tx, ctx.value.page)));
    },
  );
  r.action(
    'unit.unreserve',
    z.object({
      a: z.string(),
      unitId: z.number().int().positive(),
      clientId: z.number().int().positive(),
      page: z.number().int().min(0).max(10_000).optional(),
    }),
    requireRole('agent', 'manager'),
    async (ctx) => {
      try {
        const c = await ctx.transaction(async (tx) => {
          const u = await units.releaseReservation(tx, ctx.member!, ctx.value.unitId, ctx.value.clientId);
          await ctx.reply(t('unit.unreserved', { unit: unitLabel(u) }));
          return reservedFor(ctx, tx, ctx.value.page ?? 0);
        });
        ctx.updateCard(c);
        ctx.toast('success', t('unit.unreserve'));
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'forbidden') throw err;
        ctx.toast('warning', t(err.messageKey, err.params));
      }
    },
  );

  return r;
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    /** R-UNIT-1 … R-UNIT-3: units, the leasing map, renewals. */
    units: UnitService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

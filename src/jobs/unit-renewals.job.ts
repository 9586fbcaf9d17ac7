import { expiringCard } from '../bot/cards/unit-cards.js';
import type { Settings } from '../config.js';
import type { Tx } from '../domain/shared/tx.js';
import type { UnitMonthReport, UnitSettings } from '../domain/units/unit.service.js';
import { UnitService } from '../domain/units/unit.service.js';
import { t } from '../i18n/index.js';
import type { JobDeps } from './deps.js';
import { defineJob, periods } from './job.js';
import { memberNames, membersWithRole } from './recipients.js';

export function unitSettings(s: Settings, timezone: string): UnitSettings {
  return {
    timezone,
    expiryWarningDays: s.units.expiryWarningDays,
    defaultTermMonths: s.units.defaultTermMonths,
    maxImportRows: s.units.maxImportRows,
    maxAreaSqm: s.forms.maxAreaSqm,
    maxMonthlyRentYuan: s.forms.maxMonthlyRentYuan,
  };
}

const serviceAt = (d: JobDeps, now: Date, tz: string) =>
  new UnitService({ clock: { now: () => now }, settings: unitSettings(d.settings, tz) });

/**
 * R-UNIT-3: on the week's first working day each agent gets the leases of their tenants ending within
 * `units.expiryWarningDays` (and overdue ones), the managers get all of them. A lease leaves the list
 * when it is renewed (a new contract on the unit moves its end) or released (the unit is 空置 again),
 * so the list is simply what is still open each week. Nothing is sent when nothing is due.
 */
export function unitRenewalsJob(d: JobDeps) {
  return defineJob({
    name: 'unitRenewals',
    titleKey: 'job.unitRenewals',
    aliases: ['到期提醒', '续约提醒'],
    // Every working morning, claimed once per ISO week: a Monday holiday moves the list to Tuesday.
    defaultCron: '0 9 * * 1-5',
    workingDaysOnly: true,
    periodKey: periods.weekly,
    run: async (ctx) => {
      const units = serviceAt(d, ctx.now, ctx.timezone);
      const items = await units.expiring(ctx.tx);
      if (items.length === 0) return { summary: t('jobs.summary.unit_renewals_none') };
      const names = new Map(Object.entries(await memberNames(ctx.tx)));
      const today = units.today();
      const days = units.settings.expiryWarningDays;
      const base = { page: 0, days, today, names, paged: false };
      let people = 0;
      for (const m of await membersWithRole(ctx.tx, 'manager')) {
        await ctx.notify({ openId: m }, { card: expiringCard({ ...base, items, canRelease: () => true }) });
        people++;
      }
      const byAgent = new Map<string, typeof items>();
      for (const u of items) if (u.agentOpenId) byAgent.set(u.agentOpenId, [...(byAgent.get(u.agentOpenId) ?? []), u]);
      const managers = new Set(await membersWithRole(ctx.tx, 'manager'));
      for (const [agent, own] of byAgent) {
        if (managers.has(agent)) continue;
        await ctx.notify({ openId: agent }, { card: expiringCard({ ...base, items: own, canRelease: () => true }) });
        people++;
      }
      return { summary: t('jobs.summary.unit_renewals', { n: items.length, people }) };
    },
  });
}

/**
 * R-UNIT-2 in the monthly report: the property's figures at the report (stored once per month) and
 * the previous month's stored figures. `month` is the month reported on (YYYY-MM).
 */
export async function unitMonth(d: JobDeps, tx: Tx, now: Date, tz: string, month: string): Promise<UnitMonthReport> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return serviceAt(d, now, tz).monthReport(tx, month, prev);
}

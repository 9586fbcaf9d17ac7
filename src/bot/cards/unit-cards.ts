import type { CardJson } from '../../domain/shared/outbox.js';
import type { LeasingMap, UnitMonthReport } from '../../domain/units/unit.service.js';
import { DISPLAY_STATUSES, type UnitStats, type UnitStatus, type UnitWithTenant } from '../../domain/units/unit.js';
import { displayStatus, rate, type RowIssue, unitLabel } from '../../domain/units/unit.rules.js';
import { formatYuan } from '../../domain/forms/form-values.js';
import { t } from '../../i18n/index.js';
import { button, buttonRow, card, hr, md, selectStatic, type El } from './card-kit.js';
import { escapeMd, markup, tmd } from './safe-text.js';

/**
 * R-UNIT-2: the leasing map is a grid of coloured tags (`<text_tag>` in markdown), one per unit, one
 * floor per card. A native chart was the other candidate: a VChart heatmap draws each unit as a cell
 * too, but on a phone its labels shrink to nothing past ~30 cells and its colours need a legend the
 * chart places itself; tags stay legible at any width, wrap with the screen and cost one element per
 * 40 units (a 200-unit floor is 5 markdown elements, ≈ 12 KB), far inside Feishu's 200 elements and 30 KB.
 */
export const STATUS_COLOR: Record<UnitStatus, string> = {
  vacant: 'green',
  intent: 'wathet',
  reserved: 'orange',
  leased: 'blue',
  expiring: 'red',
};
/** Units drawn on one floor's card; a larger floor is listed whole in the 铺位表 export. */
export const MAP_UNITS_PER_CARD = 400;
const UNITS_PER_BLOCK = 40;
/** The floor picker lists at most this many floors (the buttons still reach every floor). */
const FLOOR_OPTIONS = 100;

const pct = (v: number | null) => (v === null ? t('unit.rate_none') : `${v.toFixed(1)}%`);
const occupied = (s: UnitStats) => s.byStatus.leased + s.byStatus.expiring;

function tag(status: UnitStatus, text: string): string {
  return `<text_tag color='${STATUS_COLOR[status]}'>${escapeMd(text)}</text_tag>`;
}

export function leasingMapCard(m: LeasingMap): CardJson {
  if (m.floors.length === 0)
    return card({ title: t('unit.map.empty_title'), template: 'grey', elements: [md(t('unit.map.empty'))] });
  const f = m.floors[m.page]!;
  const a = m.all;
  const elements: El[] = [
    md(
      tmd('unit.map.all', {
        total: a.total,
        vacancy: pct(rate(a.byStatus.vacant + a.byStatus.intent, a.total)),
        occupancy: pct(rate(occupied(a), a.total)),
        areaRate: pct(rate(a.leasedArea, a.totalArea)),
        rent: formatYuan(a.rentIncome),
      }),
    ),
    md(
      tmd('unit.map.floor', {
        total: m.floorStats.total,
        vacant: m.floorStats.byStatus.vacant,
        intent: m.floorStats.byStatus.intent,
        reserved: m.floorStats.byStatus.reserved,
        leased: m.floorStats.byStatus.leased,
        expiring: m.floorStats.byStatus.expiring,
        occupancy: pct(rate(occupied(m.floorStats), m.floorStats.total)),
        rent: formatYuan(m.floorStats.rentIncome),
      }),
    ),
    md(`${escapeMd(t('unit.map.legend'))}${DISPLAY_STATUSES.map((s) => tag(s, t(`unit.status.${s}`))).join(' ')}`),
    hr(),
  ];
  const shown = m.units.slice(0, MAP_UNITS_PER_CARD);
  for (let i = 0; i < shown.length; i += UNITS_PER_BLOCK)
    elements.push(
      md(
        shown
          .slice(i, i + UNITS_PER_BLOCK)
          .map((u) => tag(displayStatus(u, m.expiringUntil), u.number))
          .join(' '),
      ),
    );
  if (m.units.length > shown.length) elements.push(md(tmd('unit.map.cut', { n: m.units.length - shown.length })));
  elements.push(hr());
  const nav: El[] = [];
  if (m.page > 0) nav.push(button(t('unit.map.prev'), { a: 'unit.map', page: m.page - 1 }));
  if (m.page < m.floors.length - 1) nav.push(button(t('unit.map.next'), { a: 'unit.map', page: m.page + 1 }));
  nav.push(button(t('unit.map.expiring_button'), { a: 'unit.expiring', page: 0, open: true }));
  elements.push(buttonRow(nav));
  if (m.floors.length > 1) {
    const from = Math.max(0, Math.min(m.page - FLOOR_OPTIONS / 2, m.floors.length - FLOOR_OPTIONS));
    const options = m.floors
      .slice(from, from + FLOOR_OPTIONS)
      .map((fl, i) => ({ value: String(from + i), text: `${fl.building} ${fl.floor}（${fl.units}）` }));
    elements.push({
      ...selectStatic('floor', options, { placeholder: t('unit.map.pick'), value: String(m.page) }),
      behaviors: [{ type: 'callback', value: { a: 'unit.map.pick' } }],
    });
  }
  return card({
    title: t('unit.map.title', { building: f.building, floor: f.floor }),
    subtitle: t('unit.map.subtitle', { page: m.page + 1, pages: m.floors.length }),
    template: 'turquoise',
    elements,
  });
}

/** Import answers: every problem with its row number (capped, with the count of the rest). */
export const IMPORT_ISSUES_SHOWN = 50;
export function importFailedCard(rows: number, issues: RowIssue[]): CardJson {
  const lines = issues
    .slice(0, IMPORT_ISSUES_SHOWN)
    .map((i) => tmd('unit.import.issue', { row: i.row, text: t(i.key, i.params) }));
  const elements: El[] = [md(tmd('unit.import.failed', { rows, bad: issues.length })), md(lines.join('\n'))];
  if (issues.length > IMPORT_ISSUES_SHOWN)
    elements.push(md(tmd('unit.import.more', { n: issues.length - IMPORT_ISSUES_SHOWN })));
  return card({ title: t('unit.import.failed_title'), template: 'red', elements });
}

export function importIntroCard(): CardJson {
  return card({
    title: t('unit.import.title'),
    template: 'turquoise',
    elements: [
      md(t('unit.import.intro')),
      buttonRow([button(t('unit.import.template'), { a: 'unit.template' }, 'primary')]),
    ],
  });
}

export const EXPIRING_PAGE = 10;

/** R-UNIT-3: leases ending soon (or overdue), each with 释放 for who may release it. */
export function expiringCard(o: {
  items: UnitWithTenant[];
  page: number;
  days: number;
  today: string;
  names: Map<string, string>;
  canRelease: (u: UnitWithTenant) => boolean;
  /** In a scheduled reminder there is no paging: the list is the first page and the total. */
  paged: boolean;
}): CardJson {
  if (o.items.length === 0)
    return card({
      title: t('unit.expiring.title'),
      template: 'green',
      elements: [md(tmd('unit.expiring.none', { days: o.days }))],
    });
  const pages = Math.max(1, Math.ceil(o.items.length / EXPIRING_PAGE));
  const page = Math.min(Math.max(0, o.page), pages - 1);
  const elements: El[] = [md(tmd('unit.expiring.intro', { days: o.days }))];
  for (const u of o.items.slice(page * EXPIRING_PAGE, (page + 1) * EXPIRING_PAGE)) {
    const left = daysBetween(o.today, u.leaseEnd!);
    elements.push(
      md(
        tmd('unit.expiring.row', {
          unit: unitLabel(u),
          tenant: u.clientName ?? t('unit.nobody'),
          contractNo: u.contractNo ?? '—',
          end: u.leaseEnd!,
          left:
            left > 0
              ? t('unit.expiring.left', { n: left })
              : left === 0
                ? t('unit.expiring.today')
                : t('unit.expiring.overdue', { n: -left }),
          agent: (u.agentOpenId && o.names.get(u.agentOpenId)) || t('unit.nobody'),
        }),
      ),
    );
    if (o.canRelease(u) && u.contractNo)
      elements.push(
        buttonRow([
          button(t('unit.expiring.release'), { a: 'unit.release', unitId: u.id, contractNo: u.contractNo }, 'danger', {
            confirm: {
              title: t('unit.expiring.release_confirm_title'),
              text: t('unit.expiring.release_confirm', { unit: unitLabel(u) }),
            },
          }),
        ]),
      );
  }
  elements.push(md(tmd('unit.expiring.page', { page: page + 1, pages, total: o.items.length })));
  if (o.paged && pages > 1) {
    const nav: El[] = [];
    if (page > 0) nav.push(button(t('unit.map.prev'), { a: 'unit.expiring', page: page - 1 }));
    if (page < pages - 1) nav.push(button(t('unit.map.next'), { a: 'unit.expiring', page: page + 1 }));
    elements.push(buttonRow(nav));
  }
  return card({ title: t('unit.expiring.title'), template: 'orange', elements });
}

/** R-UNIT-1: the 已定 units, each with 释放预定 for the agent who reserved it or a manager. */
export function reservedCard(o: {
  items: UnitWithTenant[];
  page: number;
  names: Map<string, string>;
  canRelease: (u: UnitWithTenant) => boolean;
}): CardJson {
  if (o.items.length === 0)
    return card({ title: t('unit.reserved.title'), template: 'green', elements: [md(t('unit.reserved.none'))] });
  const pages = Math.max(1, Math.ceil(o.items.length / EXPIRING_PAGE));
  const page = Math.min(Math.max(0, o.page), pages - 1);
  const elements: El[] = [md(t('unit.reserved.intro'))];
  for (const u of o.items.slice(page * EXPIRING_PAGE, (page + 1) * EXPIRING_PAGE)) {
    elements.push(
      md(
        tmd('unit.reserved.row', {
          unit: unitLabel(u),
          tenant: u.clientName ?? t('unit.nobody'),
          agent: (u.agentOpenId && o.names.get(u.agentOpenId)) || t('unit.nobody'),
        }),
      ),
    );
    if (o.canRelease(u) && u.clientId !== null)
      elements.push(
        buttonRow([
          button(t('unit.unreserve'), { a: 'unit.unreserve', unitId: u.id, clientId: u.clientId, page }, 'danger', {
            confirm: {
              title: t('unit.unreserve.confirm_title'),
              text: t('unit.unreserve.confirm', { unit: unitLabel(u) }),
            },
          }),
        ]),
      );
  }
  elements.push(md(tmd('unit.reserved.page', { page: page + 1, pages, total: o.items.length })));
  if (pages > 1) {
    const nav: El[] = [];
    if (page > 0) nav.push(button(t('unit.map.prev'), { a: 'unit.reserved', page: page - 1 }));
    if (page < pages - 1) nav.push(button(t('unit.map.next'), { a: 'unit.reserved', page: page + 1 }));
    elements.push(buttonRow(nav));
  }
  return card({ title: t('unit.reserved.title'), template: 'orange', elements });
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** R-UNIT-2 in the monthly report: occupancy and rent income, and their change from last month. */
export function unitMonthElements(r: UnitMonthReport): El[] {
  const n = r.now;
  const occ = rate(n.leased, n.total);
  const prevOcc = r.previous ? rate(r.previous.leased, r.previous.total) : null;
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
  const occDelta =
    r.previous === undefined
      ? t('unit.month.no_previous')
      : occ !== null && prevOcc !== null
        ? t('unit.month.delta_pct', { sign: sign(occ - prevOcc), value: Math.abs(occ - prevOcc).toFixed(1) })
        : '';
  const rentDiff = r.previous ? Math.round((n.rentIncome - r.previous.rentIncome) * 100) / 100 : 0;
  const rentDelta = r.previous
    ? t('unit.month.delta_rent', { sign: sign(rentDiff), value: formatYuan(Math.abs(rentDiff)) })
    : '';
  return [
    hr(),
    md(
      `${tmd('unit.month.title', { month: n.month })}\n${tmd('unit.month.line', {
        occupancy: pct(occ),
        leased: n.leased,
        total: n.total,
        occDelta: markup(escapeMd(occDelta)),
        vacant: n.vacant,
        rent: formatYuan(n.rentIncome),
        rentDelta: markup(escapeMd(rentDelta)),
      })}`,
    ),
  ];
}

/** Appends the units section to a built card (the monthly report's card is built elsewhere). */
export function withUnitMonth(c: CardJson, r: UnitMonthReport | undefined): CardJson {
  if (!r || r.now.total === 0) return c;
  const body = (c as { body?: { elements?: El[] } }).body;
  if (body?.elements) body.elements.push(...unitMonthElements(r));
  return c;
}

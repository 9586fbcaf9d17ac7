import type { LedgerEntry, LedgerEvent } from '../../domain/rotation/rotation.ports.js';
import type { DayState } from '../../domain/rotation/rotation.rules.js';
import type { RotationView } from '../../domain/rotation/rotation.service.js';
import { maskPhone } from '../../domain/clients/phone.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { markup, tmd } from './safe-text.js';
import { button, buttonRow, card, form, hr, input, labelled, md, selectStatic, submitButton, table, type El, type Option } from './card-kit.js';
import { hhmm } from './reception-cards.js';

export const ROTATION_PAGE = 8;

function stateText(m: RotationView['members'][number]): string {
  if (!m.onDuty) return t('rotation.state.absent');
  if (m.busyWalkInId !== null) return t('rotation.state.busy');
  if (m.offeredWalkInId !== null) return t('rotation.state.offered');
  return t('rotation.state.on');
}

/**
 * 轮续表: today's order with the pointer, each agent's state and counts. Front desk and manager get
 * buttons (R-ROT-2); everyone else the same card read-only. Paged to stay under 200 elements.
 */
export function rotationCard(v: RotationView, canEdit: boolean, page = 1): CardJson {
  const pages = Math.max(1, Math.ceil(v.members.length / ROTATION_PAGE));
  const p = Math.min(Math.max(1, page), pages);
  const elements: El[] = [];
  const pointer = v.members.find((m) => m.openId === v.pointer);
  elements.push(md(pointer ? tmd('rotation.pointer', { name: pointer.name }) : t('rotation.pointer_none')));
  if (v.members.length === 0) elements.push(md(t('rotation.empty')));
  for (const m of v.members.slice((p - 1) * ROTATION_PAGE, p * ROTATION_PAGE)) {
    const line = tmd('rotation.line', { pos: m.position, mark: m.openId === v.pointer ? '▶ ' : '', name: m.name, state: stateText(m), received: m.received, passed: m.passed });
    elements.push(md(m.onDuty ? line : `<font color="grey">${line}</font>`));
    if (canEdit) {
      elements.push(
        buttonRow([
          m.onDuty ? button(t('rotation.btn.off'), { a: 'rotation.duty', agent: m.openId, on: false, page: p }) : button(t('rotation.btn.on'), { a: 'rotation.duty', agent: m.openId, on: true, page: p }, 'primary'),
          button(t('rotation.btn.up'), { a: 'rotation.move', agent: m.openId, dir: 'up', page: p }, 'default', { disabled: m.position === 1 }),
          button(t('rotation.btn.down'), { a: 'rotation.move', agent: m.openId, dir: 'down', page: p }, 'default', { disabled: m.position === v.members.length }),
        ]),
      );
    }
  }
  elements.push(hr(), md(t('rotation.fairness', { spread: v.fairness.spread })));
  const nav: El[] = [];
  if (p > 1) nav.push(button(t('common.prev'), { a: 'rotation.page', page: p - 1 }));
  if (p < pages) nav.push(button(t('common.next'), { a: 'rotation.page', page: p + 1 }));
  nav.push(button(t('rotation.btn.refresh'), { a: 'rotation.page', page: p }));
  if (canEdit) nav.push(button(t('rotation.btn.reset'), { a: 'rotation.reset' }, 'danger', { confirm: { title: t('rotation.btn.reset'), text: t('rotation.reset_confirm') } }));
  elements.push(buttonRow(nav));
  if (!canEdit) elements.push(md(`<font color="grey">${t('rotation.readonly')}</font>`));
  return card({ title: t('rotation.title', { day: v.day }), subtitle: pages > 1 ? t('common.page', { page: p, pages }) : undefined, template: 'wathet', elements });
}

export interface PoolItem {
  id: number;
  name: string;
  phone: string | null;
  createdAt: Date;
}

/** 公共客户: the pool, with the manager's hand-out form (a reason is required, R-ATT-4). */
export function poolCard(items: PoolItem[], total: number, page: number, pageSize: number, agents: Option[] | undefined, timezone: string, state: { notice?: string; error?: string } = {}): CardJson {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  if (items.length === 0) elements.push(md(t('pool.empty')));
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const c of items) elements.push(md(tmd('pool.line', { id: c.id, name: c.name, phone: c.phone ? maskPhone(c.phone) : '', date: date.format(c.createdAt) })));
  const nav: El[] = [];
  if (page > 1) nav.push(button(t('common.prev'), { a: 'pool.page', page: page - 1 }));
  if (page < pages) nav.push(button(t('common.next'), { a: 'pool.page', page: page + 1 }));
  if (nav.length) elements.push(buttonRow(nav));
  if (agents && items.length) {
    elements.push(
      hr(),
      md(`**${t('pool.assign_title')}**`),
      form('pool_assign', [
        ...labelled(t('pool.form.client'), selectStatic('client', items.map((c) => ({ value: String(c.id), text: `#${c.id} ${c.name}` })), { required: true }), undefined, true),
        ...labelled(t('pool.form.agent'), selectStatic('agent', agents, { required: true }), undefined, true),
        ...labelled(t('pool.form.reason'), input('reason', { maxLength: 200, required: true }), state.error, true),
        submitButton(t('pool.form.submit'), 'pool_assign_submit', { a: 'pool.assign', page }),
      ]),
    );
  }
  return card({ title: t('pool.title', { total }), subtitle: pages > 1 ? t('common.page', { page, pages }) : undefined, template: 'grey', elements });
}

function eventText(e: LedgerEvent): string {
  switch (e.type) {
    case 'duty':
      return t(`ledger.ev.duty.${e.onDuty ? 'on' : 'off'}`);
    case 'moved':
      return t(`ledger.ev.moved.${e.direction}`);
    case 'passed':
      return t(`ledger.ev.passed.${e.reason}`);
    default:
      return t(`ledger.ev.${e.type}`);
  }
}

const LEDGER_ROWS = 150;

/** 轮续记录: a day's ledger and the counts recomputed from it (R-AUD-1). */
export function ledgerCard(day: string, entries: LedgerEntry[], replayed: DayState | undefined, names: Record<string, string>, timezone: string): CardJson {
  if (entries.length === 0) return card({ title: t('ledger.title', { day }), template: 'grey', elements: [md(t('ledger.empty', { day }))] });
  const name = (id: string | null | undefined) => (id ? (names[id] ?? id) : t('ledger.system'));
  const rows = entries.slice(0, LEDGER_ROWS).map((e) => ({
    time: hhmm(e.at, timezone),
    event: eventText(e.event),
    agent: 'agent' in e.event && e.event.agent ? name(e.event.agent) : '',
    walkin: 'walkInId' in e.event && e.event.walkInId ? `#${e.event.walkInId}` : '',
    rule: e.rule ?? '',
    actor: name(e.actor),
  }));
  const elements: El[] = [];
  if (replayed) {
    const lines = replayed.members.map((m) => tmd('ledger.summary_line', { name: name(m.openId), received: m.received, passed: m.passed })).join('，');
    elements.push(md(tmd('ledger.summary', { lines: markup(lines) })));
  }
  elements.push(
    table(
      [
        { name: 'time', label: t('ledger.col.time') },
        { name: 'event', label: t('ledger.col.event') },
        { name: 'agent', label: t('ledger.col.agent') },
        { name: 'walkin', label: t('ledger.col.walkin') },
        { name: 'rule', label: t('ledger.col.rule') },
        { name: 'actor', label: t('ledger.col.actor') },
      ],
      rows,
      10,
    ),
  );
  if (entries.length > LEDGER_ROWS) elements.push(md(t('ledger.truncated', { n: LEDGER_ROWS })));
  return card({ title: t('ledger.title', { day }), template: 'wathet', elements });
}

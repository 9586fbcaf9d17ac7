import type { RotationView } from '../../domain/rotation/rotation.service.js';
import { maskPhone } from '../../domain/clients/phone.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { localDate } from '../../domain/shared/zoned-time.js';
import { t } from '../../i18n/index.js';
import { clientNumber } from './client-number.js';
import { tmd } from './safe-text.js';
import {
  button,
  buttonRow,
  card,
  form,
  hr,
  input,
  labelled,
  md,
  selectStatic,
  submitButton,
  type El,
  type Option,
} from './card-kit.js';

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
    const line = tmd('rotation.line', {
      pos: m.position,
      mark: m.openId === v.pointer ? '▶ ' : '',
      name: m.name,
      state: stateText(m),
      received: m.received,
      passed: m.passed,
    });
    elements.push(md(m.onDuty ? line : `<font color="grey">${line}</font>`));
    // One button a row on a phone; leave and order are changed on a small card of their own.
    if (canEdit)
      elements.push(buttonRow([button(t('rotation.btn.adjust'), { a: 'rotation.adjust', agent: m.openId, page: p })]));
  }
  elements.push(
    hr(),
    md(t(v.fairness.spread === 0 ? 'rotation.fairness_even' : 'rotation.fairness', { spread: v.fairness.spread })),
  );
  const nav: El[] = [];
  if (p > 1) nav.push(button(t('common.prev'), { a: 'rotation.page', page: p - 1 }));
  if (p < pages) nav.push(button(t('common.next'), { a: 'rotation.page', page: p + 1 }));
  nav.push(button(t('rotation.btn.refresh'), { a: 'rotation.page', page: p }));
  if (canEdit)
    nav.push(
      button(t('rotation.btn.reset'), { a: 'rotation.reset' }, 'danger', {
        confirm: { title: t('rotation.btn.reset'), text: t('rotation.reset_confirm') },
      }),
    );
  elements.push(buttonRow(nav));
  if (!canEdit) elements.push(md(`<font color="grey">${t('rotation.readonly')}</font>`));
  return card({
    title: t('rotation.title', { day: v.day }),
    subtitle: pages > 1 ? t('common.page', { page: p, pages }) : undefined,
    template: 'wathet',
    elements,
  });
}

export interface PoolItem {
  id: number;
  regNo?: string | null;
  name: string;
  phone: string | null;
  createdAt: Date;
}

/** 调整 on one agent's row: on duty or leave, up or down; each returns to the rotation card. */
export function rotationAdjustCard(v: RotationView, agent: string, page: number): CardJson | undefined {
  const m = v.members.find((x) => x.openId === agent);
  if (!m) return undefined;
  return card({
    title: t('rotation.adjust_title', { name: m.name }),
    template: 'wathet',
    elements: [
      md(tmd('rotation.adjust_body', { name: m.name, pos: m.position, state: stateText(m) })),
      // docs/CARD-STYLE.md: the expected step first (在岗 when on leave), 请假 as the danger last.
      buttonRow([
        ...(m.onDuty ? [] : [button(t('rotation.btn.on'), { a: 'rotation.duty', agent, on: true, page }, 'primary')]),
        button(t('rotation.btn.up'), { a: 'rotation.move', agent, dir: 'up', page }, 'default', {
          disabled: m.position === 1,
        }),
        button(t('rotation.btn.down'), { a: 'rotation.move', agent, dir: 'down', page }, 'default', {
          disabled: m.position === v.members.length,
        }),
        button(t('rotation.btn.back'), { a: 'rotation.page', page }),
        ...(m.onDuty ? [button(t('rotation.btn.off'), { a: 'rotation.duty', agent, on: false, page }, 'danger')] : []),
      ]),
    ],
  });
}

/** 公共客户: the pool, with the manager's hand-out form (a reason is required, R-ATT-4). */
export function poolCard(
  items: PoolItem[],
  total: number,
  page: number,
  pageSize: number,
  agents: Option[] | undefined,
  timezone: string,
  state: { notice?: string; error?: string } = {},
): CardJson {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  if (items.length === 0) elements.push(md(t('pool.empty')));
  for (const c of items)
    elements.push(
      md(
        tmd('pool.line', {
          no: clientNumber({ regNo: c.regNo }),
          name: c.name,
          phone: c.phone ? maskPhone(c.phone) : '',
          date: localDate(c.createdAt, timezone),
        }),
      ),
    );
  const nav: El[] = [];
  if (page > 1) nav.push(button(t('common.prev'), { a: 'pool.page', page: page - 1 }));
  if (page < pages) nav.push(button(t('common.next'), { a: 'pool.page', page: page + 1 }));
  if (nav.length) elements.push(buttonRow(nav));
  if (agents && items.length) {
    elements.push(
      hr(),
      md(`**${t('pool.assign_title')}**`),
      form('pool_assign', [
        ...labelled(
          t('pool.form.client'),
          selectStatic(
            'client',
            items.map((c) => ({ value: String(c.id), text: `#${c.id} ${c.name}` })),
            { required: true },
          ),
          undefined,
          true,
        ),
        ...labelled(t('pool.form.agent'), selectStatic('agent', agents, { required: true }), undefined, true),
        ...labelled(t('pool.form.reason'), input('reason', { maxLength: 200, required: true }), state.error, true),
        submitButton(t('pool.form.submit'), 'pool_assign_submit', { a: 'pool.assign', page }),
      ]),
    );
  }
  return card({
    title: t('pool.title', { total }),
    subtitle: pages > 1 ? t('common.page', { page, pages }) : undefined,
    template: 'grey',
    elements,
  });
}

/** 轮续记录 lives with its row rendering (ledger-cards.ts); re-exported where it always was. */
export { ledgerCard } from './ledger-cards.js';

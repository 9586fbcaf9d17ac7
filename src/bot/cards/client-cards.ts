import type { ClientPage, ClientView, PhoneReveal } from '../../domain/clients/client.service.js';
import type { ButtonValue } from '../actions.js';
import { GRADES, type Grade, type PipelineState } from '../../domain/clients/client.js';
import type { FormRecord, Revisit } from '../../domain/forms/form.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { markup, tmd } from './safe-text.js';
import { button, buttonRow, card, form, hr, input, md, submitButton, type El } from './card-kit.js';
import { revisitButtons } from './form-cards.js';
import type { OwnershipHistoryView } from '../../domain/reception/ownership-history.query.js';
import { ownershipSection } from './ownership-cards.js';

const dash = (v: string | null | undefined) => (v?.trim() ? v : '—');
const ownerText = (v: ClientView) => (v.client.owner.kind === 'pool' ? t('client.owner_pool') : dash(v.ownerName));

/** One line per client: full for the owner, managers and front desk; existence and owner for others (R-INFO-2). */
export function clientLine(v: ClientView): string {
  const c = v.client;
  const state = t(`state.${c.state}`);
  return v.full
    ? tmd('clients.line_full', {
        name: c.name,
        regNo: dash(c.regNo),
        grade: dash(c.grade),
        state,
        contact: dash(v.contactPerson),
        phone: dash(v.phone),
      })
    : tmd('clients.line_limited', {
        name: c.name,
        regNo: dash(c.regNo),
        state,
        owner: ownerText(v),
        phone: dash(v.phone),
      });
}

/** Page buttons: the value carries the action and what it needs to fetch the page again. */
function pager(page: ClientPage, value: (page: number) => ButtonValue): El[] {
  if (page.pages <= 1) return [];
  const nav: El[] = [];
  if (page.page > 1) nav.push(button(t('common.prev'), value(page.page - 1)));
  nav.push(md(t('common.page', { page: page.page, pages: page.pages })));
  if (page.page < page.pages) nav.push(button(t('common.next'), value(page.page + 1)));
  return [buttonRow(nav)];
}

/**
 * A page of clients, each with one button (详情, or 选择 in a picker). A page is at most
 * `listPageSize` (≤ 20) rows of 4 components: far under Feishu's 200-component limit.
 */
export function clientListCard(opts: {
  title: string;
  intro?: string;
  page: ClientPage;
  rowButton: (v: ClientView) => El | El[];
  pageValue: (page: number) => ButtonValue;
  filters?: El[];
  empty: string;
  top?: El[];
}): CardJson {
  const { page } = opts;
  const elements: El[] = [...(opts.top ?? [])];
  if (opts.intro) elements.push(md(opts.intro));
  if (opts.filters) elements.push(...opts.filters);
  if (page.items.length === 0) elements.push(md(opts.empty));
  else
    elements.push(
      md(
        page.capped
          ? t('clients.count_capped', { total: page.total })
          : t('clients.count', { total: page.total, filter: '' }),
      ),
    );
  for (const v of page.items) elements.push(md(clientLine(v)), buttonRow([opts.rowButton(v)].flat()));
  elements.push(...pager(page, opts.pageValue));
  return card({ title: opts.title, template: 'blue', elements });
}

export const detailButton = (v: ClientView) =>
  button(t('clients.detail'), { a: 'client.detail', clientId: v.client.id });

/**
 * 查看电话 (R-INFO-2) for a manager or leader in a private chat. `proof` ties the button to the chat and
 * the person it was made for (see the clients feature), so a forwarded or hand-made value is refused.
 */
export const revealButton = (v: ClientView, proof: { chat: string; k: string }) =>
  button(t('client.btn_reveal_phone'), { a: 'client.phone.reveal', clientId: v.client.id, ...proof });

/** Grade and state filters for 我的客户, as buttons (outside a form a select would need its own callback). */
export function mineFilters(current: { grade?: Grade; state?: PipelineState }): El[] {
  const gradeBtn = (g?: Grade) =>
    button(
      g ?? t('clients.filter_all'),
      {
        a: 'clients.mine.page',
        page: 1,
        ...(g ? { grade: g } : {}),
        ...(current.state ? { state: current.state } : {}),
      },
      current.grade === g ? 'primary' : 'default',
    );
  const states: PipelineState[] = ['intent', 'following', 'deposit', 'signed', 'lost'];
  const stateBtn = (s?: PipelineState) =>
    button(
      s ? t(`state.${s}`) : t('clients.filter_all'),
      {
        a: 'clients.mine.page',
        page: 1,
        ...(s ? { state: s } : {}),
        ...(current.grade ? { grade: current.grade } : {}),
      },
      current.state === s ? 'primary' : 'default',
    );
  return [
    buttonRow([gradeBtn(undefined), ...GRADES.map((g) => gradeBtn(g))]),
    buttonRow([stateBtn(undefined), ...states.map((s) => stateBtn(s))]),
  ];
}

export function searchFormCard(hint?: string): CardJson {
  return card({
    title: t('clients.search_title'),
    template: 'blue',
    elements: [
      ...(hint ? [md(hint)] : []),
      md(t('clients.search_hint')),
      form('search_form', [
        input('q', { placeholder: t('clients.search_placeholder'), maxLength: 50 }),
        submitButton(t('clients.search_button'), 'submit', { a: 'client.search.submit' }),
      ]),
    ],
  });
}

export interface DetailExtras {
  /** R-AUD-2: how the client came to its owner and every change since; only for the owner and managers. */
  ownership?: OwnershipHistoryView;
  openRevisits: Revisit[];
  forms: FormRecord[];
  canFile: boolean;
  isManager: boolean;
  formatTime: (d: Date) => string;
  /** R-INFO-2: the 查看电话 button's proof when the viewer may reveal the number here. */
  revealProof?: { chat: string; k: string };
  /** R-INFO-2: the recorded reveals of this client's number, oldest first, stamped `MM-DD HH:mm`. */
  phoneReveals?: PhoneReveal[];
  formatStamp?: (d: Date) => string;
  /** R-POOL-1: the manager's 锁定 / 解锁 against the pool recall, for a private client (managers only). */
  recallLock?: { locked: boolean };
}

/** A client's card: details per R-INFO-2, open revisits with their buttons, recent forms, next forms. */
export function clientDetailCard(v: ClientView, x: DetailExtras): CardJson {
  const c = v.client;
  const elements: El[] = [];
  const base = {
    name: c.name,
    regNo: dash(c.regNo),
    state: t(`state.${c.state}`),
    owner: ownerText(v),
    phone: dash(v.phone),
  };
  elements.push(
    md(
      v.full
        ? tmd('client.detail_full', {
            ...base,
            grade: dash(c.grade),
            contact: dash(v.contactPerson),
            category: dash(c.category),
            type: c.clientType ? t(`client_type.${c.clientType}`) : '—',
            source: c.source ? t(dynamicKey(`source.${c.source}`)) : '—',
          })
        : tmd(
            v.phoneShown ? 'client.detail_typed' : v.canReveal ? 'client.detail_masked' : 'client.detail_limited',
            base,
          ),
    ),
  );
  if (v.canReveal && x.revealProof)
    elements.push(md(t('client.reveal.hint')), buttonRow([revealButton(v, x.revealProof)]));
  if (c.state === 'lost' && c.lostReason && v.full)
    elements.push(md(tmd('client.lost_reason', { reason: c.lostReason })));
  // Rule IDs are the manager's check on a decision; the owner reads the same steps in words.
  if (x.ownership) elements.push(hr(), ...ownershipSection(x.ownership, x.formatTime, x.isManager));
  if (x.canFile) {
    for (const r of x.openRevisits.slice(0, 5))
      elements.push(
        md(
          tmd('revisit.line', {
            date: r.dueDate,
            client: c.name,
            overdue: '',
            purpose: r.purpose ? ` · ${r.purpose}` : '',
          }),
        ),
        revisitButtons(r.id),
      );
    if (c.state !== 'lost') {
      const next = [button(t('client.btn_revisit'), { a: 'form.revisit_plan.open', clientId: c.id }, 'primary')];
      if (c.state !== 'signed') next.push(button(t('client.btn_signing'), { a: 'form.signing.open', clientId: c.id }));
      next.push(button(t('client.btn_collection'), { a: 'form.collection.open', clientId: c.id }));
      elements.push(buttonRow(next));
    }
  }
  if (v.full && x.forms.length) {
    elements.push(hr(), md(t('client.recent_forms')));
    for (const f of x.forms.slice(0, 8)) {
      elements.push(
        md(
          tmd('client.form_line', {
            kind: t(`form_kind.${f.kind}`),
            filed: x.formatTime(f.filedAt),
            late: markup(f.late ? t('client.form_late') : ''),
            incomplete: markup(f.incomplete ? t('client.form_incomplete') : ''),
            flagged: markup(f.flagged ? t('client.form_flagged') : ''),
          }),
        ),
      );
      if (x.isManager && !f.flagged)
        elements.push(
          buttonRow([button(t('client.btn_flag', { id: f.id }), { a: 'form.flag.open', formId: f.id }, 'danger')]),
        );
    }
  }
  if (x.phoneReveals?.length) {
    const stamp = x.formatStamp ?? x.formatTime;
    elements.push(hr(), md(t('client.reveals_title')));
    // A record keeps every reveal; the card shows the latest ten, newest last, to stay small.
    const lines = x.phoneReveals
      .slice(-10)
      .map((r) =>
        tmd('client.reveal_line', { role: t(`client.reveal_role.${r.role}`), name: r.actorName, at: stamp(r.at) }),
      );
    elements.push(md(lines.join('\n')));
  }
  if (x.recallLock) {
    const { locked } = x.recallLock;
    elements.push(
      md(t(locked ? 'recall.detail_locked' : 'recall.detail_unlocked')),
      buttonRow([
        locked
          ? button(t('recall.unlock'), { a: 'client.recall_lock', clientId: c.id, lock: false })
          : button(t('recall.lock'), { a: 'client.recall_lock', clientId: c.id, lock: true }, 'primary'),
      ]),
    );
  }
  // R-FB-1: anyone who sees a client may log the tenant's complaint or suggestion.
  elements.push(buttonRow([button(t('client.btn_feedback'), { a: 'feedback.open', clientId: c.id })]));
  return card({ title: t('client.detail_title'), template: 'indigo', elements });
}

/** The answer to 查看电话 (R-INFO-2): the number, and that this look is now in the client's record. */
export function phoneRevealCard(
  v: ClientView,
  reveal: { role: 'manager' | 'leader'; name: string; at: string } | null,
): CardJson {
  const c = v.client;
  return card({
    title: t('client.btn_reveal_phone'),
    template: 'indigo',
    elements: [
      md(
        tmd('client.detail_masked', {
          name: c.name,
          regNo: dash(c.regNo),
          state: t(`state.${c.state}`),
          owner: ownerText(v),
          phone: dash(v.phone),
        }),
      ),
      ...(reveal
        ? [
            md(
              tmd('client.reveal.recorded', {
                line: markup(
                  tmd('client.reveal_line', {
                    role: t(`client.reveal_role.${reveal.role}`),
                    name: reveal.name,
                    at: reveal.at,
                  }),
                ),
              }),
            ),
          ]
        : []),
      buttonRow([detailButton(v)]),
    ],
  });
}

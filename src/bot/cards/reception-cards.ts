import type { Offer } from '../../domain/rotation/rotation.js';
import type { ButtonValue } from '../actions.js';
import type { DisputeView, ReceptionCards, WalkInView } from '../../domain/reception/reception.js';
import { maskPhone } from '../../domain/clients/phone.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { escapeMd, tmd } from './safe-text.js';
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
import { clientNumber } from './client-number.js';
import { ownershipSection } from './ownership-cards.js';
import { dateTime, hhmm } from './time-format.js';

/** Name and masked phone (R-INFO-2): cards can be forwarded, so the full number is never on them. */
export function clientLabel(v: WalkInView): string {
  const w = v.walkIn;
  const name = v.clientName ?? w.name;
  const phone = w.phone ? maskPhone(w.phone) : null;
  if (!name && !phone) return t('desk.unnamed');
  return [name, phone].filter(Boolean).join(' ');
}

/** The walk-in's client by the one client number: 登记号 once registered, else the labelled arrival number. */
export const walkInNo = (v: WalkInView): string => clientNumber({ regNo: v.clientRegNo, walkInId: v.walkIn.id });

export function whyText(v: WalkInView): string {
  const w = v.walkIn;
  const agent = (w.owner && v.names[w.owner]) || (w.cardAgent && v.names[w.cardAgent]) || '';
  if (w.rule === 'R-ATT-3' && w.status === 'pool') return t('rule.R-ATT-3.pool');
  if (w.rule === 'R-ATT-1' && w.status === 'pool') return t('rule.R-ROT-5');
  return t(dynamicKey(`rule.${w.rule}`), { agent });
}

/** The bot layer's rendering of reception events (the domain decides who is told, this decides how it looks). */
export function createReceptionCards(timezone: string): ReceptionCards {
  const registerButtons = (v: WalkInView): El => {
    const w = v.walkIn;
    const open: ButtonValue = { a: 'form.visitor.open', walkInId: w.id };
    if (v.clientName ?? w.name) open.name = (v.clientName ?? w.name)!;
    if (w.phone) open.phone = w.phone;
    // The visitor form is due a set time after acceptance (R-FORM-1); the forms feature reads this.
    if (w.decidedAt) open.acceptedAt = w.decidedAt.getTime();
    return buttonRow([
      button(t('accepted.register'), open, 'primary_filled'),
      button(t('accepted.done'), { a: 'rotation.done', walkInId: w.id }),
    ]);
  };

  const stamp = (at: Date) => dateTime(at, timezone);

  return {
    offer(v, offer) {
      const minutes = Math.max(1, Math.round(v.timeoutSeconds / 60));
      return card({
        title: t('offer.title'),
        template: 'orange',
        summary: t('offer.title'),
        elements: [
          md(
            tmd('offer.body', {
              id: v.walkIn.id,
              client: clientLabel(v),
              deadline: hhmm(offer.deadlineAt, timezone),
              minutes,
            }),
          ),
          ...(v.walkIn.note ? [md(`📝 ${escapeMd(v.walkIn.note)}`)] : []),
          buttonRow([
            button(t('offer.accept'), { a: 'rotation.accept', offerId: offer.id }, 'primary_filled'),
            button(t('offer.pass'), { a: 'rotation.pass', offerId: offer.id }, 'default'),
          ]),
        ],
      });
    },
    offerClosed(v, offer) {
      return card({
        title: t('offer.closed.title'),
        template: 'grey',
        elements: [md(t(`offer.closed.${offer.status}`, { id: v.walkIn.id }))],
      });
    },
    accepted(v) {
      return card({
        title: t('accepted.title', { no: walkInNo(v) }),
        template: 'green',
        elements: [md(tmd('accepted.body', { client: clientLabel(v) })), registerButtons(v)],
      });
    },
    direct(v) {
      const desk = v.names[v.walkIn.registeredBy] ?? '';
      return card({
        title: t('direct.title', { no: walkInNo(v) }),
        template: 'blue',
        elements: [md(tmd('direct.body', { client: clientLabel(v), why: whyText(v), desk })), registerButtons(v)],
      });
    },
    desk(v) {
      return deskCard(v, timezone);
    },
    dispute(v) {
      const d = v.dispute;
      return card({
        title: t('dispute.title', { no: clientNumber({ regNo: v.clientRegNo }) }),
        template: 'orange',
        elements: [
          md(
            tmd('dispute.body', {
              client: v.clientName,
              holder: ownerName(v, d.holder),
              claimant: v.names[d.claimant] ?? d.claimant,
              reason: d.reason,
            }),
          ),
          // The manager decides knowing how and when the current owner got the client (R-AUD-2), rule by rule.
          ...(v.history ? [hr(), ...ownershipSection(v.history, stamp, true)] : []),
          // A ruling is final: each button asks once more, naming what it will do.
          buttonRow(
            (['claimant', 'keep', 'pool'] as const).map((decision) =>
              button(
                t(`dispute.${decision}`),
                { a: 'dispute.decide', disputeId: d.id, decision },
                decision === 'claimant' ? 'primary' : 'default',
                {
                  confirm: {
                    title: t('dispute.confirm_title'),
                    text: t('dispute.confirm_text', { decision: t(`dispute.${decision}`), client: v.clientName }),
                  },
                },
              ),
            ),
          ),
        ],
      });
    },
    disputeDecided(v) {
      const d = v.dispute;
      const owner =
        d.decision === 'claimant'
          ? { kind: 'agent' as const, openId: d.claimant }
          : d.decision === 'pool'
            ? { kind: 'pool' as const }
            : d.holder;
      return card({
        title: t('dispute.decided_title', { no: clientNumber({ regNo: v.clientRegNo }) }),
        template: 'green',
        elements: [
          md(
            tmd('dispute.decided_body', {
              client: v.clientName,
              decision: t(`dispute.${d.decision ?? 'keep'}`),
              by: d.decidedBy ? (v.names[d.decidedBy] ?? '') : '',
              owner: ownerName(v, owner),
            }),
          ),
          ...(v.history ? [hr(), ...ownershipSection(v.history, stamp, true)] : []),
        ],
      });
    },
    assigned(v) {
      return card({
        title: t('assigned.title'),
        template: 'blue',
        elements: [md(tmd('assigned.body', { client: v.clientName, by: v.byName, reason: v.reason }))],
      });
    },
  };
}

function ownerName(v: DisputeView, owner: { kind: 'pool' } | { kind: 'agent'; openId: string }): string {
  return owner.kind === 'pool' ? t('owner.pool') : (v.names[owner.openId] ?? owner.openId);
}

function deskCard(v: WalkInView, timezone: string): CardJson {
  const w = v.walkIn;
  const pending = v.offers.find((o) => o.status === 'pending');
  const name = (id: string | null) => (id ? (v.names[id] ?? id) : '');
  let status: string;
  if (w.status === 'offered' && pending)
    status = tmd('desk.status.offered', { agent: name(pending.agent), deadline: hhmm(pending.deadlineAt, timezone) });
  else if (w.status === 'pool') status = t('desk.status.pool');
  else
    status = tmd(w.status === 'accepted' ? 'desk.status.accepted' : 'desk.status.assigned', { agent: name(w.owner) });
  const elements: El[] = [
    md(tmd('desk.client', { client: clientLabel(v) })),
    md(tmd('desk.rule', { why: whyText(v) })),
    md(status),
  ];
  if (v.offers.length) {
    elements.push(
      hr(),
      md(
        [
          t('desk.history'),
          ...v.offers.map((o: Offer) =>
            tmd('desk.offer_line', { n: o.attempt, agent: name(o.agent), status: t(`offer.status.${o.status}`) }),
          ),
        ].join('\n'),
      ),
    );
  }
  const template = w.status === 'offered' ? 'orange' : w.status === 'pool' ? 'grey' : 'green';
  return card({ title: t('desk.title', { no: walkInNo(v) }), template, elements });
}

/** 新客到访: the front desk's form; comes back filled in with per-field errors when something is wrong. */
export function arrivalFormCard(
  agents: Option[],
  state: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string } = {},
): CardJson {
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(md(t('reception.form.hint')));
  elements.push(
    form('arrival_form', [
      ...labelled(t('reception.form.name'), input('name', { value: v.name ?? '', maxLength: 100 }), e.name),
      ...labelled(
        t('reception.form.phone'),
        input('phone', { value: v.phone ?? '', placeholder: t('reception.form.phone_ph'), maxLength: 40 }),
        e.phone,
      ),
      ...labelled(
        t('reception.form.card_agent'),
        selectStatic('card_agent', [{ value: 'none', text: t('reception.form.card_none') }, ...agents], {
          value: v.card_agent || 'none',
        }),
        e.card_agent,
      ),
      ...labelled(
        t('reception.form.leader'),
        selectStatic(
          'leader',
          [
            { value: 'no', text: t('common.no') },
            { value: 'yes', text: t('common.yes') },
          ],
          { value: v.leader || 'no' },
        ),
      ),
      ...labelled(t('reception.form.note'), input('note', { value: v.note ?? '', maxLength: 500, multiline: true })),
      submitButton(t('reception.form.submit'), 'arrival_submit', { a: 'reception.arrive' }),
    ]),
  );
  return card({ title: t('reception.form.title'), template: 'turquoise', elements });
}

/**
 * 归属申诉 from the menu: which client (name or phone, as on the search) and why, on one form; a refusal
 * brings it back filled in with the reason in red.
 */
/**
 * 归属申诉, step 1: the disputing agent searches a client by name or phone; the matches come on the
 * same card as a picker (see `disputePickerTop`), masked per R-INFO-2: the client exists and whose it is.
 */
export function disputeSearchForm(state: { q?: string; error?: string } = {}): El {
  return form('dispute_search', [
    ...labelled(
      t('dispute.form.client'),
      input('q', { placeholder: t('dispute.form.client_ph'), value: state.q ?? '', maxLength: 50, required: true }),
      state.error,
      true,
    ),
    submitButton(t('dispute.pick.search'), 'dispute_search_submit', { a: 'dispute.search' }, 'primary'),
  ]);
}

/** The search card before anything is typed (the menu button, or 申诉 alone). */
export function disputeSearchCard(state: { q?: string; error?: string } = {}): CardJson {
  return card({
    title: t('dispute.form.title'),
    template: 'wathet',
    elements: [md(t('dispute.pick.intro')), disputeSearchForm(state)],
  });
}

/**
 * 归属申诉, step 2: the picked client (number, and whose it is) and the reason. `client` unset: the
 * older one-field form (a client typed by name or phone), still answered for cards sent before.
 */
export function disputeFormCard(
  state: {
    client?: { id: number; label: string };
    values?: { query?: string; reason?: string };
    error?: string;
    reasonError?: string;
  } = {},
): CardJson {
  const chosen = state.client;
  const clientField = chosen
    ? [md(tmd('dispute.pick.chosen', { client: chosen.label }))]
    : labelled(
        t('dispute.form.client'),
        input('query', {
          placeholder: t('dispute.form.client_ph'),
          value: state.values?.query ?? '',
          maxLength: 50,
          required: true,
        }),
        state.error,
        true,
      );
  const elements: El[] = [
    md(t(chosen ? 'dispute.pick.reason_intro' : 'dispute.form.intro')),
    form('dispute_form', [
      ...clientField,
      ...labelled(
        t('dispute.form.reason'),
        input('reason', { value: state.values?.reason ?? '', maxLength: 500, multiline: true, required: true }),
        chosen ? (state.reasonError ?? state.error) : state.reasonError,
        true,
      ),
      submitButton(
        t('dispute.form.submit'),
        'dispute_form_submit',
        { a: 'dispute.form.submit', ...(chosen ? { clientId: chosen.id } : {}) },
        'primary',
      ),
    ]),
  ];
  if (chosen) elements.push(buttonRow([button(t('dispute.pick.again'), { a: 'dispute.search.open' })]));
  return card({ title: t('dispute.form.title'), template: 'orange', elements });
}

/** The form's answer: what was filed and what happens next; nothing left to press. */
export function disputeRaisedCard(v: DisputeView): CardJson {
  return card({
    title: t('dispute.title', { no: clientNumber({ regNo: v.clientRegNo }) }),
    template: 'turquoise',
    elements: [md(tmd('dispute.form.raised', { client: v.clientName }))],
  });
}

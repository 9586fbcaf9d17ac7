import type { Client } from '../../domain/clients/client.js';
import type { ActionName } from '../actions.js';
import type { ClientView } from '../../domain/clients/client.service.js';
import { hasRole } from '../../domain/members/roles.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import type { Tx } from '../../domain/shared/tx.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { button, type El } from '../cards/card-kit.js';
import { clientListCard } from '../cards/client-cards.js';
import type { BotContext } from '../context.js';
import type { Services } from '../services.js';
import { replyForm } from './form-submit.js';

/** Which form a picked client opens. */
export type Purpose = 'revisit' | 'signing' | 'collection' | 'call';
const OPEN_ACTION: Record<Purpose, ActionName> = {
  revisit: 'form.revisit_plan.open',
  signing: 'form.signing.open',
  collection: 'form.collection.open',
  call: 'call.open',
};
/** The title says what the card is: the revisit list is the agent's revisits, not a bare client picker. */
const PICK_TITLE: Record<Purpose, string> = {
  revisit: 'revisit.list_title',
  signing: 'signing.pick_title',
  collection: 'collection.pick_title',
  call: 'call.title',
};
const PICK_INTRO: Record<Purpose, string> = {
  revisit: 'revisit.pick_new',
  signing: 'signing.pick',
  collection: 'collection.pick',
  call: 'call.pick',
};
/** The call log pages its own picker (its card carries the new-number form on top). */
const PAGE_ACTION: Record<Purpose, ActionName> = {
  revisit: 'client.pick',
  signing: 'client.pick',
  collection: 'client.pick',
  call: 'call.pick',
};

/** A page of the sender's clients (or of a search, keeping those they may file for), each with 选择. */
export async function clientPicker(
  services: Services,
  ctx: BotContext,
  purpose: Purpose,
  q: string,
  page: number,
  top: El[] = [],
): Promise<CardJson> {
  return ctx.transaction((tx) => clientPickerIn(tx, services, ctx, purpose, q, page, top));
}

/** The same picker read inside a transaction already open (e.g. to patch a card along with a change). */
export async function clientPickerIn(
  tx: Tx,
  services: Services,
  ctx: BotContext,
  purpose: Purpose,
  q: string,
  page: number,
  top: El[] = [],
): Promise<CardJson> {
  const viewer = { member: ctx.member!, inGroup: false };
  const res = q
    ? await services.clients.search(tx, viewer, q, page)
    : await services.clients.mine(tx, viewer, {}, page);
  const mine = (v: ClientView) =>
    v.full && (v.client.owner.kind === 'agent' ? v.client.owner.openId === ctx.member!.openId : false);
  const items = q ? res.items.filter((v) => mine(v) || hasRole(ctx.member, 'manager')) : res.items;
  return clientListCard({
    title: t(dynamicKey(PICK_TITLE[purpose])),
    intro: t(dynamicKey(PICK_INTRO[purpose])),
    page: { ...res, items },
    top,
    rowButton: (v) => button(t('clients.pick'), { a: OPEN_ACTION[purpose], clientId: v.client.id }, 'primary'),
    pageValue: (p) => ({ a: PAGE_ACTION[purpose], purpose, page: p, ...(q ? { q } : {}) }),
    empty: q ? t('clients.none') : t('clients.none_mine'),
  });
}

/** With a name or phone that finds exactly one of the sender's clients, the form opens directly. */
export async function pickOrOpenClient(
  services: Services,
  ctx: BotContext,
  purpose: Purpose,
  q: string,
  open: (c: Client) => CardJson,
  top: El[] = [],
): Promise<void> {
  if (q) {
    const viewer = { member: ctx.member!, inGroup: false };
    const found = await ctx.transaction((tx) => services.clients.search(tx, viewer, q, 1));
    const own = found.items.filter(
      (v) => v.client.owner.kind === 'agent' && v.client.owner.openId === ctx.member!.openId,
    );
    if (own.length === 1 && found.total === 1) return replyForm(ctx, open(own[0]!.client));
  }
  await replyForm(ctx, await clientPicker(services, ctx, purpose, q, 1, top));
}

import type { Client } from '../../domain/clients/client.js';
import type { Member } from '../../domain/members/roles.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { localDate } from '../../domain/shared/zoned-time.js';
import {
  BRAND_LEVELS,
  STRENGTHS,
  TIERS,
  type ClientTier,
  type HandoverView,
  type TierCardRenderer,
  type TierRecheckItem,
} from '../../domain/tiers/tier.js';
import type { Suggestion } from '../../domain/tiers/tier.rules.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import {
  button,
  buttonRow,
  card,
  columns,
  form,
  hr,
  input,
  labelled,
  md,
  selectStatic,
  submitButton,
  type El,
} from './card-kit.js';
import { formatTime } from './time-format.js';
import type { FormState } from './field-visit-cards.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
export const tierLabel = (tier: string | null | undefined): string =>
  tier ? t(dynamicKey(`tier.label.${tier}`)) : t('tier.label.none');

export interface TierCardInput {
  client: Client;
  tier: ClientTier | undefined;
  suggestion: Suggestion;
  keyAccounts: Member[];
  state?: FormState;
  notice?: string;
}

/** `分档 <client>` (R-TIER-2, R-TIER-1): criteria form, suggested tier, the manager's tier, and the hand-over form. */
export function tierCard(x: TierCardInput): CardJson {
  const c = x.tier?.criteria;
  const v = x.state?.values ?? {};
  const e = x.state?.errors ?? {};
  const val = (name: string, saved: number | string | null | undefined) =>
    name in v ? str(v[name]) : str(saved ?? '');
  const elements: El[] = [];
  if (x.notice) elements.push(md(x.notice));
  elements.push(
    md(
      tmd('tier.head', {
        name: x.client.name,
        type: t(`tier.client_type.${x.client.clientType ?? 'merchant'}`),
        tier: tierLabel(x.tier?.tier),
      }),
    ),
  );
  if (x.tier?.status === 'pending') elements.push(md(t('tier.pending', { tier: tierLabel(x.tier.proposed) })));
  if (x.tier?.status === 'rejected') elements.push(md(t('tier.rejected_note')));
  elements.push(
    md(
      x.suggestion.tier
        ? t('tier.suggested', {
            tier: tierLabel(x.suggestion.tier),
            average: x.suggestion.average ?? 0,
            count: x.suggestion.scored,
          })
        : t('tier.no_suggestion', { count: x.suggestion.scored }),
    ),
  );
  const fields: El[] = [
    ...labelled(
      t('tier.f.store_area'),
      input('store_area', { value: val('store_area', c?.storeAreaSqm), placeholder: t('tier.f.store_area_ph') }),
      e.store_area,
    ),
    ...labelled(
      t('tier.f.store_count'),
      input('store_count', { value: val('store_count', c?.storeCount), placeholder: t('tier.f.store_count_ph') }),
      e.store_count,
    ),
    ...labelled(
      t('tier.f.brand_level'),
      selectStatic(
        'brand_level',
        BRAND_LEVELS.map((b) => ({ value: b, text: t(`tier.brand.${b}`) })),
        { value: val('brand_level', c?.brandLevel) },
      ),
      e.brand_level,
    ),
    ...labelled(
      t('tier.f.warehouse'),
      input('warehouse', { value: val('warehouse', c?.warehouseSqm), placeholder: t('tier.f.warehouse_ph') }),
      e.warehouse,
    ),
    ...labelled(
      t('tier.f.turnover'),
      input('turnover', { value: val('turnover', c?.turnoverWanYuan), placeholder: t('tier.f.turnover_ph') }),
      e.turnover,
    ),
  ];
  if (x.client.clientType === 'manufacturer') {
    fields.push(
      ...labelled(
        t('tier.f.strength'),
        selectStatic(
          'strength',
          STRENGTHS.map((s) => ({ value: s, text: t(`tier.strength.${s}`) })),
          { value: val('strength', c?.manufacturerStrength) },
        ),
        e.strength,
      ),
    );
  }
  fields.push(
    ...labelled(
      t('tier.f.tier'),
      selectStatic(
        'tier',
        TIERS.map((k) => ({ value: k, text: tierLabel(k) })),
        { value: str(v.tier), placeholder: t('tier.f.tier_ph') },
      ),
      e.tier,
    ),
  );
  fields.push(submitButton(t('tier.submit'), 'tier_submit', { a: 'tier.save', clientId: x.client.id }));
  elements.push(form('tier_form', fields), hr());
  elements.push(...handoverElements(x.client, x.keyAccounts));
  return card({ title: t('tier.title'), template: 'indigo', elements });
}

function handoverElements(client: Client, keyAccounts: Member[]): El[] {
  if (keyAccounts.length === 0) return [md(t('handover.no_key_account'))];
  return [
    md(t('handover.intro')),
    form('handover_form', [
      ...labelled(
        t('handover.f.to'),
        selectStatic(
          'to',
          keyAccounts.map((m) => ({ value: m.openId, text: m.name })),
          { placeholder: t('handover.f.to_ph'), required: true },
        ),
        undefined,
        true,
      ),
      ...labelled(t('handover.f.reason'), input('reason', { placeholder: t('handover.f.reason_ph'), maxLength: 200 })),
      submitButton(t('handover.submit'), 'handover_submit', { a: 'tier.handover', clientId: client.id }, 'danger'),
    ]),
  ];
}

/** `移交大客户 <client>` for the owning agent: the hand-over form alone. */
export function handoverCard(client: Client, keyAccounts: Member[], notice?: string): CardJson {
  return card({
    title: t('handover.title'),
    template: 'violet',
    elements: [
      ...(notice ? [md(notice)] : []),
      md(tmd('handover.client', { name: client.name })),
      ...handoverElements(client, keyAccounts),
    ],
  });
}

export function pickClientCard(clients: Client[], action: 'tier.open' | 'handover.open'): CardJson {
  const elements: El[] = [md(t('tier.pick', { count: clients.length }))];
  for (const c of clients)
    elements.push(
      buttonRow([button(c.shopName ? `${c.name}（${c.shopName}）` : c.name, { a: action, clientId: c.id })]),
    );
  return card({ title: t('tier.pick_title'), template: 'blue', elements });
}

export function handoverListCard(views: HandoverView[], tz: string): CardJson {
  const elements: El[] = views.length
    ? views.map((v) =>
        md(
          tmd('handover.line', {
            client: v.clientName,
            from: v.fromName,
            to: v.toName,
            by: v.approverName,
            at: formatTime(v.handover.at, tz),
          }),
        ),
      )
    : [md(t('handover.none'))];
  return card({ title: t('handover.list_title'), template: 'violet', elements });
}

const RECHECK_BUTTONS = 10;
const RECHECK_LINES = 30;

/**
 * R-TIER-2 weekly reminder to the manager: clients never tiered or tiered more than `days` ago. The
 * first ones carry a 分档 button (tier.open); the rest are lines, cut with "还有 N 项" (`total` counts all).
 */
export function tierRecheckCard(x: {
  items: TierRecheckItem[];
  total: number;
  days: number;
  names: Record<string, string>;
  tz: string;
}): CardJson {
  const label = (i: TierRecheckItem) => (i.shopName ? `${i.name}（${i.shopName}）` : i.name);
  const line = (i: TierRecheckItem) =>
    tmd('tier.recheck_line', {
      client: label(i),
      owner: i.ownerOpenId ? (x.names[i.ownerOpenId] ?? i.ownerOpenId) : t('tier.recheck_pool'),
      state:
        i.tier && i.confirmedAt
          ? t('tier.recheck_since', { tier: tierLabel(i.tier), date: localDate(i.confirmedAt, x.tz) })
          : tierLabel(null),
    });
  const elements: El[] = [md(t('tier.recheck_intro', { total: x.total, days: x.days }))];
  for (const i of x.items.slice(0, RECHECK_BUTTONS))
    elements.push(
      columns([[md(line(i))], [button(t('tier.recheck_open'), { a: 'tier.open', clientId: i.clientId })]], 'flow'),
    );
  const rest = x.items.slice(RECHECK_BUTTONS, RECHECK_BUTTONS + RECHECK_LINES).map((i) => `- ${line(i)}`);
  const more = x.total - Math.min(x.items.length, RECHECK_BUTTONS + RECHECK_LINES);
  if (more > 0) rest.push(t('item.more', { n: more }));
  if (rest.length) elements.push(hr(), md(rest.join('\n')));
  return card({
    title: t('tier.recheck_title'),
    template: 'orange',
    elements,
    summary: t('tier.recheck_intro', { total: x.total, days: x.days }),
  });
}

export function tierCards(tz: string): TierCardRenderer {
  return {
    handoverNotice(v) {
      return card({
        title: t('handover.done_title'),
        template: 'violet',
        elements: [
          md(
            tmd('handover.line', {
              client: v.clientName,
              from: v.fromName,
              to: v.toName,
              by: v.approverName,
              at: formatTime(v.handover.at, tz),
            }),
          ),
        ],
      });
    },
  };
}

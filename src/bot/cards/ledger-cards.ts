import { explainLedger, type ClientRef, type LedgerFacts, type LedgerRow } from '../../domain/rotation/ledger-rows.js';
import type { LedgerEntry } from '../../domain/rotation/rotation.ports.js';
import type { DayState } from '../../domain/rotation/rotation.rules.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { markup, tmd } from './safe-text.js';
import { button, buttonRow, card, md, type El } from './card-kit.js';
import { hhmm } from './time-format.js';

/** Rows per details page: one screen of a phone. */
export const LEDGER_PAGE = 10;

const person = (p: { name: string | null } | null): string => (p ? (p.name ?? t('ledger.unknown_member')) : '');

function clientText(c: ClientRef): string {
  if (c.kind === 'phone') return c.masked;
  if (c.kind === 'unnamed') return t('ledger.client_unnamed');
  return c.regNo ? t('ledger.client_regno', { name: c.name, regNo: c.regNo }) : c.name;
}

/**
 * A rule as its reader needs it: the ID for a manager checking a decision; the same step in words for
 * everyone else (docs/CARD-STYLE.md, "Words"). An ID without words of its own is shown as it is.
 */
export function ruleText(rule: string, withIds: boolean): string {
  if (withIds) return rule;
  const key = `ledger.rule.${rule}`;
  const words = t(dynamicKey(key));
  return words === key ? rule : words;
}

/** One row: time, event, then the agent, client, outcome, owner, reason, rule and who acted (R-AUD-2). */
export function ledgerRowText(r: LedgerRow, timezone: string, withIds = true): string {
  const parts: string[] = [];
  if (r.agent && r.kind !== 'assigned') parts.push(tmd('ledger.part.agent', { name: person(r.agent) }));
  if (r.client) parts.push(tmd('ledger.part.client', { client: clientText(r.client) }));
  if (r.kind === 'arrival' && r.outcome) parts.push(tmd('ledger.part.decided', { rule: ruleText(r.outcome, withIds) }));
  if (r.kind === 'ruling' && r.outcome)
    parts.push(tmd('ledger.part.outcome', { outcome: t(dynamicKey(`dispute.${r.outcome}`)) }));
  if (r.owner)
    parts.push(tmd('ledger.part.owner', { owner: r.owner.kind === 'pool' ? t('owner.pool') : person(r.owner) }));
  if (r.claimant) parts.push(tmd('ledger.part.claimant', { name: person(r.claimant) }));
  if (r.reason)
    parts.push(tmd(r.kind === 'dispute' ? 'ledger.part.dispute_reason' : 'ledger.part.reason', { reason: r.reason }));
  if (r.order)
    parts.push(tmd('ledger.part.order', { order: r.order.map((n) => n ?? t('ledger.unknown_member')).join('、') }));
  if (r.rule && r.kind !== 'arrival') parts.push(tmd('ledger.part.rule', { rule: ruleText(r.rule, withIds) }));
  parts.push(tmd('ledger.part.by', { name: r.actor === 'system' ? t('ledger.system') : person(r.actor) }));
  return tmd('ledger.row', {
    time: hhmm(r.at, timezone),
    event: t(dynamicKey(`ledger.ev.${r.kind}`)),
    parts: markup(parts.join('')),
  });
}

/**
 * 轮续记录 for a phone: page 0 is the summary (each agent's counts recomputed from the ledger, and how
 * many of each event), pages 1… the rows, ten at a time, each naming client, people, outcome, reason
 * and rule. Names come from `facts`; someone no longer in the department shows as a former member.
 */
export function ledgerCard(
  day: string,
  entries: LedgerEntry[],
  replayed: DayState | undefined,
  names: Record<string, string>,
  timezone: string,
  opts: { facts?: LedgerFacts; page?: number; ruleIds?: boolean } = {},
): CardJson {
  if (entries.length === 0)
    return card({ title: t('ledger.title', { day }), template: 'grey', elements: [md(t('ledger.empty', { day }))] });
  const facts: LedgerFacts = opts.facts ?? { names, walkIns: new Map(), clients: new Map() };
  const { rows, counts } = explainLedger(entries, facts);
  const pages = Math.max(1, Math.ceil(rows.length / LEDGER_PAGE));
  const page = Math.min(Math.max(0, opts.page ?? 0), pages);
  const elements: El[] = [];
  const nav: El[] = [];
  if (page === 0) {
    if (replayed) {
      const name = (id: string) => facts.names[id] ?? t('ledger.unknown_member');
      const lines = replayed.members
        .map((m) => tmd('ledger.summary_line', { name: name(m.openId), received: m.received, passed: m.passed }))
        .join('，');
      elements.push(md(tmd('ledger.summary', { lines: markup(lines) })));
    }
    elements.push(
      md(
        t('ledger.counts', {
          counts: counts
            .map((c) => t('ledger.count_item', { event: t(dynamicKey(`ledger.ev.${c.kind}`)), n: c.n }))
            .join('，'),
        }),
      ),
    );
    elements.push(md(t('ledger.total', { n: rows.length })));
    nav.push(button(t('ledger.btn.details'), { a: 'ledger.page', day, page: 1 }, 'primary'));
  } else {
    const slice = rows.slice((page - 1) * LEDGER_PAGE, page * LEDGER_PAGE);
    elements.push(md(slice.map((r) => ledgerRowText(r, timezone, opts.ruleIds ?? true)).join('\n')));
    if (page > 1) nav.push(button(t('common.prev'), { a: 'ledger.page', day, page: page - 1 }));
    if (page < pages) nav.push(button(t('common.next'), { a: 'ledger.page', day, page: page + 1 }));
    nav.push(button(t('ledger.btn.summary'), { a: 'ledger.page', day, page: 0 }));
  }
  elements.push(buttonRow(nav));
  return card({
    title: page === 0 ? t('ledger.title', { day }) : t('ledger.details_title', { day }),
    subtitle: page > 0 ? t('common.page', { page, pages }) : undefined,
    template: 'wathet',
    elements,
  });
}

import type { OwnershipHistoryView } from '../../domain/reception/ownership-history.query.js';
import type { OwnershipStep } from '../../domain/reception/ownership-history.js';
import type { Owner } from '../../domain/clients/client.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { markup, tmd } from './safe-text.js';
import { md, type El } from './card-kit.js';

/** A card shows the latest steps; the record keeps all of them. */
const MAX_STEPS = 10;

const personName = (h: OwnershipHistoryView, id: string | null): string =>
  id ? (h.names[id] ?? t('ownership.unknown_member')) : t('ownership.by_system');
const ownerName = (h: OwnershipHistoryView, o: Owner): string =>
  o.kind === 'pool' ? t('owner.pool') : (h.names[o.openId] ?? t('ownership.unknown_member'));

/** How the registration went when the desk registered a client for the pool. */
const howKey = (s: OwnershipStep) =>
  s.how === 'registered' && s.after.kind === 'pool' ? 'ownership.how.registered_pool' : `ownership.how.${s.how}`;

/** One step: when, how (rule), to whom, who decided, and the outcome and reason where there are any. */
export function ownershipStepText(
  h: OwnershipHistoryView,
  s: OwnershipStep,
  formatTime: (d: Date) => string,
  showRuleIds = false,
): string {
  const extras: string[] = [];
  if (s.outcome) extras.push(t('ownership.extra.outcome', { outcome: t(`dispute.${s.outcome}`) }));
  if (s.claimant) extras.push(tmd('ownership.extra.claimant', { name: personName(h, s.claimant) }));
  if (s.reason)
    extras.push(
      tmd(s.how === 'ruling' ? 'ownership.extra.dispute_reason' : 'ownership.extra.reason', { reason: s.reason }),
    );
  return tmd(showRuleIds ? 'ownership.step' : 'ownership.step_plain', {
    time: formatTime(s.at),
    how: t(dynamicKey(howKey(s))),
    rule: s.rule ?? t('ownership.no_rule'),
    owner: ownerName(h, s.after),
    by: personName(h, s.decidedBy),
    extra: markup(extras.join('')),
  });
}

/** "Why is it theirs?" (R-AUD-2): how the current owner got the client, then every step, newest last. */
/** `showRuleIds`: the rule behind each step (R-ATT-1 …) for a manager checking a decision; others read words. */
export function ownershipSection(h: OwnershipHistoryView, formatTime: (d: Date) => string, showRuleIds = false): El[] {
  if (h.steps.length === 0) return [md(t('ownership.title')), md(t('ownership.none'))];
  const lines = h.steps.slice(-MAX_STEPS).map((s) => `- ${ownershipStepText(h, s, formatTime, showRuleIds)}`);
  const out: El[] = [md(t('ownership.title'))];
  if (h.acquired)
    out.push(
      md(tmd('ownership.acquired', { step: markup(ownershipStepText(h, h.acquired, formatTime, showRuleIds)) })),
    );
  if (h.steps.length > MAX_STEPS) lines.unshift(t('ownership.earlier', { n: h.steps.length - MAX_STEPS }));
  out.push(md(lines.join('\n')));
  return out;
}

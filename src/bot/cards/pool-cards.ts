import type { RecallLine } from '../../domain/pool/recall.rules.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { button, buttonRow, card, md, type El } from './card-kit.js';
import type { Names } from './plan-cards.js';
import { tmd } from './safe-text.js';

/** R-POOL-1 cards: pure functions of the recall lines; client names are user text (tmd). */
const MAX_WARN = 15;
export const RECALL_PAGE = 10;
const nameOf = (names: Names, id: string) => names[id] ?? t('day.unknown_member');

/** To the agent: clients that go back to the pool in a few days, each with 记录跟进 (the call form). */
export function recallWarningCard(lines: RecallLine[]): CardJson {
  const elements: El[] = [md(t('recall.warn_intro', { n: lines.length }))];
  for (const l of lines.slice(0, MAX_WARN)) {
    elements.push(
      md(
        tmd('recall.warn_line', {
          client: l.name,
          grade: l.grade,
          last: l.lastContactDate,
          days: l.daysLeft,
          date: l.recallDate,
        }),
      ),
      buttonRow([button(t('recall.log_follow_up'), { a: 'call.open', clientId: l.clientId }, 'primary')]),
    );
  }
  if (lines.length > MAX_WARN) elements.push(md(t('item.more', { n: lines.length - MAX_WARN })));
  return card({ title: t('recall.warn_title'), template: 'orange', elements });
}

/** To the agent: clients recalled to the pool today. */
export function recalledCard(lines: RecallLine[]): CardJson {
  const shown = lines
    .slice(0, 30)
    .map((l) => `- ${tmd('recall.recalled_line', { client: l.name, grade: l.grade, last: l.lastContactDate })}`);
  if (lines.length > 30) shown.push(`- ${t('item.more', { n: lines.length - 30 })}`);
  return card({
    title: t('recall.recalled_title'),
    template: 'red',
    elements: [md(t('recall.recalled_intro')), md(shown.join('\n'))],
  });
}

/** The manager's week: what will be recalled in the next seven days, ten a page, each with 锁定 / 解锁. */
export function recallPreviewCard(
  lines: RecallLine[],
  names: Names,
  opts: { enabled: boolean; page: number },
): CardJson {
  const pages = Math.max(1, Math.ceil(lines.length / RECALL_PAGE));
  const page = Math.min(Math.max(0, opts.page), pages - 1);
  const elements: El[] = [
    md(t(opts.enabled ? 'recall.preview_intro' : 'recall.preview_disabled', { n: lines.length })),
  ];
  for (const l of lines.slice(page * RECALL_PAGE, (page + 1) * RECALL_PAGE)) {
    elements.push(
      md(
        tmd(l.locked ? 'recall.preview_line_locked' : 'recall.preview_line', {
          client: l.name,
          agent: nameOf(names, l.ownerOpenId),
          grade: l.grade,
          last: l.lastContactDate,
          date: l.recallDate,
        }),
      ),
      buttonRow([
        l.locked
          ? button(t('recall.unlock'), { a: 'recall.lock', clientId: l.clientId, lock: false, page })
          : button(t('recall.lock'), { a: 'recall.lock', clientId: l.clientId, lock: true, page }, 'primary'),
      ]),
    );
  }
  if (pages > 1) {
    const nav: El[] = [];
    if (page > 0) nav.push(button(t('recall.prev'), { a: 'recall.page', page: page - 1 }));
    if (page < pages - 1) nav.push(button(t('recall.next'), { a: 'recall.page', page: page + 1 }));
    elements.push(md(t('recall.page', { page: page + 1, pages })), buttonRow(nav));
  }
  return card({ title: t('recall.preview_title'), template: 'wathet', elements });
}

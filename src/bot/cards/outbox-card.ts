import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { escapeMd } from './safe-text.js';
import type { OutboxItem } from '../../persistence/repositories/outbox-store.js';
import { button, buttonRow, card, md, type El } from './card-kit.js';

/** Shown per page: 4 components a row keeps the card far under Feishu's 200 and 30 KB. */
export const DEAD_LETTERS_SHOWN = 20;

/** The admin's list of dead letters, newest first, each with a 重发 button. */
export function deadLettersCard(rows: OutboxItem[], total: number, timezone: string): CardJson {
  const elements: El[] = [];
  if (rows.length === 0) elements.push(md(t('outbox.none')));
  else elements.push(md(t('outbox.header', { count: total, more: total > rows.length ? t('outbox.more', { shown: rows.length }) : '' })));
  for (const r of rows) {
    elements.push(
      md(
        t('outbox.line', {
          id: r.id,
          to: recipient(r),
          what: t(r.msg_type === 'text' ? 'outbox.what_text' : 'outbox.what_card', { preview: preview(r) }),
          when: formatTime(r.created_at, timezone),
          attempts: r.attempts,
          error: escapeMd(shorten(r.last_error ?? '—', 120)),
        }),
      ),
    );
    elements.push(buttonRow([button(t('outbox.resend'), { a: 'outbox.resend', id: r.id }, 'primary')]));
  }
  elements.push(buttonRow([button(t('outbox.refresh'), { a: 'outbox.refresh' })]));
  return card({ title: t('outbox.title'), template: rows.length ? 'orange' : 'green', elements });
}

function recipient(r: OutboxItem): string {
  if (r.kind === 'patch') return t('outbox.to_card', { key: r.card_key ?? '—' });
  return t(r.receive_id_type === 'chat_id' ? 'outbox.to_chat' : 'outbox.to_user', { id: r.receive_id ?? '—' });
}

/** A few words of what was to be said: the text, or a card's title. */
function preview(r: OutboxItem): string {
  try {
    const c = JSON.parse(r.content) as { text?: unknown; header?: { title?: { content?: unknown } } };
    const s = typeof c.text === 'string' ? c.text : typeof c.header?.title?.content === 'string' ? c.header.title.content : '';
    return escapeMd(shorten(s, 30));
  } catch {
    return '';
  }
}

function shorten(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
}

function formatTime(d: Date, timezone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: timezone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

import type { CardJson, DeadLetter } from '../../domain/shared/outbox.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { escapeMd } from './safe-text.js';
import { button, buttonRow, card, md, type El } from './card-kit.js';
import { paddedDateTime } from './time-format.js';

/** Shown per page: 4 components a row keeps the card far under Feishu's 200 and 30 KB. */
export const DEAD_LETTERS_SHOWN = 20;

/** Who a dead letter was for, in words: member names and the department group, never raw ids. */
export interface Recipients {
  names: Map<string, string>;
  departmentChatId: string | undefined;
}

/** The admin's list of dead letters, newest first, each with a 重发 button. */
export function deadLettersCard(
  rows: DeadLetter[],
  total: number,
  timezone: string,
  who: Recipients = { names: new Map(), departmentChatId: undefined },
): CardJson {
  const elements: El[] = [];
  if (rows.length === 0) elements.push(md(t('outbox.none')));
  else
    elements.push(
      md(
        t('outbox.header', { count: total, more: total > rows.length ? t('outbox.more', { shown: rows.length }) : '' }),
      ),
    );
  for (const r of rows) {
    elements.push(
      md(
        t('outbox.line', {
          id: r.id,
          to: recipient(r, who),
          what: t(r.msg_type === 'text' ? 'outbox.what_text' : 'outbox.what_card', { preview: preview(r) }),
          when: paddedDateTime(r.created_at, timezone),
          tries: t(r.attempts > 1 ? 'outbox.tries_many' : 'outbox.tries_one', { attempts: r.attempts }),
          error: escapeMd(deadReason(r.last_error)),
        }),
      ),
    );
    elements.push(buttonRow([button(t('outbox.resend'), { a: 'outbox.resend', id: r.id }, 'primary')]));
  }
  elements.push(buttonRow([button(t('outbox.refresh'), { a: 'outbox.refresh' })]));
  return card({ title: t('outbox.title'), template: rows.length ? 'orange' : 'green', elements });
}

function recipient(r: DeadLetter, who: Recipients): string {
  if (r.kind === 'patch') return t('outbox.to_card');
  const id = r.receive_id ?? '';
  if (r.receive_id_type === 'chat_id')
    return id === who.departmentChatId ? t('outbox.to_department_chat') : t('outbox.to_chat');
  return escapeMd(who.names.get(id) ?? t('outbox.to_unknown_user'));
}

/**
 * Why Feishu did not take it, in words an admin can act on. The relay keeps Feishu's own answer
 * (`http=… code=… msg`) in last_error; the codes are Feishu's documented message API errors.
 */
export function deadReason(lastError: string | null): string {
  const e = lastError ?? '';
  if (e.startsWith('no card was ever sent')) return t('outbox.reason.no_card');
  const code = Number(/code=(\d+)/.exec(e)?.[1]);
  const http = /http=(\d+)/.exec(e)?.[1];
  const known: Record<number, string> = {
    230013: 'outbox.reason.user_unavailable',
    230002: 'outbox.reason.bot_not_in_chat',
    230006: 'outbox.reason.bot_disabled',
    230017: 'outbox.reason.bot_disabled',
    230020: 'outbox.reason.rate_limited',
    99991400: 'outbox.reason.rate_limited',
    230099: 'outbox.reason.card_rejected',
    300305: 'outbox.reason.card_rejected',
    230025: 'outbox.reason.too_long',
    230001: 'outbox.reason.bad_request',
    230011: 'outbox.reason.message_gone',
    231003: 'outbox.reason.message_gone',
  };
  if (known[code]) return t(dynamicKey(known[code]!));
  if (/http=-/.test(e) || !http) return t('outbox.reason.network');
  if (Number(http) >= 500) return t('outbox.reason.server');
  return t('outbox.reason.other', { code: Number.isFinite(code) ? code : http });
}

/** A few words of what was to be said: the text, or a card's title. */
function preview(r: DeadLetter): string {
  try {
    const c = JSON.parse(r.content) as { text?: unknown; header?: { title?: { content?: unknown } } };
    const s =
      typeof c.text === 'string' ? c.text : typeof c.header?.title?.content === 'string' ? c.header.title.content : '';
    return escapeMd(shorten(s, 30));
  } catch {
    return '';
  }
}

function shorten(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
}

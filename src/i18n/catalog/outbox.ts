import type { Catalog } from '../index.js';

/** Admin view of messages the bot could not deliver (dead letters), with a resend per message. */
const catalog: Catalog = {
  zh_cn: {
    'outbox.menu': '发送失败的消息',
    'outbox.title': '发送失败的消息',
    'outbox.none': '目前没有发送失败的消息。',
    'outbox.header': '共 {count} 条消息多次重试后仍未送达{more}。检查原因后可点“重发”再试一次：',
    'outbox.more': '（显示最近 {shown} 条）',
    'outbox.line': '**#{id}** 发给 {to} · {what} · {when}\n尝试 {attempts} 次 · 原因：{error}',
    'outbox.to_user': '用户 {id}',
    'outbox.to_chat': '群 {id}',
    'outbox.to_card': '卡片 {key} 的更新',
    'outbox.what_text': '文本“{preview}”',
    'outbox.what_card': '卡片“{preview}”',
    'outbox.resend': '重发',
    'outbox.refresh': '刷新',
    'outbox.resent': '已重新排队，马上发送：#{id}',
    'outbox.not_dead': '#{id} 已不在失败列表中（可能已重发）。',
  },
  en_us: {
    'outbox.menu': 'Undelivered messages',
    'outbox.title': 'Undelivered messages',
    'outbox.none': 'No undelivered messages.',
    'outbox.header': '{count} message(s) could not be delivered after retries{more}. Check the reason, then press Resend:',
    'outbox.more': ' (latest {shown} shown)',
    'outbox.line': '**#{id}** to {to} · {what} · {when}\n{attempts} tries · reason: {error}',
    'outbox.to_user': 'user {id}',
    'outbox.to_chat': 'chat {id}',
    'outbox.to_card': 'update of card {key}',
    'outbox.what_text': 'text "{preview}"',
    'outbox.what_card': 'card "{preview}"',
    'outbox.resend': 'Resend',
    'outbox.refresh': 'Refresh',
    'outbox.resent': 'Queued again, sending now: #{id}',
    'outbox.not_dead': '#{id} is no longer undelivered (perhaps already resent).',
  },
};
export default catalog;

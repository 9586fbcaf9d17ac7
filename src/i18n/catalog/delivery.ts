import type { Catalog } from '../index.js';

/** Admin view of messages the bot could not deliver (dead letters), with a resend per message. */
const catalog = {
  zh_cn: {
    'outbox.menu': '发送失败的消息',
    'outbox.title': '发送失败的消息',
    'outbox.none': '目前没有发送失败的消息。',
    'outbox.header': '共 {count} 条消息未能送达{more}。按原因处理后，可点“重发”再试一次：',
    'outbox.more': '（显示最近 {shown} 条）',
    'outbox.line': '**#{id}** 发给 {to} · {what} · {when}\n{tries} · 原因：{error}',
    'outbox.tries_one': '发送 1 次即被拒收，未再重试',
    'outbox.tries_many': '共尝试 {attempts} 次后放弃',
    'outbox.to_unknown_user': '一位非本部门成员',
    'outbox.to_department_chat': '部门群',
    'outbox.to_chat': '一个群聊',
    'outbox.to_card': '一张卡片的更新',
    'outbox.reason.no_card': '要更新的卡片从未发出，无法更新',
    'outbox.reason.user_unavailable':
      '对方不在机器人的可用范围内（可能已离职或被停用），请在开发者后台检查应用的可用范围',
    'outbox.reason.bot_not_in_chat': '机器人不在该群里，请把机器人加回群中',
    'outbox.reason.bot_disabled': '机器人已被停用或对方屏蔽了机器人',
    'outbox.reason.rate_limited': '发送过于频繁，被飞书限流',
    'outbox.reason.card_rejected': '飞书不接受这张卡片的内容（超出卡片限制）',
    'outbox.reason.too_long': '消息内容过长',
    'outbox.reason.bad_request': '飞书认为请求参数有误',
    'outbox.reason.message_gone': '要回复或更新的消息已被撤回或删除',
    'outbox.reason.network': '网络不通，连不上飞书',
    'outbox.reason.server': '飞书服务暂时不可用',
    'outbox.reason.other': '飞书拒绝了这条消息（错误码 {code}）',
    'outbox.what_text': '文本“{preview}”',
    'outbox.what_card': '卡片“{preview}”',
    'outbox.resend': '重发',
    'outbox.refresh': '刷新',
    'outbox.resent': '已重新排队，马上发送：#{id}',
    'outbox.not_dead': '#{id} 已不在失败列表中（可能已重发）。',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

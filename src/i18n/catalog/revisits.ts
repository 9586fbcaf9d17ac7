import type { Catalog } from '../index.js';

/** Revisits (回访): the plan form, open revisits with done / reschedule / lost, and the daily revisit reminder. */
const catalog = {
  zh_cn: {
    'menu.revisit': '回访',
    'field.date': '回访日期',
    'field.purpose': '回访目的',
    'revisit.not_found': '找不到该回访（#{id}）。',
    'revisit.not_yours': '这不是你的回访，不能处理。',
    'revisit.already_resolved': '这条回访已经处理过了，卡片已失效。',

    'revisit_plan.title': '回访计划表',
    'revisit_plan.intro': '客户：**{client}**（{regNo}）。回访日期须是具体日期，今天或以后。',
    'revisit_plan.saved': '✅ 已安排回访：**{client}**，{date}。',
    'revisit.open_header': '待处理回访（{count}）：',
    'revisit.none_open': '暂无待处理回访。',
    'revisit.line': '{date} · **{client}**{overdue}{purpose}',
    'revisit.overdue': ' <font color="red">【逾期】</font>',
    'revisit.done': '完成',
    'revisit.reschedule': '改期',
    'revisit.lost': '流失',
    'revisit.done_saved': '✅ 回访已完成：**{client}**。',
    'revisit.done_title': '回访完成',
    'revisit.done_note': '结果：{note}',
    'field.outcome_note': '回访结果（选填，如：看了铺位，下周报价）',
    'revisit.rescheduled_saved': '✅ 已改期：**{client}** 改到 {date}。',
    'revisit.lost_saved': '已记录流失：**{client}**。原因：{reason}',
    'revisit.reschedule_title': '回访改期',
    'revisit.lost_title': '客户流失',
    'revisit.card_intro': '客户：**{client}**，原定 {date}。',
    'revisit.pick_new': '新建回访计划 — 选择客户：',
    'revisit.list_title': '我的回访',

    'job.revisitReminders': '回访提醒',

    'remind.title': '今日回访提醒 · {date}',
    'remind.intro': '{name}，你今天有 {due} 项回访到期{overdueText}：',
    'remind.intro_none': '{name}，今天没有到期的回访{overdueText}：',
    'remind.overdue_text': '；另有 {n} 项已逾期（请尽快完成或改约）',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

import type { Catalog } from '../index.js';

/** Tenant feedback (R-FB-1) and satisfaction surveys (R-FB-2). */
const catalog = {
  zh_cn: {
    'menu.feedback': '客户反馈',
    'field.fb_kind': '类型',
    'field.fb_content': '客户反馈内容',
    'field.fb_resolution': '处理结果',
    'feedback.kind.complaint': '投诉',
    'feedback.kind.suggestion': '建议',
    'feedback.form_title': '登记客户反馈',
    'feedback.form_intro': '客户：**{client}**。登记后交给该客户的招商员跟进处理。',
    'feedback.usage': '发送“反馈 客户名称或电话”登记客户的投诉或建议，也可以在客户详情卡片上点“反馈”。',
    'feedback.pick_title': '选择反馈的客户',
    'feedback.pick_intro': '找到多个客户，请选择：',
    'feedback.err.kind': '请选择投诉或建议。',
    'feedback.err.content': '请填写客户反馈的内容。',
    'feedback.err.resolution': '请填写处理结果（做了什么）。',
    'feedback.not_found': '找不到这条客户反馈（#{id}）。',
    'feedback.not_owner': '只有负责的招商员或招商部经理可以处理这条反馈。',
    'feedback.already_closed': '这条反馈已经处理完毕。',
    'feedback.saved': '已登记客户反馈',
    'feedback.closed_toast': '已处理完毕',
    'feedback.body': '{kind} · **{client}**\n登记：{by}（{at}）　负责：{owner}　处理期限：{due}',
    'feedback.content': '内容：{content}',
    'feedback.due_hint': '请在 {due} 前处理，并填写处理结果。',
    'feedback.resolution': '✅ 已处理 — {by}，{at}\n处理结果：{resolution}',
    'feedback.assigned_title': '待处理的客户{kind}',
    'feedback.closed_title': '客户反馈已处理',
    'feedback.logged_title': '客户反馈已登记',
    'feedback.logged_hint': '已交给负责的招商员处理；未按期处理会出现在经理的次日工作计划上。',
    'item.feedback': '客户反馈',
    'satisfaction.title': '客户满意度调查',
    'satisfaction.ask': '请回访 **{client}**（{occasion}），记录客户对我们招商运营服务的满意度（1–5 分）和意见。',
    'satisfaction.after_opening': '开业后',
    'satisfaction.quarter': '{q} 季度',
    'satisfaction.recorded_title': '满意度已记录',
    'satisfaction.recorded': '**{client}**（{occasion}）：{score}，记录人 {by}\n意见：{note}',
    'satisfaction.score.5': '5 分 · 非常满意',
    'satisfaction.score.4': '4 分 · 满意',
    'satisfaction.score.3': '3 分 · 一般',
    'satisfaction.score.2': '2 分 · 不满意',
    'satisfaction.score.1': '1 分 · 非常不满意',
    'satisfaction.err.score': '请选择 1–5 分。',
    'satisfaction.not_found': '找不到这份满意度调查（#{id}）。',
    'satisfaction.not_owner': '只有负责的招商员或招商部经理可以记录。',
    'satisfaction.already_recorded': '这份满意度已经记录过了。',
    'satisfaction.saved': '已记录满意度',
    'field.sat_score': '满意度',
    'field.sat_note': '客户意见',
    'job.satisfactionOpening': '开业后满意度调查',
    'job.satisfactionQuarterly': '季度满意度调查',
    'jobs.summary.satisfaction': '已发出 {n} 份满意度调查',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

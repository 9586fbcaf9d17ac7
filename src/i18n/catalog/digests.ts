import type { Catalog } from '../index.js';

/** Scheduled reports no single feature owns: the next-day plan, daily digest, weekly summary and monthly report. */
const catalog = {
  zh_cn: {
    'job.nextDayPlan': '次日工作计划（经理）',
    'job.dailyDigest': '每日简报（部门群）',
    'job.weeklySummary': '每周业绩汇总（部门群）',
    'job.monthlyReport': '月度报告（上级领导）',
    'jobs.summary.no_group': '未绑定部门群，未发送',
    'jobs.summary.group_sent': '已发送部门群（{detail}）',
    'jobs.summary.agents_recorded': '{n} 人有记录',
    'jobs.summary.leaders': '{month}：已发送 {n} 位领导',
    'jobs.summary.plan': '{day}：经理 {managers} 人，招商员 {agents} 人',

    'plan.title': '明日工作计划 · {day}',
    'plan.summary': '明日工作计划：{agents} 位招商员，{items} 项',
    'plan.intro': '以下是 {day} 的工作计划（含逾期事项）。确认后将分别发给每位招商员（早会 08:30）。',
    'plan.agent': '**{name}**（{count} 项）',
    'plan.empty': '明天没有安排的回访、签约或走访。',
    'plan.confirm': '确认并发送给招商员',
    'plan.confirm_title': '确认工作计划',
    'plan.confirm_text': '将把各自的计划分别发给 {agents} 位招商员。',
    'plan.confirmed': '✅ {name} 已于 {time} 确认，已发送给 {agents} 位招商员。',
    'plan.agent_title': '你的工作计划 · {day}',
    'plan.agent_intro': '{name}，这是你 {day} 的工作（早会 08:30）：',
    'item.revisit': '回访',
    'item.signing': '签约',
    'item.field_visit': '走访',
    'item.visit_log': '走访日志未交',
    'item.line': '{overdue}{kind}：{client}（{date}）{note}',
    'item.overdue': '【逾期】',
    'item.pool': '公共',

    'digest.title': '每日简报 · {date}',
    'digest.totals':
      '到访接待 {walkIns}，登记 {registrations}，交定金 {deposits}，签约 {signed}；公共业绩：到访 {poolWalkIns}、签约 {poolSigned}',
    'digest.agent_line': '{name}：接待 {walkIns}｜登记 {registrations}｜定金 {deposits}｜签约 {signed}',
    'digest.nobody': '今天没有记录。',
    'digest.forms': '表单：共 {filed} 份，迟交 {late}，缺项 {incomplete}，缺交 {missing}，虚假信息标记 {flagged}',
    'weekly.title': '每周业绩汇总 · {week}',
    'weekly.range': '上周 {from} 至 {to}；本月截至 {monthTo}',
    'weekly.col.agent': '招商员',
    'weekly.col.walkins': '接待',
    'weekly.col.passes': '跳过',
    'weekly.col.reg': '登记',
    'weekly.col.revisits': '回访 完成/逾期',
    'weekly.col.deposits': '定金',
    'weekly.col.signed': '签约',
    'weekly.col.target': '月目标',
    'weekly.col.completion': '月完成率',
    'weekly.col.forms': '表单 迟交/缺项/缺交/虚假',
    'weekly.total': '部门合计',
    'weekly.week_title': '{month}月第{n}周 {from}–{to}',
    'weekly.agent_line':
      '**{agent}**：接待 {walkins} · 登记 {reg} · 回访 完成/逾期 {revisits} · 签约 {signed} · 月完成率 {completion}{forms}',
    'weekly.forms': ' · 表单：{list}',
    'weekly.forms.late': '迟交 {n}',
    'weekly.forms.incomplete': '缺项 {n}',
    'weekly.forms.missing': '缺交 {n}',
    'weekly.forms.flagged': '虚假信息 {n}',
    'weekly.export_btn': '导出完整表格',
    'weekly.chart_title': '本月目标与实际签约',
    'weekly.series.target': '目标',
    'weekly.series.actual': '实际',
    'monthly.title': '月度报告 · {month}',
    'monthly.body':
      '签约 {signed} 份{targetText}；到访接待 {walkIns}，登记 {registrations}，定金 {deposits}，公共业绩签约 {poolSigned}。\n表单：共 {filed} 份，迟交 {late}，缺项 {incomplete}，缺交 {missing}，虚假信息标记 {flagged}。',
    'monthly.target_text': '，目标 {target}，完成 {rate}',
    'monthly.reviews': '经理审阅记录：已阅走访日志 {reviewed}，待阅 {pending}，审批走访计划 {decided}。',
    'monthly.no_reviews': '经理审阅记录：暂无数据。',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

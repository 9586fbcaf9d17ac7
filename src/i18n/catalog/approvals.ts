import type { Catalog } from '../index.js';

/** R-FV-4: the applicant's notice of a decision, the re-sent request, the leaders' card; several @mentions. */
const catalog: Catalog = {
  zh_cn: {
    'approval.notice_title.approved': '你的{kind}已批准',
    'approval.notice_title.rejected': '你的{kind}被驳回',
    'approval.notice_hint': '原申请卡片已同步更新。',
    'approval.resent_line': '⏰ 再次提醒：这条申请提交于 {at}，至今仍未审批。',
    'approval.escalation.title': '{kind}超时未审批',
    'approval.escalation.body':
      '**{kind}**已等待 {age}，仍未审批。\n申请人：{requester}（提交于 {at}）\n审批人：{deciders}',
    'approval.escalation.nobody': '目前没有可审批的人',
    'approval.escalation.hint': '请提醒审批人尽快处理；审批后这张卡片会显示结果。',
    'approval.escalation.decided': '这条申请已处理，无需再跟进。',
    'approval.age.hours_minutes': '{h} 个工作小时 {m} 分钟',
    'approval.age.hours': '{h} 个工作小时',
    'approval.age.minutes': '{m} 分钟',
    'admin.multi.header': '共处理 {count} 人：',
    'admin.multi.saved': '✅ {name}：{roles}',
    'admin.multi.deactivated': '✅ 已停用 {name}',
    'admin.multi.failed': '❌ {name}：未处理，{reason}',
    'mention.one_only': '一次只能看一个人的业绩，请只 @ 一个人（或不 @ 人查看全部）。',
  },
};

export default catalog;

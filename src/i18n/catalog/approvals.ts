import type { Catalog } from '../index.js';

/** Approvals, the one mechanism for every kind (R-FV-1, R-TIER-2, R-TGT-1, R-CON-4): cards, decisions, the applicant's notice, R-FV-4 re-sends and escalation. */
const catalog = {
  zh_cn: {
    'approval.notice_title.approved': '你的{kind}已批准',
    'approval.notice_title.rejected': '你的{kind}被驳回',
    'approval.notice_title.pending': '你的{kind}待审批',
    'approval.notice_title.withdrawn': '你的{kind}已撤回',
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
    'approval.card_title': '{kind} · {status}',
    'approval.kind.field_visit': '走访计划',
    'approval.kind.tier': '商户分档',
    'approval.kind.handover': '大客户移交',
    'approval.kind.target': '业绩目标',
    'approval.kind.contract_review': '合同审核',
    'approval.status.pending': '待审批',
    'approval.status.approved': '已批准',
    'approval.status.rejected': '已驳回',
    'approval.status.withdrawn': '已撤回',
    'approval.line.requester': '申请人：{name}（{at}）',
    'approval.line.comment': '意见：{comment}',
    'approval.outcome.approved': '✅ 已批准 — {by}，{at}',
    'approval.outcome.rejected': '❌ 已驳回 — {by}，{at}',
    'approval.outcome.withdrawn': '↩️ 已撤回 — {by}，{at}',
    'approval.comment_placeholder': '审批意见（选填）',
    'approval.approve': '批准',
    'approval.reject': '驳回',
    'approval.withdraw': '撤回申请',
    'approval.withdraw_confirm': '确定撤回这条申请吗？',
    'approval.waiting': '等待{role}审批，结果会显示在这张卡片上。',
    'approval.done.approved': '已批准',
    'approval.done.rejected': '已驳回',
    'approval.done.withdrawn': '已撤回',
    'approval.already_decided': '这条申请已由 {by} 处理（{status}），不能再次处理。',
    'approval.not_approver.agent': '只有招商员可以审批这条申请。',
    'approval.no_approver.agent': '目前没有可审批的招商员，请联系管理员开通。',
    'approval.not_approver.front_desk': '只有前台可以审批这条申请。',
    'approval.no_approver.front_desk': '目前没有可审批的前台，请联系管理员开通。',
    'approval.not_approver.manager': '只有招商部经理可以审批这条申请。',
    'approval.no_approver.manager': '目前没有可审批的招商部经理，请联系管理员开通。',
    'approval.not_approver.leader': '只有上级领导可以审批这条申请。',
    'approval.no_approver.leader': '目前没有可审批的上级领导，请联系管理员开通。',
    'approval.not_approver.key_account': '只有大客户部可以审批这条申请。',
    'approval.no_approver.key_account': '目前没有可审批的大客户部，请联系管理员开通。',
    'approval.not_approver.admin': '只有管理员可以审批这条申请。',
    'approval.no_approver.admin': '目前没有可审批的管理员，请联系管理员开通。',
    'approval.not_approver.legal': '只有法务可以审核这份合同。',
    'approval.no_approver.legal': '目前没有法务审核人，请联系管理员开通“法务”角色。',
    'approval.not_approver.finance': '只有财务可以审核这份合同。',
    'approval.no_approver.finance': '目前没有财务审核人，请联系管理员开通“财务”角色。',
    'approval.self_decision': '不能审批自己提交的申请。',
    'approval.not_requester': '只有申请人可以撤回。',
    'approval.not_found': '找不到审批 #{id}。',
    'approval.pending_title': '待审批',
    'approval.pending_header': '共有 {count} 条待你审批：',
    'approval.pending_none': '目前没有待审批的申请。',
    'approval.pending_more': '还有 {count} 条，处理完上面的再发送“待审批”。',
    'approval.detail.tier': '客户：**{client}**\n拟定档位：**{tier}**（系统建议：{suggested}；原档位：{previous}）',
    'approval.detail.handover': '客户：**{client}**\n移交给大客户部：**{to}**\n原因：{reason}',

    'menu.pending_approvals': '待审批',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

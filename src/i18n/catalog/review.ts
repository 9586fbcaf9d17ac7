import type { Catalog } from '../index.js';

/** Contract review (R-CON-4), tenant feedback (R-FB-1), satisfaction (R-FB-2) and the funnel (R-KPI-1). */
const catalog: Catalog = {
  zh_cn: {
    'role.legal': '法务',
    'role.finance': '财务',
    'approval.not_approver.legal': '只有法务可以审核这份合同。',
    'approval.no_approver.legal': '目前没有法务审核人，请联系管理员开通“法务”角色。',
    'approval.not_approver.finance': '只有财务可以审核这份合同。',
    'approval.no_approver.finance': '目前没有财务审核人，请联系管理员开通“财务”角色。',
    'approval.kind.contract_review': '合同审核',
    'review.terms':
      '合同编号：{no}\n客户：**{client}**　招商员：{agent}\n签约日期：{date}　铺位：{unit}\n面积：{area} ㎡　月租金：{rent}',
    'review.submitted_title': '合同已提交审核',
    'review.submitted': '📝 合同 {no} 已提交法务、财务审核（第 {round} 轮）。两方都通过后才登记为已签约并计入业绩。',
    'review.submitted_toast': '已提交法务、财务审核',
    'review.err.in_review': '合同 {value} 正在审核中，请等待法务、财务的结果。',
    'review.returned_title': '合同审核被退回',
    'review.returned_body': '↩️ 合同 {no}（**{client}**）第 {round} 轮审核被退回，尚未登记为已签约。',
    'review.returned_line': '{role}（{name}）：{comment}',
    'review.no_comment': '（无意见）',
    'review.resubmit_hint': '按意见修改后，点“重新提交”或再次填写已签合同表（同一合同编号）即可开始下一轮审核。',
    'review.agent_hint': '请按意见与客户沟通修改，前台重新提交后再审核。',
    'review.resubmit': '重新提交',
    'review.signed_title': '合同审核通过',
    'review.signed_body': '✅ 合同 {no}（**{client}**）已通过法务、财务审核，登记为已签约，计入业绩。',
    'review.not_found': '没有找到这份审核中的合同。',
    'review.not_returned': '这份合同现在不是退回状态，不能重新提交。',
    'review.in_review_line': '审核中：{no}（{client}），已等待法务/财务审核',
    'review.in_review_title': '审核中的合同（未计入完成）',
  },
  en_us: {
    'role.legal': 'Legal',
    'role.finance': 'Finance',
    'approval.not_approver.legal': 'Only legal can review this contract.',
    'approval.no_approver.legal': 'There is no legal reviewer yet; ask an admin to grant the legal role.',
    'approval.not_approver.finance': 'Only finance can review this contract.',
    'approval.no_approver.finance': 'There is no finance reviewer yet; ask an admin to grant the finance role.',
    'approval.kind.contract_review': 'Contract review',
    'review.terms':
      'Contract: {no}\nClient: **{client}**  Agent: {agent}\nSigned on: {date}  Unit: {unit}\nArea: {area} sqm  Monthly rent: {rent}',
    'review.submitted_title': 'Contract sent for review',
    'review.submitted':
      '📝 Contract {no} went to legal and finance (round {round}). It counts as signed only after both approve.',
    'review.submitted_toast': 'Sent to legal and finance',
    'review.err.in_review': 'Contract {value} is under review; wait for legal and finance.',
    'review.returned_title': 'Contract returned',
    'review.returned_body': '↩️ Contract {no} (**{client}**) was returned in round {round}; it is not signed yet.',
    'review.returned_line': '{role} ({name}): {comment}',
    'review.no_comment': '(no comment)',
    'review.resubmit_hint': 'Fix it and press Resubmit, or enter the signed contract again with the same number.',
    'review.agent_hint': 'Please settle the comments with the client; the front desk resubmits.',
    'review.resubmit': 'Resubmit',
    'review.signed_title': 'Contract passed review',
    'review.signed_body': '✅ Contract {no} (**{client}**) passed legal and finance and is recorded as signed.',
    'review.not_found': 'No such contract under review.',
    'review.not_returned': 'This contract is not returned; it cannot be resubmitted.',
    'review.in_review_line': 'Under review: {no} ({client})',
    'review.in_review_title': 'Contracts under review (not counted yet)',
  },
};

export default catalog;

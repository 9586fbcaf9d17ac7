import type { Catalog } from '../index.js';

/** Contract review by legal and finance (R-CON-4) before a signed contract counts. */
const catalog = {
  zh_cn: {
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
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

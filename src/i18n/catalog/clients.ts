import type { Catalog } from '../index.js';

/** Clients: 我的客户 and 查客户, the client detail card, masked numbers and 查看电话 with its record (R-INFO-2). */
const catalog = {
  zh_cn: {
    'menu.my_clients': '我的客户',
    'menu.search': '查客户',

    'client_type.merchant': '商户',
    'client_type.manufacturer': '厂家',
    'source.walk_in': '自然到访',
    'source.card': '持名片/单页',
    'source.referral': '老客户介绍',
    'source.leader': '领导关系',
    'source.online': '网络',
    'source.phone': '电话咨询',
    'source.other': '其他',
    'state.intent': '意向',
    'state.following': '跟进中',
    'state.deposit': '已交定金',
    'state.signed': '已签约',
    'state.lost': '流失',
    'client.not_found': '找不到该客户（#{id}）。',
    'client.phone_taken': '电话 {phone} 刚刚被登记，请重新提交一次查看归属。',
    'client.owner_pool': '部门公共业绩',

    'clients.mine_title': '我的客户',
    'clients.search_title': '查客户',
    'clients.count': '共 {total} 位客户{filter}',
    'clients.count_capped': '匹配较多，只显示前 {total} 位，请输入更完整的关键字。',
    'clients.none': '没有找到客户。',
    'clients.none_mine': '你还没有客户。客户来访后发送“登记”填写来访客户登记表。',
    'clients.line_full': '**{name}**　{regNo}\n{grade} · {state} · {contact} {phone}',
    'clients.line_limited': '**{name}**　{regNo}\n{state} · 归属：{owner} · {phone}',
    'clients.detail': '详情',
    'clients.pick': '选择',
    'clients.filter_all': '全部',
    'clients.search_hint': '输入客户名称、店名或电话（可只输后 4 位）：',
    'clients.search_placeholder': '如：老王 或 5678',
    'clients.search_button': '查询',
    'clients.search_usage': '用法：查 客户名称或电话，例如“查 老王”“查 5678”。',
    'client.detail_title': '客户详情',
    'client.detail_full':
      '**{name}**（{regNo}）\n状态：{state}　意向：{grade}\n联系人：{contact}　电话：{phone}\n品类：{category}　类型：{type}　来源：{source}\n归属：{owner}',
    'client.detail_limited':
      '**{name}**（{regNo}）\n状态：{state}\n归属：{owner}　电话：{phone}\n该客户不是你的客户，联系方式不可见；如需跟进请联系归属人或经理。',
    'client.lost_reason': '流失原因：{reason}',
    'client.recent_forms': '最近表单：',
    'client.form_line': '{kind} · {filed}{late}{incomplete}{flagged}',
    'client.form_late': ' <font color="red">逾期</font>',
    'client.form_incomplete': ' <font color="red">缺项</font>',
    'client.form_flagged': ' <font color="red">虚假</font>',
    'client.btn_revisit': '回访计划',
    'client.btn_signing': '交定金',
    'client.btn_collection': '合同领取',
    'client.btn_flag': '标记虚假 #{id}',
    'client.btn_feedback': '反馈',

    'client.btn_reveal_phone': '查看电话',
    'client.reveal.role': '只有招商部经理和上级领导可以查看客户电话。',
    'client.reveal.group': '群聊中不能查看电话，请在与招商助手的私聊中打开客户详情再点“查看电话”。',
    'client.reveal.stale': '这个“查看电话”按钮不是在本私聊中为你生成的，请发送“查 客户名称”重新打开。',
    'client.reveal.no_phone': '客户“{client}”没有登记电话。',
    'client.reveal.done': '{client} 的电话：{phone}（本次查看已记录）',
    'client.reveal.hint': '电话已隐藏。需要经理协助时可点“查看电话”，每次查看都会记入客户档案。',
    'client.detail_typed':
      '**{name}**（{regNo}）\n状态：{state}\n归属：{owner}　电话：{phone}\n（今天你在到访登记中填写的电话；联系人等资料仅归属人可见。）',
    'client.detail_masked': '**{name}**（{regNo}）\n状态：{state}\n归属：{owner}　电话：{phone}',
    'client.reveals_title': '电话查看记录：',
    'client.reveal.recorded': '已记入客户档案：{line}',
    'client.reveal_line': '{role} {name} 于 {at} 查看了电话',
    'client.reveal_role.manager': '经理',
    'client.reveal_role.leader': '领导',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

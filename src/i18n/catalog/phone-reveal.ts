import type { Catalog } from '../index.js';

/** R-INFO-2: masked numbers, 查看电话 with its record, and exports with full numbers. */
const catalog = {
  zh_cn: {
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

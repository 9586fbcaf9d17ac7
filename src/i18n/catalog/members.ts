import type { Catalog } from '../index.js';

/** Members and roles (成员与角色) and binding the department group. */
const catalog = {
  zh_cn: {
    'menu.admin': '成员与角色',
    'admin.title': '成员管理',
    'admin.list_header': '当前成员（{count} 人）：',
    'admin.member_line': '{name}（{openId}）：{roles}{inactive}',
    'admin.inactive': '【已停用】',
    'admin.add_hint': '添加成员：发送“添加成员 @某人 招商员,前台”，或在下面填写。',
    'admin.form.open_id': '成员 open_id（以 ou_ 开头）',
    'admin.form.roles': '角色',
    'admin.form.submit': '保存',
    'admin.form.deactivate': '停用',
    'admin.saved': '已保存：{name} — {roles}',
    'admin.deactivated': '已停用：{name}',
    'admin.bad_open_id': '“{value}”不是有效的 open_id，应以 ou_ 开头。',
    'admin.bad_roles': '请至少选择一个角色（可选：招商员、前台、招商部经理、上级领导、大客户部、管理员）。',
    'admin.unknown_role': '不认识的角色“{value}”。可选：招商员、前台、招商部经理、上级领导、大客户部、管理员。',
    'admin.no_target': '请 @ 要设置的成员，或写出其 open_id。',
    'admin.not_found': '找不到成员 {openId}。',
    'admin.cannot_remove_last_admin': '不能移除最后一位管理员的管理员角色。',
    'group.offer_bind_title': '机器人已加入群聊',
    'group.offer_bind_body': '机器人已被加入“{name}”。要把它设为招商部的部门群（接收日报、周报）吗？',
    'group.bind_button': '设为部门群',
    'group.bound': '已将“{name}”绑定为部门群。',
    'group.bound_chat': '已将本群绑定为部门群。',
    'group.only_admin': '只有管理员可以绑定部门群。',
    'group.only_in_group': '请在要绑定的群里 @机器人 发送“绑定本群”。',
    'admin.multi.header': '共处理 {count} 人：',
    'admin.multi.saved': '✅ {name}：{roles}',
    'admin.multi.deactivated': '✅ 已停用 {name}',
    'admin.multi.failed': '❌ {name}：未处理，{reason}',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

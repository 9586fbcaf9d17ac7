import type { Catalog } from '../index.js';

/** Texts every feature shares: errors, roles, the menu frame, the generic form buttons and paging. */
const catalog = {
  zh_cn: {
    'error.unexpected': '出错了，请稍后再试（编号 {ref}）',
    'error.stale_button': '这个按钮已失效，请重新打开菜单再操作。',
    'error.forbidden_role': '你没有执行此操作的权限（需要：{roles}）。',
    'form.has_errors': '表单有 {count} 处需要修改，请按提示更正后重新提交。',
    'form.required_hint': '带 * 为必填项；缺项或逾期提交按制度视为未完成。',
    'form.submit': '提交',
    'form.select_placeholder': '请选择',
    'form.date_placeholder': '选择日期',
    'role.agent': '招商员',
    'role.front_desk': '前台',
    'role.manager': '招商部经理',
    'role.leader': '上级领导',
    'role.key_account': '大客户部',
    'role.admin': '管理员',
    'role.legal': '法务',
    'role.finance': '财务',
    'menu.title': '招商助手',
    'menu.greeting': '{name}，你好！你的角色：{roles}。请选择要做的事：',
    'menu.unknown_command': '没听懂“{text}”。请从下面的菜单选择，或发送“帮助”。',
    'menu.nothing': '你的角色暂时没有可用的功能，请联系管理员。',
    'menu.suggest_title': '你是不是想说…',
    'menu.suggest_body': '没有“{text}”这个指令。你是不是想说下面这些？点一下即可：',
    'menu.suggest_all': '全部功能',
    'not_member.title': '尚未开通',
    'not_member.body': '你好！你还没有开通招商助手。请把下面的编号发给管理员，由管理员为你开通：\n\n**{openId}**',
    'common.processing': '正在处理，请稍候…',
    'common.yes': '是',
    'common.no': '否',
    'common.page': '第 {page}/{pages} 页',
    'common.prev': '上一页',
    'common.next': '下一页',
    'item.more': '…（另 {n} 项）',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

import type { Catalog } from '../index.js';

/** Call log (R-DAY-3) and ABCD follow-up (R-DAY-4). */
const catalog = {
  zh_cn: {
    'menu.call': '记电话',
    'call.title': '电话记录',
    'call.pick': '选择你的客户记一通电话，或在上方填写新号码：',
    'call.new_title': '新号码',
    'call.new_hint': '打给还不是客户的号码：填写名称和电话。若号码已是其他招商员的客户，将不能登记（撞单）。',
    'call.for_client': '客户：**{client}**（{regNo}）· 当前意向等级：{grade}',
    'call.progress': '今日已记 **{today}/{target}** 通',
    'call.progress_done': '今日已记 **{today}/{target}** 通 ✅ 已达标',
    'call.saved': '已记录：{client} · {outcome}{grade}',
    'call.saved_new': '已记录并新建客户：{client}（{regNo}）· {outcome}',
    'call.regraded': '意向等级 {from} → {to}',
    'call.toast': '已记录，今日 {today}/{target}',
    'call.next': '再记一通',
    'call.plan_revisit': '安排回访',
    'call.not_your_client': '这个号码是{owner}的客户（撞单），不能记在你名下。需要调整归属请联系经理。',
    'call.duplicate': '“{client}”的这通电话刚刚已经记录过了，没有重复记录。',
    'call.pool_client': '这个号码属于部门公共客户（撞单），不能记在你名下。需要跟进请联系经理分配。',
    'call.err.phone_required': '请选择一位客户，或填写新号码',
    'call.err.name_required': '新号码请填写客户名称',
    'call.outcome.connected': '接通',
    'call.outcome.interested': '有意向',
    'call.outcome.callback': '约回电',
    'call.outcome.no_answer': '未接通',
    'call.outcome.refused': '拒绝',
    'call.outcome.wrong_number': '空号/错号',
    'field.outcome': '通话结果',
    'call.digest_short': '**电话未达标**（每人每日 {target} 通）：{names}',
    'call.digest_all_met': '电话：全员达标（每人每日 {target} 通）',
    'call.digest_short_line': '{name} {n}',
    'call.weekly_line': '**本周电话**：{names}',
    'followup.note': '{grade}级，上次联系 {days} 天前',
    'followup.plan': '安排回访',
    'followup.plan_for': '安排回访：{client}',
    'item.follow_up': '待跟进',
    'item.more_of_kind': '{kind}：还有 {n} 位（发送“我的客户”按等级查看）',
    'remind.follow_up_text': '；另有 {n} 位客户待跟进',
    'clients.grade_groups_intro':
      '共 {total} 位客户，按意向等级分组（A 每 {A} 天、B 每 {B} 天、C 每 {C} 天、D 每 {D} 天跟进一次）：',
    'clients.grade_group': '**{grade} 级** · {total} 位{due}',
    'clients.grade_group_due': ' · <font color="orange">{n} 位待跟进</font>',
    'clients.grade_ungraded': '**未分级** · {total} 位',
    'clients.grade_all': '查看全部 {grade} 级（{total}）',
    'clients.grade_list_all': '全部客户列表',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

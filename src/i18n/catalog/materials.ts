import type { Catalog } from '../index.js';

/** Approved materials (资料库): the list, sending, adding and approving. */
const catalog = {
  zh_cn: {
    'menu.materials': '资料',
    'material.title': '资料库',
    'material.header': '共 {count} 份资料：',
    'material.none': '暂无可用资料。',
    'material.line': '#{id} **{title}**（{kind}）{draft}',
    'material.draft_tag': ' <font color="grey">【草稿，仅经理可见】</font>',
    'material.kind.text': '文字',
    'material.kind.link': '链接',
    'material.kind.file': '文件',
    'material.send': '发给我',
    'material.sent': '已发送。',
    'material.approve': '批准发布',
    'material.approved': '“{title}”已批准，招商员现在可以使用。',
    'material.add_intro': '**添加资料**（文字直接填写内容；链接和文件填写网址）',
    'material.f.title': '标题',
    'material.f.kind': '类型',
    'material.f.body': '内容或网址',
    'material.f.body_ph': '文字内容，或 https:// 开头的网址',
    'material.f.status': '状态',
    'material.status.draft': '草稿（仅经理可见）',
    'material.status.approved': '已批准（招商员可用）',
    'material.add': '添加',
    'material.added_draft': '已添加草稿“{title}”。',
    'material.added_approved': '已添加并批准“{title}”。',
    'material.only_manager': '只有招商部经理可以添加或批准资料。',
    'material.title_required': '请填写标题。',
    'material.title_too_long': '标题不超过 100 字。',
    'material.bad_kind': '请选择类型：文字、链接或文件。',
    'material.body_required': '请填写内容。',
    'material.body_url': '链接和文件请填写 http:// 或 https:// 开头的网址。',
    'material.body_too_long': '内容不超过 1000 字；更长的资料请以文件或链接形式添加。',
    'material.not_found': '找不到资料 #{id}，或尚未批准。',
    'material.already_approved': '这份资料已经批准过了。',
    'material.open_link': '打开链接',
    'material.open_file': '打开文件',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

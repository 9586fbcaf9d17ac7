import type { Catalog } from '../index.js';

/** R-POOL-1 recall to the public pool (公海回收). */
const catalog = {
  zh_cn: {
    'menu.recall': '公海回收',
    'job.poolRecall': '公海回收',
    'recall.forbidden': '只有招商部经理可以查看和锁定公海回收。',
    'recall.no_client': '找不到这个客户。',
    'recall.warn_title': '客户即将回收公海',
    'recall.warn_intro': '以下 {n} 位客户长时间未跟进，到期后将回收到部门公海。跟进一次即可保留：',
    'recall.warn_line': '**{client}**（{grade} 类）最后跟进 {last}，{days} 天后（{date}）回收',
    'recall.log_follow_up': '记录跟进',
    'recall.recalled_title': '客户已回收公海',
    'recall.recalled_intro': '以下客户超过跟进期限未跟进，已回收到部门公海：',
    'recall.recalled_line': '{client}（{grade} 类，最后跟进 {last}）',
    'recall.preview_title': '本周公海回收',
    'recall.preview_intro': '未来 7 天将回收 {n} 位客户（锁定的客户不回收）：',
    'recall.preview_disabled': '公海回收目前未启用（poolRecall.enabled）；启用后未来 7 天将回收 {n} 位客户：',
    'recall.preview_line': '**{client}** · {agent} · {grade} 类 · 最后跟进 {last} · {date} 回收',
    'recall.preview_line_locked': '**{client}** · {agent} · {grade} 类 · 最后跟进 {last} · 已锁定，不回收',
    'recall.lock': '锁定',
    'recall.unlock': '解锁',
    'recall.locked': '已锁定，该客户不会被回收。',
    'recall.unlocked': '已解锁。',
    'recall.detail_locked': '公海回收：已锁定，不会被回收。',
    'recall.detail_unlocked': '公海回收：未锁定，超过跟进期限未跟进将回收到公海。',
    'recall.prev': '上一页',
    'recall.next': '下一页',
    'recall.page': '第 {page}/{pages} 页',
    'jobs.summary.recall': '回收 {recalled} 位，提醒 {warned} 人',
    'jobs.summary.recall_off': '未启用',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

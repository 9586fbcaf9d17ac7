import type { Catalog } from '../index.js';

/** The conversion funnel and development counts (R-KPI-1) with satisfaction averages, shown in the monthly report and 业绩. */
const catalog = {
  zh_cn: {
    'kpi.funnel_title': '**转化漏斗与开发数量**（到访 → 登记 → 定金 → 签约）',
    'kpi.department': '部门：{line}',
    'kpi.funnel_line':
      '到访 {walkIns} → 登记 {registrations}（{r1}）→ 定金 {deposits}（{r2}）→ 签约 {signed}（{r3}）；到访→签约 {overall}；开发 {dev}（名片/单页 {card}，自拓 {self}）',
    'kpi.dev_cell': '{total}（名片 {card}/自拓 {self}）',
    'kpi.sat_cell': '{avg}（{n}）',
    'kpi.col.agent': '招商员',
    'kpi.col.walk': '到访',
    'kpi.col.reg': '登记',
    'kpi.col.dep': '定金',
    'kpi.col.sign': '签约',
    'kpi.col.conv': '登记/定金/签约转化',
    'kpi.col.overall': '到访→签约',
    'kpi.col.dev': '开发数量',
    'kpi.col.sat': '满意度',
    'kpi.sat_title': '**客户满意度**：部门平均 {avg} 分（{n} 份）',
    'kpi.sat_line': '- {name}：{avg} 分（{n} 份）',
    'kpi.sat_none': '**客户满意度**：本月没有新的满意度记录。',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

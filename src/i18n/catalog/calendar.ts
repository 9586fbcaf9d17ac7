import type { Catalog } from '../index.js';

/** The working calendar: holidays, make-up working days and the check that a year's holidays are entered. */
const catalog = {
  zh_cn: {
    'job.calendarCheck': '节假日录入检查（管理员）',
    'jobs.summary.calendar_ok': '节假日已录入',
    'jobs.summary.calendar_missing': '缺 {years} 年节假日，已提醒管理员 {admins} 人',

    'calendar.title': '工作日历',
    'calendar.body': '节假日：{holidays}\n调休上班：{makeup}\n今天 {today}：{workday}；下一个工作日：{next}',
    'calendar.none': '无',
    'calendar.saved': '已更新工作日历（{kind}）：{dates}',
    'calendar.kind.holiday': '放假',
    'calendar.kind.makeup': '调休上班',
    'calendar.kind.remove': '恢复为普通日',
    'calendar.bad_date': '日期“{value}”无效，请写成 YYYY-MM-DD（如 2026-10-01）。工作日历未改变。',
    'calendar.missing_holidays':
      '工作日历里还没有 {years} 年的法定节假日。请按国务院办公厅的放假通知录入，例如：“设置假期 {example}-01-01”，调休上班日用“设置调休”加日期（多个日期用空格分开），录入后发“工作日历”核对。未录入前，这些假日会被当作工作日：提醒、次日计划、表单期限和风险预警都会照常按工作日计算。',
    'calendar.no_dates': '请写出日期，例如：设置假期 2026-10-01 2026-10-02',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

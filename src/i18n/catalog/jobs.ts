import type { Catalog } from '../index.js';

/** The admin's schedule controls (定时任务): the job list, cron wording, enable, disable, change time and run now. */
const catalog = {
  zh_cn: {
    'job.housekeeping': '清理过期记录',

    'jobs.title': '定时任务',
    'jobs.header': '时区 {tz}；今天 {today}（{workday}）。',
    'jobs.workday': '工作日',
    'jobs.dayoff': '休息日',
    'jobs.line': '**{title}**（{name}）\n时间：{cron} {state}；下次：{next}\n最近：{last}',
    'cron.every_day': '每天 {time}',
    'cron.every_working_day': '每个工作日 {time}',
    'cron.weekday_range': '每周{from}至周{to} {time}',
    'cron.weekdays': '每周{days} {time}',
    'cron.monthly': '每月 {day} 日 {time}',
    'cron.every_hour': '每小时第 {m} 分',
    'cron.every_minutes': '每 {n} 分钟',
    'cron.every_seconds': '每 {n} 秒',
    'jobs.enabled': '✅ 已开启',
    'jobs.disabled': '⏸ 已关闭',
    'jobs.never': '暂无记录',
    'jobs.none_next': '—',
    'jobs.run_line': '{period} {status}{summary}',
    'jobs.status.done': '✔',
    'jobs.status.running': '⏳进行中',
    'jobs.status.failed': '✖失败',
    'jobs.btn.disable': '关闭',
    'jobs.btn.enable': '开启',
    'jobs.btn.run_now': '立即运行',
    'jobs.btn.set_time': '修改时间',
    'jobs.form.schedule': '新时间（HH:mm，如 18:00；或 cron 表达式，如 0 18 * * 1-5）',
    'jobs.form.job': '任务',
    'jobs.hint':
      '文字命令：“关闭任务 周报”“开启任务 周报”“任务时间 周报 10:00”“立即运行 周报”“立即发送周报”。节假日：“设置假期 2026-10-01 2026-10-02”“设置调休 2026-10-10”“取消假期 2026-10-01”“工作日历”。',
    'jobs.unknown_job': '没有名为“{value}”的任务。可用：{names}',
    'jobs.bad_cron': '“{value}”不是有效的时间设置：{reason}。原来的时间保持不变。',
    'jobs.bad_time': '“{value}”不是有效的时间（应为 00:00–23:59）。原来的时间保持不变。',
    'jobs.no_schedule_input': '请写出新时间，例如：任务时间 周报 10:00',
    'jobs.saved_enabled': '已开启：{title}',
    'jobs.saved_disabled': '已关闭：{title}（其他实例将在一分钟内同步）',
    'jobs.saved_cron': '已修改 {title} 的时间为 `{cron}`，下次运行：{next}',
    'jobs.ran': '{title} 已运行：{summary}',
    'jobs.ran_skipped': '{title} 本分钟已运行过，未重复发送。',
    'jobs.ran_failed': '{title} 运行失败：{error}',
    'jobs.ran_nothing': '完成',
    'jobs.cron.field_count': '需要 5 段（分 时 日 月 周）或 6 段（含秒）',
    'jobs.cron.field_invalid': '{field}“{value}”无效',
    'jobs.cron.unparsable': '无法解析',
    'jobs.cron.field.second': '秒',
    'jobs.cron.field.minute': '分',
    'jobs.cron.field.hour': '时',
    'jobs.cron.field.dayOfMonth': '日',
    'jobs.cron.field.month': '月',
    'jobs.cron.field.dayOfWeek': '周',
    'jobs.summary.reminded': '已提醒 {n} 人',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}

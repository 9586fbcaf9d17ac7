import { describe, expect, it } from 'vitest';
import { cronInWords } from '../../../src/bot/cards/cron-words.js';
import { weekTitle } from '../../../src/bot/cards/digest-cards.js';
import { revisitReminderCard } from '../../../src/bot/cards/plan-cards.js';
import { editDistance, Menu } from '../../../src/bot/menu.js';

describe('words a phone user reads', () => {
  it('R-JOB-1: schedules in words, the cron text only for shapes not covered', () => {
    expect(cronInWords('0 18 * * *', true)).toBe('每个工作日 18:00');
    expect(cronInWords('30 18 * * *')).toBe('每天 18:30');
    expect(cronInWords('0 9 * * 1')).toBe('每周一 09:00');
    expect(cronInWords('0 9 * * 1-5')).toBe('每周一至周五 09:00');
    expect(cronInWords('0 9 1 * *')).toBe('每月 1 日 09:00');
    expect(cronInWords('15 * * * *')).toBe('每小时第 15 分');
    expect(cronInWords('*/15 * * * * *')).toBe('每 15 秒');
    expect(cronInWords('0 9 1 6 *')).toBe('0 9 1 6 *');
  });

  it('R-DIG-2: week titles as people say them: a week belongs to the month of its Thursday', () => {
    expect(weekTitle('2026-12-07', '2026-12-13')).toBe('12月第2周 12.07–12.13');
    expect(weekTitle('2026-11-30', '2026-12-06')).toBe('12月第1周 11.30–12.06');
    expect(weekTitle('2026-11-16', '2026-11-22')).toBe('11月第3周 11.16–11.22');
  });

  it('R-REM-1: counts phrased naturally: no "0 项"', () => {
    const overdue = [
      { kind: 'revisit' as const, clientName: '甲', date: '2026-12-01', overdue: true },
      { kind: 'revisit' as const, clientName: '乙', date: '2026-12-02', overdue: true },
    ];
    const none = JSON.stringify(revisitReminderCard('2026-12-09', '张三', overdue));
    expect(none).toContain('张三，今天没有到期的回访；另有 2 项已逾期');
    expect(none).not.toContain('0 项');
    const some = JSON.stringify(
      revisitReminderCard('2026-12-09', '张三', [
        { kind: 'revisit', clientName: '丙', date: '2026-12-09' },
        ...overdue,
      ]),
    );
    expect(some).toContain('你今天有 1 项回访到期；另有 2 项已逾期');
  });

  it('typed labels and near misses: label → command; close words suggest the buttons the role may use', () => {
    const menu = new Menu()
      .add({ labelKey: 'menu.tiers', command: '分档', roles: ['manager'], order: 33 })
      .add({ labelKey: 'menu.visit_plan', command: '走访计划', roles: ['agent'], order: 20 })
      .add({ labelKey: 'menu.visit_log', command: '走访日志', roles: ['agent'], order: 21 });
    expect(menu.commandForLabel('商户分档')).toBe('分档');
    expect(menu.commandForLabel('商户分档 老王')).toBe('分档 老王');
    expect(menu.commandForLabel('走访计划')).toBeUndefined(); // the label is the command already
    expect(menu.suggest('走访', ['agent']).map((e) => e.command)).toEqual(['走访计划', '走访日志']);
    expect(menu.suggest('走防计划', ['agent']).map((e) => e.command)).toEqual(['走访计划']);
    expect(menu.suggest('分档', ['agent'])).toEqual([]); // not the agent's button
    expect(menu.suggest('今天天气如何', ['agent', 'manager'])).toEqual([]);
    expect(editDistance('走访计划', '走访日志')).toBe(2);
  });
});

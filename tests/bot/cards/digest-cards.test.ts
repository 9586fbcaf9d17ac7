import { describe, expect, it } from 'vitest';
import { dailyDigestCard, weeklySummaryCard, type WeeklyInput } from '../../../src/bot/cards/digest-cards.js';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import { emptyActivity } from '../../../src/domain/jobs/report.js';

function input(agents: number): WeeklyInput {
  const ids = Array.from({ length: agents }, (_, i) => `ou_agent_${String(i).padStart(3, '0')}`);
  const report = {
    agents: ids.map((id, i) => ({ ...emptyActivity(id), walkIns: i % 7, signed: i % 3, registrations: i % 5 })),
    pool: { walkIns: 2, signed: 1 },
  };
  return {
    week: '2026-W47',
    from: '2026-11-16',
    to: '2026-11-22',
    monthTo: '2026-11-22',
    lastWeek: report,
    monthToDate: report,
    targets: { department: 100, perAgent: Object.fromEntries(ids.map((id) => [id, 3])) },
    agents: ids,
  };
}

describe('digest cards', () => {
  it('R-DIG-2: the weekly card has a VChart bar chart of target vs actual per agent and department totals', () => {
    const names = { ou_agent_000: '张三', ou_agent_001: '李四' };
    const c = weeklySummaryCard(input(2), names) as any;
    const chart = c.body.elements.find((e: any) => e.tag === 'chart');
    expect(chart.chart_spec).toMatchObject({
      type: 'bar',
      xField: ['agent', 'series'],
      yField: 'value',
      seriesField: 'series',
    });
    expect(chart.chart_spec.data.values).toEqual([
      { agent: '张三', series: '目标', value: 3 },
      { agent: '张三', series: '实际', value: 0 },
      { agent: '李四', series: '目标', value: 3 },
      { agent: '李四', series: '实际', value: 1 },
    ]);
    // At phone width: one line per agent and the department total, no 10-column table.
    expect(c.body.elements.some((e: any) => e.tag === 'table')).toBe(false);
    const lines = c.body.elements
      .filter((e: any) => e.tag === 'markdown')
      .map((e: any) => e.content)
      .join('\n');
    expect(lines).toContain('**部门合计**：接待 3 · 登记 1 · 回访 完成/逾期 0/0 · 签约 2 · 月完成率 2%');
    expect(c.header.title.content).toBe('每周业绩汇总 · 11月第3周 11.16–11.22');
  });

  it('R-DIG-2: a department of 100 agents still fits a card (under 30 KB and 200 elements)', () => {
    const c = weeklySummaryCard(input(100), {});
    expect(JSON.stringify(c).length).toBeLessThan(30_000);
    expect(countElements(c)).toBeLessThan(200);
  });

  it('R-DIG-1: the daily digest is counts and names only', () => {
    const c = dailyDigestCard('2026-11-23', input(3).lastWeek, { ou_agent_001: '李四' });
    const s = JSON.stringify(c);
    expect(s).toContain('李四：接待 1');
    expect(s).not.toMatch(/1\d{10}/);
  });
});

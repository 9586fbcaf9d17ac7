import { describe, expect, it } from 'vitest';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import { performanceCard, riskCard, targetFormCard } from '../../../src/bot/cards/target-cards.js';
import { noCommission } from '../../../src/domain/targets/commission.rules.js';
import { monthPeriod } from '../../../src/domain/targets/period.js';
import type { PerformanceReport } from '../../../src/domain/targets/performance.js';

const agents = Array.from({ length: 50 }, (_, i) => ({
  openId: `ou_agent_${i}`,
  name: `招商员${i + 1}`,
  roles: ['agent' as const],
  active: true,
  nameRefreshedAt: null,
}));

function report(): PerformanceReport {
  return {
    period: monthPeriod('2026-12'),
    asOf: '2026-12-14',
    scope: 'all',
    targets: {
      source: 'approved',
      contracts: 100,
      areaCenti: null,
      rentFen: null,
      perAgent: new Map(agents.map((a) => [a.openId, 2])),
      target: undefined,
    },
    department: {
      target: 100,
      signed: 40,
      poolSigned: 3,
      bp: 4000,
      areaCenti: 0,
      firstYearRentFen: 0,
      firstMonthRentFen: 0,
      commissionFen: 0,
      managerBonusFen: 0,
    },
    agents: agents.map((a, i) => ({
      agentOpenId: a.openId,
      name: a.name,
      target: 2,
      signed: i % 3,
      bp: (i % 3) * 5000,
      areaCenti: 0,
      firstYearRentFen: 0,
      firstMonthRentFen: 0,
      commission: noCommission,
      openedFen: 0,
      missingRent: 0,
    })),
  };
}

describe('R-TGT-1/4: target cards stay within Feishu limits for a 50-agent department', () => {
  it('R-TGT-1: the proposal form with 50 agents is under 200 elements and 30 KB', () => {
    const card = targetFormCard(agents, { values: { period: '2026-12' } });
    expect(countElements(card)).toBeLessThan(200);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(30_000);
  });

  it('R-TGT-4: the performance card charts at most 20 agents and says where the rest are', () => {
    const card = performanceCard(report(), 'Asia/Shanghai');
    const s = JSON.stringify(card);
    expect(Buffer.byteLength(s)).toBeLessThan(30_000);
    expect(countElements(card)).toBeLessThan(200);
    const chart = (card.body as { elements: Array<Record<string, any>> }).elements.find((e) => e.tag === 'chart')!;
    expect(chart.chart_spec.data[0].values).toHaveLength(40);
    expect(s).toContain('仅显示前 20 位');
  });

  it('R-TGT-5: the risk card names the lagging agents', () => {
    const card = riskCard({
      asOf: '2026-12-14',
      month: '2026-12',
      department: { completionBp: 1000, elapsedBp: 4347, gapBp: 3347, lagging: true },
      target: 20,
      signed: 2,
      workingDaysElapsed: 10,
      workingDaysInMonth: 23,
      marginPct: 10,
      laggingAgents: [
        {
          agentOpenId: 'ou_a',
          name: '张三',
          target: 10,
          signed: 1,
          lag: { completionBp: 1000, elapsedBp: 4347, gapBp: 3347, lagging: true },
        },
      ],
    });
    const s = JSON.stringify(card);
    expect(s).toContain('业绩风险预警 · 2026年12月');
    expect(s).toContain('工作日已过 10/23（43.47%），部门完成 2/20 份（10.00%），落后 33.47%');
    expect(s).toContain('张三：1/10 份（10.00%），落后 33.47%');
  });
});

describe('R-TGT-3: export table names as people type them', () => {
  it.each([
    ['来访登记', 'visitors'],
    ['来访客户登记总表', 'visitors'],
    ['回访', 'revisits'],
    ['已签合同', 'signed'],
    ['合同', 'signed'],
    ['工作计划', 'workplan'],
    ['当日工作计划表', 'workplan'],
    ['业绩', 'performance'],
    ['提成', 'performance'],
    ['signed', 'signed'],
    ['天气', undefined],
  ])('R-TGT-3: 导出 %s → %s', async (word, kind) => {
    const { exportKindOf } = await import('../../../src/bot/features/targets.js');
    expect(exportKindOf(word)).toBe(kind);
  });
});

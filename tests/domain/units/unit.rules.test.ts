import { describe, expect, it } from 'vitest';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import {
  expiringCard,
  importFailedCard,
  leasingMapCard,
  MAP_UNITS_PER_CARD,
} from '../../../src/bot/cards/unit-cards.js';
import type { UnitStats, UnitWithTenant } from '../../../src/domain/units/unit.js';
import { displayStatus, leaseEnd, parseUnitRow, unitCodeKey } from '../../../src/domain/units/unit.rules.js';
import { checkCard } from '../../../src/lark/card-rules.js';

const limits = { maxAreaSqm: 100_000, maxMonthlyRentYuan: 10_000_000 };
const stats = (total: number): UnitStats => ({
  total,
  byStatus: { vacant: total, intent: 0, reserved: 0, leased: 0, expiring: 0 },
  totalArea: total * 80,
  leasedArea: 0,
  rentIncome: 0,
});
const unit = (i: number, over: Partial<UnitWithTenant> = {}): UnitWithTenant => ({
  id: i,
  building: 'A栋',
  floor: '2F',
  number: String(200 + i),
  codeKey: `A栋|2F|${200 + i}`,
  areaSqm: 80,
  standardRent: 10000,
  status: 'vacant',
  clientId: null,
  agentOpenId: null,
  planId: null,
  contractNo: null,
  leaseStart: null,
  leaseEnd: null,
  monthlyRent: null,
  updatedAt: new Date(0),
  clientName: null,
  ...over,
});

describe('unit rules', () => {
  it('R-UNIT-1: a row is read with every problem at once; 空置/意向 only', () => {
    expect(parseUnitRow(2, ['A栋', '2F', '201', '85.5', '1.2万', ''], limits)).toEqual({
      ok: true,
      unit: { building: 'A栋', floor: '2F', number: '201', areaSqm: 85.5, standardRent: 12000, status: 'vacant' },
    });
    const bad = parseUnitRow(7, ['', '2F', '201', 'abc', '-5', '已租'], limits);
    expect(bad.ok ? [] : bad.issues.map((i) => [i.row, i.key])).toEqual([
      [7, 'unit.err.missing'],
      [7, 'unit.err.amount'],
      [7, 'unit.err.amount'],
      [7, 'unit.err.status'],
    ]);
  });

  it('R-UNIT-1: one code however it is typed (full-width, case, spaces)', () => {
    expect(unitCodeKey('Ａ栋', ' 2f', '２０１')).toBe(unitCodeKey('A栋', '2F', '201'));
  });

  it('R-UNIT-1: a lease ends the day before the same day `term` months later; short months end on their last day', () => {
    expect(leaseEnd('2026-03-15', 12)).toBe('2027-03-14');
    expect(leaseEnd('2026-12-14', 36)).toBe('2029-12-13');
    expect(leaseEnd('2026-01-31', 1)).toBe('2026-02-28');
    expect(leaseEnd('2026-01-01', 1)).toBe('2026-01-31');
  });

  it('R-UNIT-3: 即将到期 is a lease ending within the window', () => {
    expect(displayStatus({ status: 'leased', leaseEnd: '2027-01-10' }, '2027-01-10')).toBe('expiring');
    expect(displayStatus({ status: 'leased', leaseEnd: '2027-01-11' }, '2027-01-10')).toBe('leased');
    expect(displayStatus({ status: 'reserved', leaseEnd: null }, '2027-01-10')).toBe('reserved');
  });
});

describe('unit cards', () => {
  it('R-UNIT-2: a floor of 600 units stays within Feishu card limits (400 drawn, the rest counted)', () => {
    const units = Array.from({ length: 600 }, (_, i) => unit(i, { number: `X${'9'.repeat(8)}${i}` }));
    const floors = Array.from({ length: 150 }, (_, i) => ({ building: 'A栋', floor: `${i + 1}F`, units: 600 }));
    const card = leasingMapCard({
      floors,
      page: 75,
      units,
      floorStats: stats(600),
      all: stats(90_000),
      expiringUntil: '2027-01-01',
    });
    expect(checkCard(card)).toEqual([]);
    expect(countElements(card)).toBeLessThanOrEqual(200);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(30_000);
    expect(JSON.stringify(card).match(/<text_tag/g)!.length).toBe(MAP_UNITS_PER_CARD + 5);
    expect(JSON.stringify(card)).toContain('本层另有 200 个铺位未显示');
  });

  it('R-INFO-3: a unit number or tenant typed as markup stays text on the map and the renewal list', () => {
    const hostile = unit(1, {
      number: '</text_tag><at id=all></at>',
      status: 'leased',
      leaseEnd: '2027-01-01',
      contractNo: 'HT-1',
      clientName: '**老王**<at id=all></at>',
    });
    const map = JSON.stringify(
      leasingMapCard({
        floors: [{ building: 'A栋', floor: '2F', units: 1 }],
        page: 0,
        units: [hostile],
        floorStats: stats(1),
        all: stats(1),
        expiringUntil: '2027-02-01',
      }),
    );
    expect(map).not.toContain('<at id=all>');
    const card = expiringCard({
      items: [hostile],
      page: 0,
      days: 90,
      today: '2026-12-01',
      names: new Map(),
      canRelease: () => true,
      paged: true,
    }) as { body: { elements: Array<{ tag: string; content?: string }> } };
    // Markdown carries the text escaped; the 释放 confirmation is plain_text, shown as typed.
    const markdown = card.body.elements
      .filter((e) => e.tag === 'markdown')
      .map((e) => e.content)
      .join('\n');
    expect(markdown).toContain('老王');
    expect(markdown).not.toContain('<at id=all>');
    expect(markdown).not.toContain('**老王**');
  });

  it('R-UNIT-1: an import with hundreds of bad rows lists 50 and counts the rest, within the limits', () => {
    const issues = Array.from({ length: 500 }, (_, i) => ({
      row: i + 2,
      key: 'unit.err.missing' as const,
      params: { field: '楼栋' },
    }));
    const card = importFailedCard(500, issues);
    expect(checkCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('第 51 行');
    expect(JSON.stringify(card)).not.toContain('第 52 行');
    expect(JSON.stringify(card)).toContain('另有 450 处问题');
  });
});

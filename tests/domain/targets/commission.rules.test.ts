import { describe, expect, it } from 'vitest';
import {
  agentMonthCommission,
  compileSchemes,
  completionBp,
  contractCommission,
  formatBp,
  managerBonus,
  schemeOn,
  type CommissionVersionConfig,
} from '../../../src/domain/targets/commission.rules.js';
import { fenToDecimal, splitByPct, toFen } from '../../../src/domain/targets/money.js';

const base: CommissionVersionConfig = {
  from: '2026-01',
  perContractYuan: 0,
  rentMultiples: [
    { minCompletionPct: 90, multiple: 1.5 },
    { minCompletionPct: 70, multiple: 1.2 },
    { minCompletionPct: 0, multiple: 1.0 },
  ],
  atSigningPct: 80,
  managerBonus: [
    { minCompletionPct: 100, rentMultiple: 0.2, fixedYuan: 0 },
    { minCompletionPct: 70, rentMultiple: 0.1, fixedYuan: 500 },
    { minCompletionPct: 0, rentMultiple: 0, fixedYuan: 0 },
  ],
};
const schemes = compileSchemes([base]);

describe('money in fen', () => {
  it.each([
    ['12345.67', 1234567],
    ['0.1', 10],
    ['0.105', 11],
    ['8000', 800000],
    [8000.1, 800010],
    [0.1 + 0.2, 30],
    ['-5.5', -550],
    [null, 0],
  ] as const)('toFen(%s) = %i', (input, fen) => {
    expect(toFen(input)).toBe(fen);
  });

  it.each([
    [100000, 80, 80000, 20000],
    [333, 80, 266, 67],
    [1, 80, 1, 0],
    [999_999_999, 80, 799_999_999, 200_000_000],
  ])('R-TGT-4: split %i fen %i%% → %i + %i, always adding up', (total, pct, a, b) => {
    const [x, y] = splitByPct(total, pct);
    expect([x, y]).toEqual([a, b]);
    expect(x + y).toBe(total);
  });
});

describe('R-TGT-4: commission tiers', () => {
  // target 10 contracts: signed n → completion n×10 %
  it.each([
    // signed, target, expected bp, multiple (milli)
    [6, 10, 6000, 1000],
    [7, 10, 7000, 1200], // exactly 70 % → the 70 tier
    [8, 10, 8000, 1200],
    [9, 10, 9000, 1500], // exactly 90 % → the 90 tier
    [10, 10, 10000, 1500],
    [12, 10, 12000, 1500],
    [0, 10, 0, 1000],
  ])('R-TGT-4: %i of %i signed → %i bp → multiple %i‰', (signed, target, bp, milli) => {
    expect(completionBp(signed, target)).toBe(bp);
    expect(contractCommission(schemes[0], 1_000_000, completionBp(signed, target)).milli).toBe(milli);
  });

  it.each([
    // 89.99…% stays in the 70 tier: completion rounds down, never up into the next tier
    [8999, 10000, 8999, 1200],
    [62, 69, 8985, 1200],
    [2, 3, 6666, 1000],
    [7, 9, 7777, 1200],
  ])('R-TGT-4: boundary %i / %i → %i bp (rounded down) → %i‰', (signed, target, bp, milli) => {
    expect(completionBp(signed, target)).toBe(bp);
    expect(contractCommission(schemes[0], 100, bp).milli).toBe(milli);
  });

  it('R-TGT-4: no target → no completion and the lowest tier', () => {
    expect(completionBp(3, null)).toBeNull();
    expect(completionBp(3, 0)).toBeNull();
    expect(contractCommission(schemes[0], 1_000_000, null).milli).toBe(1000);
    expect(formatBp(null)).toBe('—');
    expect(formatBp(8999)).toBe('89.99%');
  });

  it.each([
    // first month rent (yuan), completion bp, total, at signing, at opening (yuan)
    ['8000', 6000, '8000.00', '6400.00', '1600.00'],
    ['8000', 7000, '9600.00', '7680.00', '1920.00'],
    ['8000', 9000, '12000.00', '9600.00', '2400.00'],
    ['3333.33', 9000, '5000.00', '4000.00', '1000.00'], // 4999.995 → 5000.00 half up
    ['1234.57', 7000, '1481.48', '1185.18', '296.30'],
    ['0.01', 9000, '0.02', '0.02', '0.00'],
  ])(
    'R-TGT-4: first month %s at %i bp → %s (%s at signing + %s at opening)',
    (rent, bp, total, atSigning, atOpening) => {
      const c = contractCommission(schemes[0], toFen(rent), bp);
      expect(fenToDecimal(c.totalFen)).toBe(total);
      expect(fenToDecimal(c.atSigningFen)).toBe(atSigning);
      expect(fenToDecimal(c.atOpeningFen)).toBe(atOpening);
      expect(c.atSigningFen + c.atOpeningFen).toBe(c.totalFen);
    },
  );

  it('R-TGT-4: a fixed amount per contract adds to the rent part', () => {
    const s = compileSchemes([{ ...base, perContractYuan: 500 }]);
    const c = contractCommission(s[0], toFen('8000'), 9000);
    expect(fenToDecimal(c.totalFen)).toBe('12500.00');
    expect(fenToDecimal(c.fixedFen)).toBe('500.00');
  });

  it('R-TGT-4: a month of one agent — tier from the month completion, paid per contract', () => {
    const contracts = [
      { signedDate: '2026-12-03', firstMonthRentFen: toFen('10000') },
      { signedDate: '2026-12-10', firstMonthRentFen: toFen('5000.50') },
      { signedDate: '2026-12-20', firstMonthRentFen: 0 },
    ];
    const r = agentMonthCommission(schemes, contracts, 4); // 3/4 = 75 % → 1.2
    expect(r.bp).toBe(7500);
    expect(r.perContract.map((c) => fenToDecimal(c.totalFen))).toEqual(['12000.00', '6000.60', '0.00']);
    expect(fenToDecimal(r.total.totalFen)).toBe('18000.60');
    expect(r.total.atSigningFen + r.total.atOpeningFen).toBe(r.total.totalFen);
  });

  it('R-TGT-4: a scheme change in the middle of the month — each contract under the version of its signing day', () => {
    const two = compileSchemes([
      base,
      {
        ...base,
        from: '2026-12-16',
        perContractYuan: 200,
        rentMultiples: [
          { minCompletionPct: 80, multiple: 2 },
          { minCompletionPct: 0, multiple: 1.1 },
        ],
        atSigningPct: 70,
      },
    ]);
    expect(schemeOn(two, '2026-12-15')!.from).toBe('2026-01-01');
    expect(schemeOn(two, '2026-12-16')!.from).toBe('2026-12-16');
    expect(schemeOn(two, '2025-12-31')).toBeUndefined();
    const r = agentMonthCommission(
      two,
      [
        { signedDate: '2026-12-15', firstMonthRentFen: toFen('10000') },
        { signedDate: '2026-12-16', firstMonthRentFen: toFen('10000') },
      ],
      2, // 100 %
    );
    // 12-15: old scheme, ≥ 90 % → 1.5 → 15000, 80/20
    expect(fenToDecimal(r.perContract[0]!.totalFen)).toBe('15000.00');
    expect(fenToDecimal(r.perContract[0]!.atSigningFen)).toBe('12000.00');
    // 12-16: new scheme, ≥ 80 % → 2.0 + 200 → 20200, 70/30
    expect(fenToDecimal(r.perContract[1]!.totalFen)).toBe('20200.00');
    expect(fenToDecimal(r.perContract[1]!.atSigningFen)).toBe('14140.00');
    expect(fenToDecimal(r.perContract[1]!.atOpeningFen)).toBe('6060.00');
    expect(fenToDecimal(r.total.totalFen)).toBe('35200.00');
  });

  it('R-TGT-4: before the first version nothing is paid', () => {
    const r = agentMonthCommission(schemes, [{ signedDate: '2025-12-31', firstMonthRentFen: toFen('10000') }], 1);
    expect(r.total.totalFen).toBe(0);
  });

  it.each([
    // dept signed, dept target, dept first-month rent, bonus
    [10, 10, '100000', '20000.00'],
    [7, 10, '100000', '10500.00'],
    [6, 10, '100000', '0.00'],
    [5, null, '100000', '0.00'],
  ])('R-TGT-4: manager bonus — %i of %s signed on %s rent → %s', (signed, target, rent, bonus) => {
    expect(fenToDecimal(managerBonus(schemes[0], signed, target, toFen(rent)).fen)).toBe(bonus);
  });

  it('R-TGT-4: a scheme whose lowest tier does not start at 0 % is refused at boot', () => {
    expect(() => compileSchemes([{ ...base, rentMultiples: [{ minCompletionPct: 50, multiple: 1 }] }])).toThrow(/0 %/);
    expect(() => compileSchemes([base, { ...base }])).toThrow(/two commission versions/);
    expect(() => compileSchemes([{ ...base, from: 'next month' }])).toThrow(/YYYY-MM/);
  });
});

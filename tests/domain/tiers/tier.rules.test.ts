import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { emptyCriteria, parseCriteria, stepPoints, suggestTier } from '../../../src/domain/tiers/tier.rules.js';

const rubric = loadConfig({}).settings.tiers;

describe('merchant tier rubric (config/settings.json tiers)', () => {
  it('R-TIER-2: step points take the highest threshold reached', () => {
    const steps: Array<[number, number]> = [
      [0, 1],
      [1000, 3],
      [300, 2],
    ];
    expect(stepPoints(0, steps)).toBe(1);
    expect(stepPoints(299, steps)).toBe(1);
    expect(stepPoints(300, steps)).toBe(2);
    expect(stepPoints(5000, steps)).toBe(3);
  });

  it('R-TIER-2: a large provincial brand with a big warehouse is suggested tier 1', () => {
    const s = suggestTier(
      {
        storeAreaSqm: 1200,
        storeCount: 6,
        brandLevel: 'province',
        warehouseSqm: 2500,
        turnoverWanYuan: 1500,
        manufacturerStrength: null,
      },
      rubric,
    );
    expect(s).toEqual({ tier: '1', average: 3, scored: 5 });
  });

  it('R-TIER-2: a mid-sized city brand is tier 2, a small local shop tier 3', () => {
    expect(
      suggestTier(
        {
          storeAreaSqm: 400,
          storeCount: 2,
          brandLevel: 'city',
          warehouseSqm: 600,
          turnoverWanYuan: 100,
          manufacturerStrength: null,
        },
        rubric,
      ).tier,
    ).toBe('2');
    expect(
      suggestTier(
        {
          storeAreaSqm: 80,
          storeCount: 1,
          brandLevel: 'local',
          warehouseSqm: null,
          turnoverWanYuan: 50,
          manufacturerStrength: null,
        },
        rubric,
      ).tier,
    ).toBe('3');
  });

  it('R-TIER-2: manufacturer strength counts for manufacturers', () => {
    const weak = suggestTier(
      { ...emptyCriteria(), storeAreaSqm: 1000, brandLevel: 'province', manufacturerStrength: 'weak' },
      rubric,
    );
    const strong = suggestTier(
      { ...emptyCriteria(), storeAreaSqm: 1000, brandLevel: 'province', manufacturerStrength: 'strong' },
      rubric,
    );
    expect(weak.tier).toBe('2');
    expect(strong.tier).toBe('1');
  });

  it('R-TIER-2: with fewer criteria than the minimum there is no suggestion', () => {
    expect(suggestTier({ ...emptyCriteria(), storeAreaSqm: 1000, brandLevel: 'province' }, rubric)).toEqual({
      tier: null,
      average: null,
      scored: 2,
    });
  });

  it('R-TIER-2: form values parse to criteria; blanks are unknown and bad numbers are field errors', () => {
    const { criteria, errors } = parseCriteria({
      store_area: '300',
      store_count: '',
      brand_level: 'city',
      warehouse: '-5',
      turnover: 'abc',
      strength: 'huge',
    });
    expect(criteria.storeAreaSqm).toBe(300);
    expect(criteria.storeCount).toBeNull();
    expect(criteria.brandLevel).toBe('city');
    expect(Object.keys(errors).sort()).toEqual(['strength', 'turnover', 'warehouse']);
  });
});

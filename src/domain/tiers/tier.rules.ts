import type { FieldErrors } from '../field-visits/field-visit.rules.js';
import { BRAND_LEVELS, STRENGTHS, type BrandLevel, type Strength, type Tier, type TierCriteria } from './tier.js';

/** The rubric from config/settings.json `tiers` (R-TIER-2). */
export interface TierRubric {
  points: {
    storeAreaSqm: Array<[number, number]>;
    storeCount: Array<[number, number]>;
    brandLevel: Record<BrandLevel, number>;
    warehouseSqm: Array<[number, number]>;
    turnoverWanYuan: Array<[number, number]>;
    manufacturerStrength: Record<Strength, number>;
  };
  bands: Array<{ tier: Tier; minAverage: number }>;
  minCriteria: number;
}

/** Points for a number: the first `[at least, points]` step it reaches, from the largest threshold down. */
export function stepPoints(value: number, steps: Array<[number, number]>): number {
  const sorted = [...steps].sort((a, b) => b[0] - a[0]);
  for (const [min, pts] of sorted) if (value >= min) return pts;
  return 0;
}

export interface Suggestion {
  tier: Tier | null;
  average: number | null;
  scored: number;
}

/**
 * The suggested tier: each criterion filled in gives points; their average picks the first band it
 * reaches (bands from the highest minimum down). Too few criteria → no suggestion.
 */
export function suggestTier(c: TierCriteria, rubric: TierRubric): Suggestion {
  const p = rubric.points;
  const pts: number[] = [];
  if (c.storeAreaSqm !== null) pts.push(stepPoints(c.storeAreaSqm, p.storeAreaSqm));
  if (c.storeCount !== null) pts.push(stepPoints(c.storeCount, p.storeCount));
  if (c.brandLevel !== null) pts.push(p.brandLevel[c.brandLevel]);
  if (c.warehouseSqm !== null) pts.push(stepPoints(c.warehouseSqm, p.warehouseSqm));
  if (c.turnoverWanYuan !== null) pts.push(stepPoints(c.turnoverWanYuan, p.turnoverWanYuan));
  if (c.manufacturerStrength !== null) pts.push(p.manufacturerStrength[c.manufacturerStrength]);
  if (pts.length < rubric.minCriteria) return { tier: null, average: null, scored: pts.length };
  const average = Math.round((pts.reduce((a, b) => a + b, 0) / pts.length) * 100) / 100;
  const band = [...rubric.bands].sort((a, b) => b.minAverage - a.minAverage).find((b) => average >= b.minAverage);
  return { tier: band?.tier ?? null, average, scored: pts.length };
}

/** Raw form values → criteria; blanks are "not known", bad numbers are field errors. */
export function parseCriteria(raw: Record<string, unknown>): { criteria: TierCriteria; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const num = (name: string, max: number): number | null => {
    const v =
      typeof raw[name] === 'string'
        ? (raw[name] as string).trim()
        : typeof raw[name] === 'number'
          ? String(raw[name])
          : '';
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > max) {
      errors[name] = { key: 'tier.bad_number', params: { max } };
      return null;
    }
    return n;
  };
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | null => {
    const v = typeof raw[name] === 'string' ? (raw[name] as string) : '';
    if (v === '') return null;
    if (!(allowed as readonly string[]).includes(v)) {
      errors[name] = { key: 'tier.bad_choice' };
      return null;
    }
    return v as T;
  };
  const criteria: TierCriteria = {
    storeAreaSqm: num('store_area', 1_000_000),
    storeCount: num('store_count', 100_000),
    brandLevel: pick('brand_level', BRAND_LEVELS),
    warehouseSqm: num('warehouse', 10_000_000),
    turnoverWanYuan: num('turnover', 100_000_000),
    manufacturerStrength: pick('strength', STRENGTHS),
  };
  return { criteria, errors };
}

export const emptyCriteria = (): TierCriteria => ({
  storeAreaSqm: null,
  storeCount: null,
  brandLevel: null,
  warehouseSqm: null,
  turnoverWanYuan: null,
  manufacturerStrength: null,
});

import { mulMilli, splitByPct, toFen, toMilli, type Fen } from './money.js';

/**
 * R-TGT-4 commission, pure. The scheme lives in config/settings.json `commission.versions`, each
 * version in force from the day (or the first day of the month) it names until the next one. A
 * contract is paid under the version in force on its signing date; the tier comes from the agent's
 * completion of their target for the contract's month.
 *
 * Per contract: a fixed amount plus a multiple of the first month's rent, the multiple tiered by
 * completion — the first tier from the top whose `minCompletionPct` the completion reaches
 * (so with 90 / 70 / 0: 89.99 % → the 70 tier, exactly 90 % → the 90 tier). Paid
 * `atSigningPct` % at signing and the rest at opening; the two parts always add up to the total.
 *
 * The manager's bonus: a multiple of the month's total first-month rent of every department
 * contract (public pool included) plus a fixed amount, tiered by the department's completion,
 * under the version in force on the month's last day.
 */
export interface CommissionVersionConfig {
  /** `YYYY-MM` (from the 1st) or `YYYY-MM-DD` (a change in the middle of a month). */
  from: string;
  perContractYuan: number;
  rentMultiples: Array<{ minCompletionPct: number; multiple: number }>;
  atSigningPct: number;
  managerBonus: Array<{ minCompletionPct: number; rentMultiple: number; fixedYuan: number }>;
}

export interface Tier {
  /** Completion in basis points (1 % = 100 bp) at which this tier starts. */
  minBp: number;
  /** The multiple in thousandths (1.2 → 1200). */
  milli: number;
}

export interface ManagerTier extends Tier {
  fixedFen: Fen;
}

export interface CommissionScheme {
  from: string;
  perContractFen: Fen;
  /** Highest first. The last one starts at 0 %, so every completion finds a tier. */
  tiers: Tier[];
  atSigningPct: number;
  managerTiers: ManagerTier[];
}

/** Reads and checks the config once; a bad scheme stops the boot rather than paying wrongly. */
export function compileSchemes(versions: CommissionVersionConfig[]): CommissionScheme[] {
  const out = versions.map((v) => {
    const from = /^\d{4}-\d{2}$/.test(v.from) ? `${v.from}-01` : v.from;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from))
      throw new Error(`commission version "${v.from}": from must be YYYY-MM or YYYY-MM-DD`);
    const tiers = sortTiers(
      v.rentMultiples.map((t) => ({ minBp: Math.round(t.minCompletionPct * 100), milli: toMilli(t.multiple) })),
      v.from,
    );
    const managerTiers = sortTiers(
      v.managerBonus.map((t) => ({
        minBp: Math.round(t.minCompletionPct * 100),
        milli: toMilli(t.rentMultiple),
        fixedFen: toFen(t.fixedYuan),
      })),
      v.from,
    );
    if (v.atSigningPct < 0 || v.atSigningPct > 100)
      throw new Error(`commission version "${v.from}": atSigningPct must be 0–100`);
    return { from, perContractFen: toFen(v.perContractYuan), tiers, atSigningPct: v.atSigningPct, managerTiers };
  });
  out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < out.length; i++)
    if (out[i]!.from === out[i - 1]!.from) throw new Error(`two commission versions start on ${out[i]!.from}`);
  return out;
}

function sortTiers<T extends Tier>(tiers: T[], from: string): T[] {
  const sorted = [...tiers].sort((a, b) => b.minBp - a.minBp);
  if (sorted.length === 0 || sorted[sorted.length - 1]!.minBp !== 0)
    throw new Error(`commission version "${from}": the lowest tier must start at 0 %`);
  return sorted;
}

/** The version in force on `date` (YYYY-MM-DD); undefined before the first one (nothing is paid). */
export function schemeOn(schemes: readonly CommissionScheme[], date: string): CommissionScheme | undefined {
  let found: CommissionScheme | undefined;
  for (const s of schemes) if (s.from <= date) found = s;
  return found;
}

/**
 * Completion in whole basis points, rounded down: 8999.9 bp is 8999, so a tier boundary is
 * reached only when the completion really reaches it. No target (or 0) → null.
 */
export function completionBp(signed: number, target: number | null | undefined): number | null {
  if (!target || target <= 0) return null;
  return Math.floor((signed * 10_000) / target);
}

/** The first tier from the top that the completion reaches; without a target, the lowest tier. */
export function pickTier<T extends Tier>(tiers: readonly T[], bp: number | null): T {
  if (bp !== null) for (const t of tiers) if (bp >= t.minBp) return t;
  return tiers[tiers.length - 1]!;
}

export interface ContractCommission {
  fixedFen: Fen;
  rentPartFen: Fen;
  totalFen: Fen;
  atSigningFen: Fen;
  atOpeningFen: Fen;
  /** The multiple applied, in thousandths. */
  milli: number;
}

export const noCommission: ContractCommission = {
  fixedFen: 0,
  rentPartFen: 0,
  totalFen: 0,
  atSigningFen: 0,
  atOpeningFen: 0,
  milli: 0,
};

export function contractCommission(
  scheme: CommissionScheme | undefined,
  firstMonthRentFen: Fen,
  bp: number | null,
): ContractCommission {
  if (!scheme) return noCommission;
  const tier = pickTier(scheme.tiers, bp);
  const rentPartFen = mulMilli(firstMonthRentFen, tier.milli);
  const totalFen = scheme.perContractFen + rentPartFen;
  const [atSigningFen, atOpeningFen] = splitByPct(totalFen, scheme.atSigningPct);
  return { fixedFen: scheme.perContractFen, rentPartFen, totalFen, atSigningFen, atOpeningFen, milli: tier.milli };
}

export function addCommission(a: ContractCommission, b: ContractCommission): ContractCommission {
  return {
    fixedFen: a.fixedFen + b.fixedFen,
    rentPartFen: a.rentPartFen + b.rentPartFen,
    totalFen: a.totalFen + b.totalFen,
    atSigningFen: a.atSigningFen + b.atSigningFen,
    atOpeningFen: a.atOpeningFen + b.atOpeningFen,
    milli: Math.max(a.milli, b.milli),
  };
}

export interface SignedForCommission {
  signedDate: string;
  firstMonthRentFen: Fen;
}

/**
 * One agent's commission for one month: every contract they signed that month, each under the
 * version in force on its signing date, all at the tier of the agent's completion for the month.
 */
export function agentMonthCommission(
  schemes: readonly CommissionScheme[],
  contracts: readonly SignedForCommission[],
  target: number | null | undefined,
): { bp: number | null; total: ContractCommission; perContract: ContractCommission[] } {
  const bp = completionBp(contracts.length, target);
  const perContract = contracts.map((c) =>
    contractCommission(schemeOn(schemes, c.signedDate), c.firstMonthRentFen, bp),
  );
  return { bp, total: perContract.reduce(addCommission, noCommission), perContract };
}

/** The manager's bonus for a month (not split: paid with the month's settlement). */
export function managerBonus(
  scheme: CommissionScheme | undefined,
  deptSigned: number,
  deptTarget: number | null | undefined,
  deptFirstMonthRentFen: Fen,
): { bp: number | null; fen: Fen; milli: number } {
  const bp = completionBp(deptSigned, deptTarget);
  if (!scheme) return { bp, fen: 0, milli: 0 };
  const tier = pickTier(scheme.managerTiers, bp);
  return { bp, fen: tier.fixedFen + mulMilli(deptFirstMonthRentFen, tier.milli), milli: tier.milli };
}

/** 8999 bp → '89.99%'; null → '—'. */
export function formatBp(bp: number | null): string {
  if (bp === null) return '—';
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

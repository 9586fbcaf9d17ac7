import { fenToDecimal, toFen, type Fen } from './money.js';
import type { MessageKey } from '../../i18n/index.js';

/**
 * R-TGT-2: a target proposal and its split across agents, checked field by field so that the
 * form comes back with every mistake at once. Contracts are whole numbers ≥ 0 (the department's
 * at least 1); area (㎡) and first-year rent (元) are optional decimals. Every dimension that the
 * agents are given must add up exactly to the department's figure (area and rent in hundredths,
 * compared as integers).
 */
export interface ProposalInput {
  contracts: string | undefined;
  area: string | undefined;
  rent: string | undefined;
  /** agent open_id → what was typed: `3`, or `3/120/360000` (contracts/area/rent). */
  split: Record<string, string | undefined>;
}

export interface SplitLine {
  agentOpenId: string;
  contracts: number;
  areaCenti: number | null;
  rentFen: Fen | null;
}

export interface Proposal {
  contracts: number;
  areaCenti: number | null;
  rentFen: Fen | null;
  split: SplitLine[];
}

export type FieldIssue = { key: MessageKey; params?: Record<string, string | number> };

const MAX_CONTRACTS = 100_000;

function num(s: string | undefined): { ok: true; value: string | undefined } | { ok: false; negative: boolean } {
  const v = (s ?? '')
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (v === '') return { ok: true, value: undefined };
  if (/^[-－]\s*\d/.test(v)) return { ok: false, negative: true };
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return { ok: false, negative: false };
  return { ok: true, value: v };
}

function parseCount(
  s: string | undefined,
  issues: Record<string, FieldIssue>,
  field: string,
  required: boolean,
): number | undefined {
  const r = num(s);
  if (!r.ok) {
    issues[field] = { key: r.negative ? 'target.err.negative' : 'target.err.count' };
    return undefined;
  }
  if (r.value === undefined) {
    if (required) issues[field] = { key: 'target.err.required' };
    return undefined;
  }
  if (!/^\d+$/.test(r.value)) {
    issues[field] = { key: 'target.err.count' };
    return undefined;
  }
  const n = Number(r.value);
  if (n > MAX_CONTRACTS) {
    issues[field] = { key: 'target.err.too_large', params: { max: MAX_CONTRACTS } };
    return undefined;
  }
  return n;
}

function parseDecimal(
  s: string | undefined,
  issues: Record<string, FieldIssue>,
  field: string,
): number | null | undefined {
  const r = num(s);
  if (!r.ok) {
    issues[field] = { key: r.negative ? 'target.err.negative' : 'target.err.decimal' };
    return undefined;
  }
  return r.value === undefined ? null : toFen(r.value);
}

/** Returns the proposal, or the issues per field (`contracts`, `area`, `rent`, `split_<open_id>`, `split`). */
export function checkProposal(
  input: ProposalInput,
): { ok: true; proposal: Proposal } | { ok: false; issues: Record<string, FieldIssue> } {
  const issues: Record<string, FieldIssue> = {};
  const contracts = parseCount(input.contracts, issues, 'contracts', true);
  if (contracts === 0) issues.contracts = { key: 'target.err.zero' };
  const areaCenti = parseDecimal(input.area, issues, 'area');
  const rentFen = parseDecimal(input.rent, issues, 'rent');

  const split: SplitLine[] = [];
  for (const [agentOpenId, raw] of Object.entries(input.split)) {
    const field = `split_${agentOpenId}`;
    const text = (raw ?? '').trim();
    if (text === '') continue;
    const parts = text.split(/[/／]/);
    if (parts.length > 3) {
      issues[field] = { key: 'target.err.split_format' };
      continue;
    }
    const sub: Record<string, FieldIssue> = {};
    const c = parseCount(parts[0], sub, 'c', true);
    const a = parseDecimal(parts[1], sub, 'a');
    const r = parseDecimal(parts[2], sub, 'r');
    const first = Object.values(sub)[0];
    if (first) {
      issues[field] = first.key === 'target.err.negative' ? first : { key: 'target.err.split_format' };
      continue;
    }
    split.push({ agentOpenId, contracts: c!, areaCenti: a ?? null, rentFen: r ?? null });
  }
  if (Object.keys(issues).length) return { ok: false, issues };

  if (split.length === 0) {
    issues.split = { key: 'target.err.split_missing' };
    return { ok: false, issues };
  }
  const sum = split.reduce((n, s) => n + s.contracts, 0);
  if (sum !== contracts) issues.split = { key: 'target.err.split_sum', params: { sum, total: contracts! } };
  else {
    const dim = (get: (s: SplitLine) => number | null, total: number | null, name: 'area' | 'rent') => {
      const given = split.filter((s) => get(s) !== null);
      if (given.length === 0) return;
      if (total === null) {
        issues.split = { key: `target.err.split_${name}_without_total` };
        return;
      }
      const s = given.reduce((n, x) => n + get(x)!, 0);
      if (s !== total)
        issues.split = {
          key: `target.err.split_${name}_sum`,
          params: { sum: fenToDecimal(s), total: fenToDecimal(total) },
        };
    };
    dim((s) => s.areaCenti, areaCenti ?? null, 'area');
    if (!issues.split) dim((s) => s.rentFen, rentFen ?? null, 'rent');
  }
  if (Object.keys(issues).length) return { ok: false, issues };
  return {
    ok: true,
    proposal: {
      contracts: contracts!,
      areaCenti: areaCenti ?? null,
      rentFen: rentFen ?? null,
      split: split.filter((s) => s.contracts > 0 || s.areaCenti || s.rentFen),
    },
  };
}

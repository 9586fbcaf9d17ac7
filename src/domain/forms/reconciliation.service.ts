import type { Tx } from '../shared/tx.js';
import type { ContractCollection, SignedContract } from './form.js';

export type MismatchKind =
  /** On the signed-contracts table without a collection form (R-CON-2 breach). */
  | 'missing_collection'
  /** Collected that day, not on the signed-contracts table. */
  | 'missing_signed'
  /** On both, but client, unit, area or rent differ. */
  | 'field_mismatch';

export interface Mismatch {
  kind: MismatchKind;
  contractNo: string;
  clientId: number;
  agentOpenId: string | null;
  /** For field_mismatch: which fields, with both values. */
  fields?: Array<{
    field: 'client' | 'unit' | 'area' | 'rent';
    signed: string | number | null;
    collection: string | number | null;
  }>;
}

/** Collected that day and still with legal/finance (R-CON-4): expected to be off the signed table, not a discrepancy. */
export interface UnderReview {
  contractNo: string;
  clientId: number;
  agentOpenId: string | null;
  status: 'in_review' | 'returned';
}

export interface Reconciliation {
  date: string;
  signed: number;
  collected: number;
  mismatches: Mismatch[];
  underReview: UnderReview[];
}

/**
 * R-CON-3: the day's signed-contracts ledger against the collection forms. Every contract signed
 * that day must have a collection form that agrees with it; every contract collected that day must
 * be on the signed table. The daily schedule and the manager's card live elsewhere; this only finds.
 */
export class ReconciliationService {
  async reconcile(tx: Tx, date: string): Promise<Reconciliation> {
    const signed = await tx.contracts.signedOn(date);
    const collected = await tx.contracts.collectionsOn(date);
    const collectionsFor = new Map(
      (await tx.contracts.collectionsByNumbers(signed.map((s) => s.contractNo))).map((c) => [c.contractNo, c]),
    );
    const signedFor = new Map(
      (await tx.contracts.signedByNumbers(collected.map((c) => c.contractNo))).map((s) => [s.contractNo, s]),
    );
    const mismatches: Mismatch[] = [];
    const underReview: UnderReview[] = [];
    for (const s of signed) {
      const c = collectionsFor.get(s.contractNo);
      if (!c) {
        mismatches.push({
          kind: 'missing_collection',
          contractNo: s.contractNo,
          clientId: s.clientId,
          agentOpenId: s.agentOpenId,
        });
        continue;
      }
      const fields = compare(s, c);
      if (fields.length)
        mismatches.push({
          kind: 'field_mismatch',
          contractNo: s.contractNo,
          clientId: s.clientId,
          agentOpenId: c.agentOpenId,
          fields,
        });
    }
    for (const c of collected) {
      if (signedFor.has(c.contractNo)) continue;
      // A contract only reaches the signed table once both reviewers pass it, so one still in review is expected there.
      const review = await tx.contractReviews.findByNo(c.contractNo);
      if (review && review.status !== 'signed') {
        underReview.push({
          contractNo: c.contractNo,
          clientId: c.clientId,
          agentOpenId: c.agentOpenId,
          status: review.status,
        });
        continue;
      }
      mismatches.push({
        kind: 'missing_signed',
        contractNo: c.contractNo,
        clientId: c.clientId,
        agentOpenId: c.agentOpenId,
      });
    }
    return { date, signed: signed.length, collected: collected.length, mismatches, underReview };
  }
}

const sameNumber = (a: number | null, b: number | null) => a === null || b === null || Math.abs(a - b) < 0.005;
const sameText = (a: string | null, b: string | null) =>
  a === null || b === null || a.trim().toUpperCase() === b.trim().toUpperCase();

/** A field left empty on one side is not a mismatch (it shows as incomplete instead). */
function compare(s: SignedContract, c: ContractCollection): NonNullable<Mismatch['fields']> {
  const out: NonNullable<Mismatch['fields']> = [];
  if (s.clientId !== c.clientId) out.push({ field: 'client', signed: s.clientId, collection: c.clientId });
  if (!sameText(s.unit, c.unit)) out.push({ field: 'unit', signed: s.unit, collection: c.unit });
  if (!sameNumber(s.area, c.area)) out.push({ field: 'area', signed: s.area, collection: c.area });
  if (!sameNumber(s.monthlyRent, c.monthlyRent))
    out.push({ field: 'rent', signed: s.monthlyRent, collection: c.monthlyRent });
  return out;
}

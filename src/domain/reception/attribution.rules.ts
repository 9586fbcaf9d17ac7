import type { Owner } from '../clients/client.js';
import { normalizePhone } from '../clients/phone.js';
import { FormError } from '../shared/errors.js';

/**
 * Who a walk-in belongs to, decided in the department's order (客户界定):
 * returning client by phone (R-ATT-3) → business card / flyer (R-ATT-2) → leader referral (R-ATT-5)
 * → the rotation (R-ATT-1). Only the last consumes a rotation turn.
 */
export type AttributionRule = 'R-ATT-1' | 'R-ATT-2' | 'R-ATT-3' | 'R-ATT-5';

export type Decision =
  | { rule: 'R-ATT-3'; kind: 'returning'; clientId: number; owner: Owner }
  | { rule: 'R-ATT-2'; kind: 'card'; agent: string }
  | { rule: 'R-ATT-5'; kind: 'leader' }
  | { rule: 'R-ATT-1'; kind: 'rotation' };

export interface AttributionFacts {
  /** A client already on file with the arrival's normalized phone. */
  returning?: { clientId: number; owner: Owner } | undefined;
  /** The agent named on the business card or flyer, already checked to be an agent. */
  cardAgent?: string | undefined;
  leaderReferral: boolean;
}

export function decide(f: AttributionFacts): Decision {
  if (f.returning)
    return { rule: 'R-ATT-3', kind: 'returning', clientId: f.returning.clientId, owner: f.returning.owner };
  if (f.cardAgent) return { rule: 'R-ATT-2', kind: 'card', agent: f.cardAgent };
  if (f.leaderReferral) return { rule: 'R-ATT-5', kind: 'leader' };
  return { rule: 'R-ATT-1', kind: 'rotation' };
}

/** What the front desk typed into 新客到访. */
export interface ArrivalRaw {
  name?: string | undefined;
  phone?: string | undefined;
  cardAgent?: string | undefined;
  leaderReferral?: boolean | string | undefined;
  note?: string | undefined;
}

export interface Arrival {
  name: string | null;
  phoneTyped: string | null;
  phone: string | null;
  cardAgent: string | null;
  leaderReferral: boolean;
  note: string | null;
}

const clean = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/\s+/g, ' ');
  return s ? s.slice(0, max) : null;
};

/**
 * Validates an arrival. Both name and phone are optional at the door, but a phone that is typed
 * must be a Chinese mobile or landline, and a named card holder must be an agent. All problems are
 * reported at once, with the values so the form comes back filled in.
 */
export function parseArrival(raw: ArrivalRaw, isAgent: (openId: string) => boolean): Arrival {
  const fields: ConstructorParameters<typeof FormError>[0] = {};
  const name = clean(raw.name, 100);
  const phoneTyped = clean(raw.phone, 40);
  let phone: string | null = null;
  if (phoneTyped) {
    const p = normalizePhone(phoneTyped);
    if (p.ok) phone = p.value;
    else fields.phone = { key: 'reception.bad_phone', params: { value: phoneTyped } };
  }
  const cardAgent = clean(raw.cardAgent, 64);
  if (cardAgent && !isAgent(cardAgent)) fields.card_agent = { key: 'reception.card_not_agent' };
  const leaderReferral = raw.leaderReferral === true || raw.leaderReferral === 'yes' || raw.leaderReferral === 'true';
  const note = clean(raw.note, 500);
  if (Object.keys(fields).length)
    throw new FormError(fields, {
      name,
      phone: phoneTyped,
      card_agent: cardAgent,
      leader: leaderReferral ? 'yes' : 'no',
      note,
    });
  return { name, phoneTyped, phone, cardAgent, leaderReferral, note };
}

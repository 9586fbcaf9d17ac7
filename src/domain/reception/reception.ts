import type { CardJson } from '../shared/outbox.js';
import type { Dispute } from './dispute.js';
import type { OwnershipHistoryView } from './ownership-history.query.js';
import type { Offer, WalkIn } from '../rotation/rotation.js';

/**
 * What a card needs to show one walk-in: the walk-in, every offer made for it, and display names.
 * The domain decides who is told and when; the bot layer renders (ReceptionCards), so the domain
 * imports no card code and jobs (the offer sweeper) can notify without a bot context.
 */
export interface WalkInView {
  walkIn: WalkIn;
  offers: Offer[];
  names: Record<string, string>;
  clientName: string | null;
  /** The client's registration number once registered: the number staff know the client by. */
  clientRegNo?: string | null;
  timeoutSeconds: number;
}

export interface DisputeView {
  dispute: Dispute;
  clientName: string;
  clientRegNo?: string | null;
  names: Record<string, string>;
  /** How the owner got the client and every change since (R-AUD-2), for the manager's card. */
  history?: OwnershipHistoryView;
}

export interface ReceptionCards {
  /** To the agent at the pointer: 接待 / 忙碌跳过. */
  offer(v: WalkInView, offer: Offer): CardJson;
  /** Replaces an offer card once it is no longer open (accepted, passed, timed out, withdrawn). */
  offerClosed(v: WalkInView, offer: Offer): CardJson;
  /** To the agent who accepted: register the visitor, or 接待完成. */
  accepted(v: WalkInView): CardJson;
  /** To the agent a walk-in went to directly (business card R-ATT-2, returning client R-ATT-3). */
  direct(v: WalkInView): CardJson;
  /** The front desk's live card for one walk-in, patched as the offer moves. */
  desk(v: WalkInView): CardJson;
  dispute(v: DisputeView): CardJson;
  disputeDecided(v: DisputeView): CardJson;
  assigned(v: { clientName: string; agentName: string; byName: string; reason: string }): CardJson;
}

export const deskCardKey = (walkInId: number) => `walkin:${walkInId}:desk`;
export const offerCardKey = (offerId: number) => `offer:${offerId}`;
export const disputeCardKey = (disputeId: number, managerOpenId: string) => `dispute:${disputeId}:${managerOpenId}`;

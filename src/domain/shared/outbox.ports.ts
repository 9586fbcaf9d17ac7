import type { CardJson, DeadLetter, OutboundMessage } from './outbox.js';

/** What a transaction writes to the outbox: messages and card patches, sent by the relay after the commit. */
export interface Outbox {
  send(message: OutboundMessage): Promise<void>;
  /** Replace a card sent earlier under `cardKey`; delivered after that card, in order. */
  patchCard(cardKey: string, card: CardJson): Promise<void>;
  /** Replace the card of a known message (one a user clicked), in order with other patches of it. */
  patchMessage(messageId: string, card: CardJson): Promise<void>;
}

/** The admin's view of the outbox: what could not be delivered, and a resend with the original uuid. */
export interface DeadLetters {
  listDead(limit?: number): Promise<DeadLetter[]>;
  countDead(): Promise<number>;
  resend(id: number, now: Date): Promise<boolean>;
}

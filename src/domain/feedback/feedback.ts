import type { IsoDate } from '../shared/zoned-time.js';
import type { CardJson } from '../shared/outbox.js';

/** R-FB-1: a tenant's complaint or suggestion, owned by the client's agent until closed with what was done. */
export const FEEDBACK_KINDS = ['complaint', 'suggestion'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type FeedbackStatus = 'open' | 'closed';

export interface Feedback {
  id: number;
  clientId: number;
  kind: FeedbackKind;
  content: string;
  /** The client's agent; a pool client's feedback goes to a manager. */
  ownerOpenId: string | null;
  loggedBy: string;
  loggedAt: Date;
  dueDate: IsoDate;
  status: FeedbackStatus;
  resolution: string | null;
  closedBy: string | null;
  closedAt: Date | null;
}

export type NewFeedback = Pick<
  Feedback,
  'clientId' | 'kind' | 'content' | 'ownerOpenId' | 'loggedBy' | 'loggedAt' | 'dueDate'
>;

export interface OpenFeedback extends Feedback {
  clientName: string;
}

export interface FeedbackView {
  feedback: Feedback;
  clientName: string;
  ownerName: string | null;
  loggedByName: string;
  closedByName: string | null;
}

/** Card rendering is the bot's job. */
export interface FeedbackCards {
  /** To the owner: what the tenant said, the due date and 处理完毕. */
  assigned(view: FeedbackView): CardJson;
  /** To whoever logged it (when someone else closes it): what was done. */
  closed(view: FeedbackView): CardJson;
}

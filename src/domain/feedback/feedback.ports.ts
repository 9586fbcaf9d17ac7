import type { Feedback, NewFeedback, OpenFeedback } from './feedback.js';

export interface FeedbackRepository {
  add(f: NewFeedback): Promise<Feedback>;
  get(id: number): Promise<Feedback | undefined>;
  /** `WHERE status = 'open'`: closed once, by whoever presses first. */
  close(id: number, by: string, resolution: string, at: Date): Promise<boolean>;
  /** Open items, oldest due first (the manager's plan, an agent's list). */
  listOpen(f: { ownerOpenId?: string; limit: number }): Promise<OpenFeedback[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    feedback: FeedbackRepository;
  }
}

/** What the bot needs of the inbox; the persistence layer's InboxStore implements it. */
export interface InboxPort {
  insertOnce(
    e: { eventId: string; messageId: string | undefined; eventType: string; payload: string },
    now: Date,
    leaseMs: number,
  ): Promise<number | undefined>;
  markDone(id: number, now: Date): Promise<void>;
  markFailed(id: number, error: string, now: Date, retryInMs: number, maxAttempts: number): Promise<void>;
  claimStale(
    now: Date,
    leaseMs: number,
    limit?: number,
  ): Promise<Array<{ id: number; event_id: string; event_type: string; payload: string; attempts: number }>>;
  prune(before: Date): Promise<number>;
  /**
   * Takes back rows this instance acknowledged but could not queue (overload): renews their lease if it
   * has not run out (so no other instance can have re-dispatched them) and returns them.
   */
  reclaim(ids: number[], now: Date, leaseMs: number): Promise<Array<{ id: number; payload: string }>>;
}

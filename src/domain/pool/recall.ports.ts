/** R-POOL-1: a manager's lock keeps a client from being recalled to the pool. */
export interface RecallLockRepository {
  /** False when it was locked already. */
  lock(clientId: number, by: string, at: Date): Promise<boolean>;
  /** False when it was not locked. */
  unlock(clientId: number): Promise<boolean>;
  lockedAmong(clientIds: number[]): Promise<Set<number>>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    recallLocks: RecallLockRepository;
  }
}

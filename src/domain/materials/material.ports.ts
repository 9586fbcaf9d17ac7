import type { Material } from './material.js';

export interface MaterialRepository {
  create(
    m: Pick<Material, 'title' | 'kind' | 'body' | 'status' | 'createdBy' | 'approvedBy' | 'approvedAt'>,
    now: Date,
  ): Promise<Material>;
  get(id: number): Promise<Material | undefined>;
  list(filter: { approvedOnly: boolean; limit: number }): Promise<Material[]>;
  /** Conditional `WHERE status = 'draft'`: approving twice changes nothing. */
  approve(id: number, by: string, at: Date): Promise<boolean>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    materials: MaterialRepository;
  }
}

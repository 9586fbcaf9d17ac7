import type { EntityManager } from 'typeorm';
import type { Tx } from '../domain/shared/tx.js';
import type { OutboxRow } from './entities/outbox.entities.js';

export interface TxHooks {
  now: () => Date;
  /** An outbox row was written in this transaction; the unit of work hands it to the relay after commit. */
  outboxWritten: (row: OutboxRow) => void;
  /**
   * Set while this instance's relay runs: rows are written already claimed by it (status sending, this
   * lease), so after the commit it sends them without a claim round trip; a crash leaves them to the lease.
   */
  outboxLeaseMs?: number | undefined;
}

/** Binds every repository to one transaction's EntityManager. */
export type TxBuilder = (em: EntityManager, hooks: TxHooks) => Tx;

/** One feature's repositories, bound to one transaction (see its feature module in src/features/). */
export type RepositoryBuilder = (em: EntityManager, hooks: TxHooks) => Partial<Tx>;

/**
 * The transaction of every feature: each feature's repositories, side by side. That every field of `Tx` is
 * built is checked by the compiler in src/features/index.ts.
 */
export function combineRepositories(builders: readonly RepositoryBuilder[]): TxBuilder {
  return (em, hooks) => {
    const tx: Partial<Tx> = {};
    for (const build of builders) Object.assign(tx, build(em, hooks));
    return tx as Tx;
  };
}

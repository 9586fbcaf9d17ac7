import type { Clock } from '../domain/shared/clock.js';
import type { Tx, UnitOfWork } from '../domain/shared/tx.js';
import type { Database } from './database.js';
import type { OutboxRow } from './entities/outbox.entities.js';
import { isRetryableTxError } from './json.js';
import { InboxStore } from './repositories/inbox-store.js';
import { schemaOf } from './data-source.js';
import type { TxBuilder } from './tx-factory.js';

const MAX_TRIES = 4;

/**
 * One transaction per user action. On SQLite (one writer) transactions are queued in-process; on
 * MySQL a deadlock or lock timeout re-runs the whole unit of work. Once the data is durable, the outbox
 * rows a transaction wrote are handed to the relay, which sends them at once instead of at its next poll.
 */
export class TypeOrmUnitOfWork implements UnitOfWork {
  outboxCommitted: (rows: OutboxRow[]) => void = () => undefined;
  /** The lease under which new rows are written already claimed by the running relay (none: written pending). */
  outboxLease: () => number | undefined = () => undefined;

  /** The repositories of every feature, as the schema the database was opened for builds them. */
  private readonly buildTx: TxBuilder;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.buildTx = schemaOf(db.ds).buildTx;
  }

  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    // Nothing written here may matter: no outbox rows are handed on, no lease is given.
    return this.db.exclusive(() =>
      work(this.buildTx(this.db.ds.manager, { now: () => this.clock.now(), outboxWritten: () => undefined })),
    );
  }

  /** `inboxId`: the inbox row this action answers, marked done in the same transaction. */
  async run<T>(work: (tx: Tx) => Promise<T>, inboxId?: number): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const written: OutboxRow[] = [];
      try {
        const once = () =>
          this.db.ds.transaction(async (em) => {
            const result = await work(
              this.buildTx(em, {
                now: () => this.clock.now(),
                outboxWritten: (row) => written.push(row),
                outboxLeaseMs: this.outboxLease(),
              }),
            );
            if (inboxId !== undefined) await InboxStore.markDoneIn(em, inboxId, this.clock.now());
            return result;
          });
        const result = await this.db.exclusive(once);
        if (written.length) this.outboxCommitted(written);
        return result;
      } catch (err) {
        if (attempt < MAX_TRIES && isRetryableTxError(err)) {
          await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
          continue;
        }
        throw err;
      }
    }
  }
}

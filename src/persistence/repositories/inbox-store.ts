import type { EntityManager } from 'typeorm';
import type { Database } from '../database.js';
import { InboxEntity, type InboxRow } from '../entities/inbox.entities.js';
import { isDuplicateKey } from '../json.js';

export interface InboxInsert {
  eventId: string;
  messageId: string | undefined;
  eventType: string;
  payload: string;
}

export type InboxRecord = Pick<InboxRow, 'id' | 'event_id' | 'event_type' | 'payload' | 'attempts'>;

/**
 * The transactional inbox: a verified event is stored (unique by event_id, and by message_id for
 * messages) before Feishu gets its 200, then processed. A redelivery hits the unique key and is
 * acknowledged without being processed again. Rows are leased while processed, so a crash leaves
 * them to be re-dispatched.
 */
export class InboxStore {
  constructor(private readonly db: Database) {}

  /** Returns the new row id, or undefined for a redelivery. */
  insertOnce(e: InboxInsert, now: Date, leaseMs: number): Promise<number | undefined> {
    return this.db.exclusive(async () => {
      try {
        const res = await this.db.ds.getRepository(InboxEntity).insert({
          event_id: e.eventId.slice(0, 100),
          message_id: e.messageId?.slice(0, 100) ?? null,
          event_type: e.eventType.slice(0, 64),
          payload: e.payload,
          status: 'processing',
          attempts: 0,
          received_at: now,
          lease_until: new Date(now.getTime() + leaseMs),
          processed_at: null,
          last_error: null,
        });
        return Number(res.identifiers[0]?.id);
      } catch (err) {
        if (isDuplicateKey(err)) return undefined;
        throw err;
      }
    });
  }

  /** Inside a handler's own transaction, so the row is done exactly when the handler's writes commit. */
  static async markDoneIn(em: EntityManager, id: number, now: Date): Promise<void> {
    await em
      .getRepository(InboxEntity)
      .update({ id, status: 'processing' }, { status: 'done', processed_at: now, lease_until: null });
  }

  markDone(id: number, now: Date): Promise<void> {
    return this.db.exclusive(() => InboxStore.markDoneIn(this.db.ds.manager, id, now));
  }

  /** A failed row keeps its lease-expiry schedule for another try, up to `maxAttempts`. */
  markFailed(id: number, error: string, now: Date, retryInMs: number, maxAttempts: number): Promise<void> {
    return this.db.exclusive(async () => {
      const repo = this.db.ds.getRepository(InboxEntity);
      const row = await repo.findOneBy({ id });
      if (row?.status !== 'processing') return;
      const attempts = row.attempts + 1;
      await repo.update(
        { id },
        attempts >= maxAttempts
          ? { status: 'failed', attempts, last_error: error.slice(0, 2000), lease_until: null, processed_at: now }
          : { attempts, last_error: error.slice(0, 2000), lease_until: new Date(now.getTime() + retryInMs) },
      );
    });
  }

  /** Rows whose lease ran out (a crash or a failure), each re-claimed with a conditional update. */
  claimStale(now: Date, leaseMs: number, limit = 50): Promise<InboxRecord[]> {
    return this.db.exclusive(async () => {
      const repo = this.db.ds.getRepository(InboxEntity);
      const rows = await repo
        .createQueryBuilder('i')
        .where('i.status = :st AND i.lease_until < :now', { st: 'processing', now })
        .orderBy('i.id', 'ASC')
        .take(limit)
        .getMany();
      const claimed: InboxRecord[] = [];
      for (const r of rows) {
        const res = await repo
          .createQueryBuilder()
          .update()
          .set({ lease_until: new Date(now.getTime() + leaseMs) })
          .where('id = :id AND status = :st AND lease_until = :lease', {
            id: r.id,
            st: 'processing',
            lease: r.lease_until,
          })
          .execute();
        if (res.affected === 1) claimed.push(r);
      }
      return claimed;
    });
  }

  reclaim(ids: number[], now: Date, leaseMs: number): Promise<Array<{ id: number; payload: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.exclusive(async () => {
      const repo = this.db.ds.getRepository(InboxEntity);
      const lease = new Date(now.getTime() + leaseMs);
      await repo
        .createQueryBuilder()
        .update()
        .set({ lease_until: lease })
        .where('id IN (:...ids) AND status = :st AND lease_until > :now', { ids, st: 'processing', now })
        .execute();
      return repo
        .createQueryBuilder('i')
        .select(['i.id', 'i.payload'])
        .where('i.id IN (:...ids) AND i.status = :st AND i.lease_until = :lease', { ids, st: 'processing', lease })
        .orderBy('i.id', 'ASC')
        .getMany();
    });
  }

  /** Done rows older than Feishu's retry window (about 7.1 h) can go. */
  prune(before: Date): Promise<number> {
    return this.db.exclusive(async () => {
      const res = await this.db.ds
        .getRepository(InboxEntity)
        .createQueryBuilder()
        .delete()
        .where('status IN (:...st) AND received_at < :before', { st: ['done', 'failed'], before })
        .execute();
      return res.affected ?? 0;
    });
  }

  status(eventId: string): Promise<InboxRow | null> {
    return this.db.exclusive(() => this.db.ds.getRepository(InboxEntity).findOneBy({ event_id: eventId }));
  }
}

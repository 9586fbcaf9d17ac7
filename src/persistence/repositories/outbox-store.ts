import { CardMessageEntity, OutboxEntity, type OutboxRow } from '../entities/backbone.entities.js';
import type { Database } from '../database.js';
import { isDuplicateKey } from '../json.js';

export type OutboxItem = OutboxRow;

/**
 * The relay's side of the outbox. Claims use a conditional update (status pending → sending, with a
 * lease), which serialises several relays on MySQL and SQLite alike: a row is sent by one relay only.
 */
export class OutboxStore {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.ds.getRepository(OutboxEntity);
  }

  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxItem[]> {
    return this.db.exclusive(async () => {
      const candidates = await this.repo
        .createQueryBuilder('o')
        .where('(o.status = :pending AND o.next_attempt_at <= :now) OR (o.status = :sending AND o.lease_until < :now)', {
          pending: 'pending',
          sending: 'sending',
          now,
        })
        .orderBy('o.id', 'ASC')
        .take(limit)
        .getMany();
      const claimed: OutboxItem[] = [];
      const leaseUntil = new Date(now.getTime() + leaseMs);
      for (const row of candidates) {
        const res = await this.repo
          .createQueryBuilder()
          .update()
          .set({ status: 'sending', lease_until: leaseUntil })
          .where('id = :id AND status = :status AND attempts = :attempts', { id: row.id, status: row.status, attempts: row.attempts })
          .execute();
        if (res.affected === 1) claimed.push({ ...row, status: 'sending', lease_until: leaseUntil });
      }
      return claimed;
    });
  }

  markSent(item: OutboxItem, messageId: string, now: Date): Promise<void> {
    return this.db.exclusive(() =>
      this.db.ds.transaction(async (em) => {
        await em
          .getRepository(OutboxEntity)
          .update({ id: item.id }, { status: 'sent', message_id: messageId || null, sent_at: now, lease_until: null, attempts: item.attempts + 1 });
        if (item.kind !== 'send' || !item.card_key || !messageId) return;
        try {
          await em.getRepository(CardMessageEntity).insert({ card_key: item.card_key, message_id: messageId, created_at: now });
        } catch (err) {
          // The same key sent again (a re-offer): the newest card is the one to patch.
          if (!isDuplicateKey(err)) throw err;
          await em.getRepository(CardMessageEntity).update({ card_key: item.card_key }, { message_id: messageId });
        }
      }),
    );
  }

  reschedule(item: OutboxItem, at: Date, error: string, countAttempt: boolean): Promise<void> {
    return this.db.exclusive(async () => {
      await this.repo.update(
        { id: item.id },
        { status: 'pending', next_attempt_at: at, lease_until: null, last_error: error.slice(0, 2000), attempts: item.attempts + (countAttempt ? 1 : 0) },
      );
    });
  }

  markDead(item: OutboxItem, error: string): Promise<void> {
    return this.db.exclusive(async () => {
      await this.repo.update({ id: item.id }, { status: 'dead', lease_until: null, last_error: error.slice(0, 2000), attempts: item.attempts + 1 });
    });
  }

  messageIdFor(cardKey: string): Promise<string | undefined> {
    return this.db.exclusive(async () => (await this.db.ds.getRepository(CardMessageEntity).findOneBy({ card_key: cardKey }))?.message_id);
  }

  /** True while a card under this key is still waiting to be sent (its patches must wait too). */
  hasUnsentCard(cardKey: string): Promise<boolean> {
    return this.db.exclusive(async () => {
      const n = await this.repo
        .createQueryBuilder('o')
        .where('o.card_key = :k AND o.kind = :kind AND o.status IN (:...st)', { k: cardKey, kind: 'send', st: ['pending', 'sending'] })
        .getCount();
      return n > 0;
    });
  }

  listDead(limit = 50): Promise<OutboxItem[]> {
    return this.db.exclusive(() => this.repo.find({ where: { status: 'dead' }, order: { id: 'DESC' }, take: limit }));
  }

  resend(id: number, now: Date): Promise<boolean> {
    return this.db.exclusive(async () => {
      const res = await this.repo
        .createQueryBuilder()
        .update()
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null })
        .where('id = :id AND status = :dead', { id, dead: 'dead' })
        .execute();
      return res.affected === 1;
    });
  }
}

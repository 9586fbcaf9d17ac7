import type { DeadLetters } from '../../domain/shared/outbox.ports.js';
import { CardMessageEntity, OutboxEntity, type OutboxRow } from '../entities/outbox.entities.js';
import type { Database } from '../database.js';
import { isDuplicateKey } from '../json.js';

export type OutboxItem = OutboxRow;

/**
 * The relay's side of the outbox. Claims use a conditional update (status pending → sending, with a
 * lease), which serialises several relays on MySQL and SQLite alike: a row is sent by one relay only.
 */
export class OutboxStore implements DeadLetters {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.ds.getRepository(OutboxEntity);
  }

  /**
   * Claims up to `limit` due rows, oldest first, with at most `perKeyCap` rows per recipient (or per
   * card, for patches) so one busy recipient cannot fill a batch that then waits on its 5/s limit
   * while everyone else waits too. A recipient with an earlier row waiting for a retry is skipped
   * altogether, so a later message never overtakes it; `accept` lets the relay skip recipients it
   * already holds enough rows for. Each row is claimed by a conditional update that re-checks the
   * row is still claimable (pending and due, or its lease ran out), so of two relays exactly one wins.
   */
  claimDue(
    now: Date,
    limit: number,
    leaseMs: number,
    perKeyCap = Number.POSITIVE_INFINITY,
    accept: (key: string) => boolean = () => true,
  ): Promise<OutboxItem[]> {
    return this.db.exclusive(async () => {
      const waiting = await this.firstWaitingByKey(now);
      const picked: OutboxRow[] = [];
      const perKey = new Map<string, number>();
      const take = (rows: OutboxRow[]) => {
        for (const row of rows) {
          const key = outboxKey(row);
          const n = perKey.get(key) ?? 0;
          const before = waiting.get(key);
          if (picked.length >= limit || n >= perKeyCap || (before !== undefined && before < row.id) || !accept(key))
            continue;
          perKey.set(key, n + 1);
          picked.push(row);
        }
      };
      // Leases that ran out first (a relay died holding them): they are the oldest messages.
      take(
        await this.repo
          .createQueryBuilder('o')
          .where('o.status = :sending AND o.lease_until < :now', { sending: 'sending', now })
          .orderBy('o.id', 'ASC')
          .take(limit)
          .getMany(),
      );
      let afterId = 0;
      // A few pages at most: a backlog for one recipient must not make a claim scan the whole backlog.
      for (let page = 0; page < 4 && picked.length < limit; page++) {
        const rows = await this.repo
          .createQueryBuilder('o')
          .where('o.status = :pending AND o.next_attempt_at <= :now AND o.id > :afterId', {
            pending: 'pending',
            now,
            afterId,
          })
          .orderBy('o.id', 'ASC')
          .take(limit * 2)
          .getMany();
        take(rows);
        if (rows.length < limit * 2) break;
        afterId = rows[rows.length - 1]!.id;
      }
      picked.sort((a, b) => a.id - b.id);
      const claimed: OutboxItem[] = [];
      const leaseUntil = new Date(now.getTime() + leaseMs);
      for (const row of picked) {
        const res = await this.repo
          .createQueryBuilder()
          .update()
          .set({ status: 'sending', lease_until: leaseUntil })
          // The lease is part of the condition: two relays reclaiming one expired row cannot both match.
          .where(
            'id = :id AND ((status = :pending AND next_attempt_at <= :now) OR (status = :sending AND lease_until < :now))',
            {
              id: row.id,
              pending: 'pending',
              sending: 'sending',
              now,
            },
          )
          .execute();
        if (res.affected === 1) claimed.push({ ...row, status: 'sending', lease_until: leaseUntil });
      }
      return claimed;
    });
  }

  /** The first row per recipient (or card) that waits for a later try: nothing behind it may go first. */
  private async firstWaitingByKey(now: Date): Promise<Map<string, number>> {
    const rows: Array<
      Pick<OutboxRow, 'kind' | 'receive_id_type' | 'receive_id' | 'card_key'> & { first: number | string }
    > = await this.repo
      .createQueryBuilder('o')
      .select([
        'o.kind AS kind',
        'o.receive_id_type AS receive_id_type',
        'o.receive_id AS receive_id',
        'o.card_key AS card_key',
        'MIN(o.id) AS first',
      ])
      .where('o.status = :pending AND o.next_attempt_at > :now', { pending: 'pending', now })
      .groupBy('o.kind')
      .addGroupBy('o.receive_id_type')
      .addGroupBy('o.receive_id')
      .addGroupBy('o.card_key')
      .getRawMany();
    const map = new Map<string, number>();
    for (const r of rows) {
      const key = outboxKey(r);
      map.set(key, Math.min(map.get(key) ?? Number.POSITIVE_INFINITY, Number(r.first)));
    }
    return map;
  }

  markSent(item: OutboxItem, messageId: string, now: Date): Promise<void> {
    const sent = {
      status: 'sent' as const,
      message_id: messageId || null,
      sent_at: now,
      lease_until: null,
      attempts: item.attempts + 1,
    };
    // Most rows (replies, notices) are one UPDATE: no transaction round trips for them.
    if (item.kind !== 'send' || !item.card_key || !messageId) {
      return this.db.exclusive(async () => {
        await this.repo.update({ id: item.id, status: 'sending' }, sent);
      });
    }
    return this.db.exclusive(() =>
      this.db.ds.transaction(async (em) => {
        await em.getRepository(OutboxEntity).update({ id: item.id, status: 'sending' }, sent);
        try {
          await em
            .getRepository(CardMessageEntity)
            .insert({ card_key: item.card_key!, message_id: messageId, created_at: now });
        } catch (err) {
          // The same key sent again (a re-offer): the newest card is the one to patch.
          if (!isDuplicateKey(err)) throw err;
          await em.getRepository(CardMessageEntity).update({ card_key: item.card_key! }, { message_id: messageId });
        }
      }),
    );
  }

  reschedule(item: OutboxItem, at: Date, error: string, countAttempt: boolean): Promise<void> {
    return this.db.exclusive(async () => {
      await this.repo.update(
        { id: item.id, status: 'sending' },
        {
          status: 'pending',
          next_attempt_at: at,
          lease_until: null,
          last_error: error.slice(0, 2000),
          attempts: item.attempts + (countAttempt ? 1 : 0),
        },
      );
    });
  }

  markDead(item: OutboxItem, error: string): Promise<void> {
    return this.db.exclusive(async () => {
      await this.repo.update(
        { id: item.id, status: 'sending' },
        { status: 'dead', lease_until: null, last_error: error.slice(0, 2000), attempts: item.attempts + 1 },
      );
    });
  }

  messageIdFor(cardKey: string): Promise<string | undefined> {
    return this.db.exclusive(
      async () => (await this.db.ds.getRepository(CardMessageEntity).findOneBy({ card_key: cardKey }))?.message_id,
    );
  }

  /**
   * True while an earlier row under this card key (the card itself, or an earlier patch) is not yet
   * out: a patch waits for it, so patches land on the right card and in the order they were written.
   */
  hasEarlierUnsent(cardKey: string, id: number): Promise<boolean> {
    return this.db.exclusive(async () => {
      const n = await this.repo
        .createQueryBuilder('o')
        .where('o.card_key = :k AND o.id < :id AND o.status IN (:...st)', {
          k: cardKey,
          id,
          st: ['pending', 'sending'],
        })
        .getCount();
      return n > 0;
    });
  }

  /** True while a card under this key is still waiting to be sent (its patches must wait too). */
  hasUnsentCard(cardKey: string): Promise<boolean> {
    return this.db.exclusive(async () => {
      const n = await this.repo
        .createQueryBuilder('o')
        .where('o.card_key = :k AND o.kind = :kind AND o.status IN (:...st)', {
          k: cardKey,
          kind: 'send',
          st: ['pending', 'sending'],
        })
        .getCount();
      return n > 0;
    });
  }

  countDead(): Promise<number> {
    return this.db.exclusive(() => this.repo.countBy({ status: 'dead' }));
  }

  listDead(limit = 50): Promise<OutboxItem[]> {
    return this.db.exclusive(() => this.repo.find({ where: { status: 'dead' }, order: { id: 'DESC' }, take: limit }));
  }

  resend(id: number, now: Date): Promise<boolean> {
    return this.db.exclusive(async () => {
      const res = await this.repo
        .createQueryBuilder()
        .update()
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null, last_error: null })
        .where('id = :id AND status = :dead', { id, dead: 'dead' })
        .execute();
      return res.affected === 1;
    });
  }
}

/** The unit of ordering and of Feishu's per-target limit: a recipient for sends, a card for patches. */
export function outboxKey(row: Pick<OutboxRow, 'kind' | 'receive_id_type' | 'receive_id' | 'card_key'>): string {
  return row.kind === 'patch' ? `card:${row.card_key}` : `${row.receive_id_type}:${row.receive_id}`;
}

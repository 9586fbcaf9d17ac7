import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CardJson, Outbox, OutboundMessage } from '../../domain/shared/outbox.js';
import { OutboxEntity, type OutboxRow } from '../entities/backbone.entities.js';
import { isDuplicateKey } from '../json.js';

/** The in-transaction side of the outbox: rows commit or roll back with the change that caused them. */
export class TypeOrmOutboxWriter implements Outbox {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly onCommit: (hook: () => void) => void,
    private readonly kick: () => void,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const to = 'openId' in message.to ? { t: 'open_id' as const, id: message.to.openId } : { t: 'chat_id' as const, id: message.to.chatId };
    const isCard = message.card !== undefined;
    await this.insert({
      kind: 'send',
      dedupe_key: message.dedupeKey ?? null,
      receive_id_type: to.t,
      receive_id: to.id,
      card_key: message.cardKey ?? null,
      msg_type: isCard ? 'interactive' : 'text',
      content: isCard ? JSON.stringify(message.card) : JSON.stringify({ text: message.text ?? '' }),
    });
  }

  async patchCard(cardKey: string, card: CardJson): Promise<void> {
    await this.insert({
      kind: 'patch',
      dedupe_key: null,
      receive_id_type: null,
      receive_id: null,
      card_key: cardKey,
      msg_type: 'interactive',
      content: JSON.stringify(card),
    });
  }

  private async insert(row: Pick<OutboxRow, 'kind' | 'dedupe_key' | 'receive_id_type' | 'receive_id' | 'card_key' | 'msg_type' | 'content'>): Promise<void> {
    const now = this.now();
    try {
      await this.em.getRepository(OutboxEntity).insert({
        ...row,
        uuid: randomUUID(),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        message_id: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      });
    } catch (err) {
      // A dedupe key already written means this notice went out before: nothing to do.
      if (row.dedupe_key && isDuplicateKey(err)) return;
      throw err;
    }
    this.onCommit(this.kick);
  }
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { messageCardKey, type CardJson, type OutboundMessage } from '../../domain/shared/outbox.js';
import type { Outbox } from '../../domain/shared/outbox.ports.js';
import { OutboxEntity, type OutboxRow } from '../entities/outbox.entities.js';
import { isDuplicateKey } from '../json.js';

type NewRow = Pick<
  OutboxRow,
  'kind' | 'dedupe_key' | 'receive_id_type' | 'receive_id' | 'card_key' | 'reply_to' | 'msg_type' | 'content'
>;

/**
 * The in-transaction side of the outbox: rows commit or roll back with the change that caused them.
 * The unit of work hands the rows it wrote to the relay once the transaction commits, so a reply does
 * not wait for the relay's next poll.
 */
export class TypeOrmOutboxWriter implements Outbox {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly onWritten: (row: OutboxRow) => void,
    private readonly leaseMs: number | undefined = undefined,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const to =
      'openId' in message.to
        ? { t: 'open_id' as const, id: message.to.openId }
        : { t: 'chat_id' as const, id: message.to.chatId };
    await this.insert({
      kind: 'send',
      dedupe_key: message.dedupeKey ?? null,
      receive_id_type: to.t,
      receive_id: to.id,
      card_key: message.cardKey ?? null,
      reply_to: message.replyTo ?? null,
      ...body(message),
    });
  }

  async patchCard(cardKey: string, card: CardJson): Promise<void> {
    await this.insert({
      kind: 'patch',
      dedupe_key: null,
      receive_id_type: null,
      receive_id: null,
      card_key: cardKey,
      reply_to: null,
      msg_type: 'interactive',
      content: JSON.stringify(card),
    });
  }

  patchMessage(messageId: string, card: CardJson): Promise<void> {
    return this.patchCard(messageCardKey(messageId), card);
  }

  private async insert(row: NewRow): Promise<void> {
    const now = this.now();
    const full: Omit<OutboxRow, 'id'> = {
      ...row,
      uuid: randomUUID(),
      status: this.leaseMs ? 'sending' : 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: this.leaseMs ? new Date(now.getTime() + this.leaseMs) : null,
      message_id: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    };
    let id: number;
    try {
      const res = await this.em.getRepository(OutboxEntity).insert(full);
      id = Number(res.identifiers[0]?.id);
    } catch (err) {
      // A dedupe key already written means this notice went out before: nothing to do.
      if (row.dedupe_key && isDuplicateKey(err)) return;
      throw err;
    }
    this.onWritten({ ...full, id });
  }
}

function body(m: OutboundMessage): Pick<OutboxRow, 'msg_type' | 'content'> {
  if (m.card !== undefined) return { msg_type: 'interactive', content: JSON.stringify(m.card) };
  if (m.fileKey !== undefined) return { msg_type: 'file', content: JSON.stringify({ file_key: m.fileKey }) };
  return { msg_type: 'text', content: JSON.stringify({ text: m.text ?? '' }) };
}

import { createHash } from 'node:crypto';
import type { AppConfig } from '../config.js';
import type { Member } from '../domain/members/roles.js';
import type { Clock } from '../domain/shared/clock.js';
import type { CardJson } from '../domain/shared/outbox.js';
import type { Tx, UnitOfWork } from '../domain/shared/tx.js';
import { t, type Params } from '../i18n/index.js';
import type { LarkApi } from '../lark/lark-api.js';
import type { Logger } from '../shared/logger.js';
import type { Update } from './update.js';

export type ToastType = 'info' | 'success' | 'error' | 'warning';

/** What a card callback answers with, inside Feishu's 3 seconds. */
export interface CardResponse {
  toast?: { type: ToastType; content: string; i18n?: Record<string, string> };
  card?: { type: 'raw'; data: CardJson };
}

export interface BotDeps {
  config: AppConfig;
  clock: Clock;
  log: Logger;
  lark: LarkApi;
  uow: UnitOfWork & { run<T>(work: (tx: Tx) => Promise<T>, inboxId?: number): Promise<T> };
  /** The bot's own open_id, once known, to tell an @-mention of the bot from others. */
  botOpenId: () => string | undefined;
}

/**
 * Per-update capabilities, Bolt-style: reply and replyCard answer where the update came from;
 * updateCard and toast shape a card callback's synchronous response.
 */
export class BotContext {
  readonly state: Record<string, unknown> = {};
  member: Member | undefined;
  match: RegExpExecArray | undefined;
  /** For a message: its text; set to a menu command when a menu button runs a command. */
  commandText: string;
  readonly response: CardResponse = {};
  /** True once a transaction committed with the inbox row marked done: the dispatcher need not mark it again. */
  eventDone = false;
  private replies = 0;

  constructor(
    readonly update: Update,
    readonly deps: BotDeps,
    readonly log: Logger,
    private readonly inboxId: number | undefined,
  ) {
    this.commandText = update.kind === 'message' ? update.text : '';
  }

  get senderOpenId(): string {
    const u = this.update;
    return u.kind === 'message' ? u.senderOpenId : u.kind === 'card' ? u.operatorOpenId : '';
  }

  get chatId(): string | undefined {
    const u = this.update;
    return u.kind === 'message' ? u.chatId : u.kind === 'card' ? u.chatId : undefined;
  }

  get isGroup(): boolean {
    return this.update.kind === 'message' && this.update.chatType === 'group';
  }

  now(): Date {
    return this.deps.clock.now();
  }

  t(key: string, params?: Params): string {
    return t(key, params);
  }

  /** One transaction for this user action; the inbox row is marked done in it, so a crash re-runs nothing committed. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.deps.uow.run(work, this.inboxId).then((result) => {
      this.eventDone = this.inboxId !== undefined;
      return result;
    });
  }

  async reply(text: string): Promise<void> {
    await this.send('text', JSON.stringify({ text }));
  }

  async replyCard(card: CardJson): Promise<void> {
    await this.send('interactive', JSON.stringify(card));
  }

  /** In a card callback: the clicked card is replaced by this one (JSON 2.0 answered with 2.0). */
  updateCard(card: CardJson): void {
    this.response.card = { type: 'raw', data: card };
  }

  toast(type: ToastType, content: string): void {
    this.response.toast = { type, content };
  }

  /** Replies go straight out (not via the outbox); the uuid makes a re-dispatched event's reply a no-op. */
  private async send(msgType: 'text' | 'interactive', content: string): Promise<void> {
    const uuid = createHash('sha1').update(`${this.update.eventId}:${this.replies++}`).digest('hex').slice(0, 40);
    const u = this.update;
    if (u.kind === 'message') {
      await this.deps.lark.replyMessage(u.messageId, { msgType, content, uuid });
    } else if (u.kind === 'card' && u.chatId) {
      await this.deps.lark.sendMessage({ receiveIdType: 'chat_id', receiveId: u.chatId, msgType, content, uuid });
    } else if (this.senderOpenId) {
      await this.deps.lark.sendMessage({ receiveIdType: 'open_id', receiveId: this.senderOpenId, msgType, content, uuid });
    }
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppConfig } from '../config.js';
import type { Member } from '../domain/members/roles.js';
import type { Clock } from '../domain/shared/clock.js';
import type { CardJson, OutboundMessage } from '../domain/shared/outbox.js';
import type { Tx, UnitOfWork } from '../domain/shared/tx.js';
import { t, type MessageKey, type Params } from '../i18n/index.js';
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
  uow: UnitOfWork & {
    run<T>(work: (tx: Tx) => Promise<T>, inboxId?: number): Promise<T>;
    /**
     * Outside a transaction, for reads only (one statement, no BEGIN/COMMIT round trips): the lookup
     * every event makes (who is the sender?) needs no isolation beyond its single SELECT.
     */
    read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  };
  /** The bot's own open_id, once known, to tell an @-mention of the bot from others. */
  botOpenId: () => string | undefined;
}

/** The transaction a handler's `ctx.transaction` callback runs in: a reply made inside is written with it. */
const openTx = new AsyncLocalStorage<{ ctx: BotContext; tx: Tx }>();

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

  t(key: MessageKey, params?: Params): string {
    return t(key, params);
  }

  /** One transaction for this user action; the inbox row is marked done in it, so a crash re-runs nothing committed. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.deps.uow
      .run((tx) => openTx.run({ ctx: this, tx }, () => work(tx)), this.inboxId)
      .then((result) => {
        this.eventDone = this.inboxId !== undefined;
        return result;
      });
  }

  /**
   * Replies go through the outbox like every other message: paced, retried with one uuid, dead-lettered
   * visibly. Inside `ctx.transaction` the reply is written in that transaction (it commits with the
   * change it reports); outside, in one of its own that also marks the event done.
   */
  reply(text: string): Promise<void> {
    return this.post({ text });
  }

  replyCard(card: CardJson): Promise<void> {
    return this.post({ card });
  }

  /** A file uploaded beforehand (an export), sent where the update came from. */
  replyFile(fileKey: string): Promise<void> {
    return this.post({ fileKey });
  }

  /** In a card callback: the clicked card is replaced by this one (JSON 2.0 answered with 2.0). */
  updateCard(card: CardJson): void {
    this.response.card = { type: 'raw', data: card };
  }

  toast(type: ToastType, content: string): void {
    this.response.toast = { type, content };
  }

  private async post(body: Pick<OutboundMessage, 'text' | 'card' | 'fileKey'>): Promise<void> {
    const message = this.replyTo(body);
    if (!message) return;
    const open = openTx.getStore();
    if (open?.ctx === this) await open.tx.outbox.send(message);
    else await this.transaction((tx) => tx.outbox.send(message));
  }

  /**
   * A message is answered in its thread, a card callback in the chat of the card, anything else in
   * the sender's private chat. The dedupe key makes a re-dispatched event's replies no-ops.
   */
  private replyTo(body: Pick<OutboundMessage, 'text' | 'card' | 'fileKey'>): OutboundMessage | undefined {
    const u = this.update;
    const dedupeKey = `reply:${u.eventId}:${this.replies++}`;
    // A private chat is paced (and, if the message is gone, answered) as the person, like every notice to them.
    if (u.kind === 'message')
      return {
        to: u.chatType === 'p2p' ? { openId: u.senderOpenId } : { chatId: u.chatId },
        replyTo: u.messageId,
        dedupeKey,
        ...body,
      };
    if (u.kind === 'card' && u.chatId) return { to: { chatId: u.chatId }, dedupeKey, ...body };
    if (this.senderOpenId) return { to: { openId: this.senderOpenId }, dedupeKey, ...body };
    return undefined;
  }
}

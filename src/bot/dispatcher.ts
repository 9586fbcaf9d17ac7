import { t } from '../i18n/index.js';
import type { Settings } from '../config.js';
import type { V2Envelope } from './envelope.js';
import { BotContext, type BotDeps, type CardResponse } from './context.js';
import type { InboxPort } from './inbox.port.js';
import type { Router } from './router.js';
import { toUpdate } from './update.js';

const MAX_ATTEMPTS = 5;
const noop = () => undefined;
/**
 * Events processed at once. Unbounded, a burst would take every pooled connection and the CPU from
 * the acknowledgements (which must stay under Feishu's 3 s); the rest wait in memory.
 */
const PROCESS_CONCURRENCY = 8;
/** Past this many waiting, an event is left to its inbox lease: re-dispatched later, never lost. */
const MAX_WAITING = 5000;

/**
 * Runs the router for one stored event. Events are processed after Feishu has its 200; card
 * callbacks are answered synchronously within a budget under Feishu's 3 s — past the budget the
 * user gets a "处理中" toast and the card is patched when the work is done.
 */
export class Dispatcher {
  private readonly inFlight = new Set<Promise<unknown>>();
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Ids of acknowledged events not queued under overload, oldest first. */
  private overflow: Array<{ id: number; at: number }> = [];
  private refilling = false;
  private overflowLoggedAt = 0;
  /** The last event queued per chat: the next one for that chat starts after it. */
  private readonly conversations = new Map<string, Promise<void>>();

  constructor(
    private readonly router: Router,
    private readonly deps: BotDeps,
    private readonly inbox: InboxPort,
    private readonly settings: Settings['inbox'],
  ) {}

  /** Process in the background, a bounded number at a time; tracked so shutdown can wait for it. */
  enqueue(inboxId: number, env: V2Envelope): void {
    if (this.inFlight.size >= MAX_WAITING) {
      // Overload: the event is stored and acknowledged; keep only its id and take it back from the inbox
      // as soon as there is room, so processing stays at capacity instead of waiting for the lease.
      this.overflow.push({ id: inboxId, at: Date.now() });
      const now = Date.now();
      if (now - this.overflowLoggedAt >= 10_000) {
        this.deps.log.warn(
          { waiting: this.overflow.length, lastEventId: env.header.event_id },
          'more events than can be processed; the rest wait in the inbox',
        );
        this.overflowLoggedAt = now;
      }
      return;
    }
    // One conversation at a time per chat: a person's commands are answered in the order they were sent.
    const key = conversationKey(env);
    const before = this.conversations.get(key) ?? Promise.resolve();
    const p: Promise<void> = before
      .then(() => this.turn())
      .then(() => this.process(inboxId, env))
      .finally(() => {
        this.release();
        this.inFlight.delete(p);
        if (this.conversations.get(key) === p) this.conversations.delete(key);
      });
    this.conversations.set(key, p);
    this.inFlight.add(p);
  }

  private turn(): Promise<void> {
    if (this.active < PROCESS_CONCURRENCY) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiting event, or frees it; refills from the overflow when there is room. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
    if (this.overflow.length && !this.refilling && this.inFlight.size < MAX_WAITING / 2) void this.refill();
  }

  private async refill(): Promise<void> {
    this.refilling = true;
    try {
      const leaseMs = this.settings.redispatchAfterSeconds * 1000;
      // Older than (almost) its lease: the inbox re-dispatch owns it now, on whichever instance.
      const fresh = Date.now() - leaseMs + 5_000;
      while (this.overflow.length && this.overflow[0]!.at < fresh) this.overflow.shift();
      const batch = this.overflow.splice(0, 200).map((o) => o.id);
      const rows = await this.inbox.reclaim(batch, this.deps.clock.now(), leaseMs);
      for (const row of rows) {
        try {
          this.enqueue(row.id, JSON.parse(row.payload) as V2Envelope);
        } catch {
          /* an unreadable payload stays for the re-dispatch, which marks it failed */
        }
      }
    } catch (err) {
      this.deps.log.error({ err }, 'could not take back overflowed events; the inbox re-dispatch will');
    } finally {
      this.refilling = false;
    }
  }

  async process(inboxId: number, env: V2Envelope): Promise<void> {
    const log = this.deps.log.child({ eventId: env.header.event_id, eventType: env.header.event_type });
    const ctx = new BotContext(toUpdate(env), this.deps, log, inboxId);
    try {
      await this.router.handle(ctx);
      if (!ctx.eventDone) await this.inbox.markDone(inboxId, this.deps.clock.now());
    } catch (err) {
      log.error({ err }, 'event processing failed; it will be retried');
      await this.inbox
        .markFailed(
          inboxId,
          String((err as Error)?.stack ?? err),
          this.deps.clock.now(),
          this.settings.redispatchAfterSeconds * 1000,
          MAX_ATTEMPTS,
        )
        .catch((e) => log.error({ err: e }, 'could not record the failure'));
    }
  }

  async handleCard(inboxId: number, env: V2Envelope): Promise<CardResponse> {
    const log = this.deps.log.child({ eventId: env.header.event_id, eventType: 'card.action.trigger' });
    const ctx = new BotContext(toUpdate(env), this.deps, log, inboxId);
    const work = this.process2(ctx, inboxId);
    const tracked: Promise<unknown> = work.then(noop, noop).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), this.settings.cardActionBudgetMs)));
    const first = await Promise.race([work.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (first === 'done') return ctx.response;
    // Too slow for Feishu's 3 s: say so now, patch the card when the work finishes.
    // Tracked too, so a shutdown does not close the database under the late patch.
    const late2: Promise<unknown> = work
      .then(async () => {
        const u = ctx.update;
        const card = ctx.response.card?.data;
        if (card && u.kind === 'card' && u.messageId) {
          const messageId = u.messageId;
          // Through the outbox like every message: ordered after earlier patches, retried, dead-lettered visibly.
          await this.deps.uow
            .run((tx) => tx.outbox.patchMessage(messageId, card))
            .catch((err) => log.error({ err }, 'could not write the late card patch'));
        }
      }, noop)
      .finally(() => this.inFlight.delete(late2));
    this.inFlight.add(late2);
    return { toast: { type: 'info', content: t('common.processing') } };
  }

  private async process2(ctx: BotContext, inboxId: number): Promise<void> {
    try {
      await this.router.handle(ctx);
    } finally {
      await this.inbox
        .markDone(inboxId, this.deps.clock.now())
        .catch((err) => ctx.log.error({ err }, 'could not mark the card action done'));
    }
  }

  /** Re-dispatches rows left unprocessed by a crash or a failure; tracked like any other work, so shutdown waits for it. */
  redispatchStale(): Promise<number> {
    const p = this.redispatchPass();
    // The caller sees a failure through `p`; the tracked copy must not surface it again as unhandled.
    const tracked: Promise<unknown> = p.then(noop, noop).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return p;
  }

  private async redispatchPass(): Promise<number> {
    const rows = await this.inbox.claimStale(this.deps.clock.now(), this.settings.redispatchAfterSeconds * 1000);
    for (const row of rows) {
      let env: V2Envelope;
      try {
        env = JSON.parse(row.payload) as V2Envelope;
      } catch {
        await this.inbox.markFailed(row.id, 'stored payload is not JSON', this.deps.clock.now(), 0, 0);
        continue;
      }
      // A card callback can no longer be answered (Feishu does not re-push them): drop it.
      if (env.header?.event_type === 'card.action.trigger') {
        await this.inbox.markDone(row.id, this.deps.clock.now());
        continue;
      }
      await this.process(row.id, env);
    }
    return rows.length;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}

/** Events of one chat (or, without a chat, of one sender) are processed one after another. */
function conversationKey(env: V2Envelope): string {
  const e = env.event as { message?: { chat_id?: unknown }; sender?: { sender_id?: { open_id?: unknown } } };
  const chat = e.message?.chat_id;
  if (typeof chat === 'string') return `chat:${chat}`;
  const sender = e.sender?.sender_id?.open_id;
  return typeof sender === 'string' ? `user:${sender}` : `event:${env.header.event_id}`;
}

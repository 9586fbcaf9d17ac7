import type { Settings } from '../config.js';
import type { Clock } from '../domain/shared/clock.js';
import { LarkApiError, type LarkApi } from '../lark/lark-api.js';
import type { OutboxItem, OutboxStore } from '../persistence/repositories/outbox-store.js';
import type { Logger } from '../shared/logger.js';
import { RateLimiter } from './rate-limiter.js';

const LEASE_MS = 60_000;
const BATCH = 50;

/**
 * Delivers outbox rows to Feishu: Feishu's `uuid` makes a resend after a crash harmless; limits are
 * kept per recipient and overall; rate-limit answers wait as told; transient failures back off with
 * jitter; after the last try a row is dead-lettered for an admin to see and resend.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly store: OutboxStore,
    private readonly lark: LarkApi | undefined,
    private readonly clock: Clock,
    private readonly settings: Settings['outbox'],
    private readonly log: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.limiter = new RateLimiter(settings.perRecipientPerSecond, settings.globalPerSecond);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.settings.pollIntervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Ask for a drain soon; calls while one runs fold into one more pass. */
  kick(): void {
    if (!this.lark || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err) => this.log.error({ err }, 'outbox relay pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends everything due now; returns how many rows it handled. Exposed for tests and benchmarks. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      if (this.stopped && handled > 0) return handled;
      const batch = await this.store.claimDue(this.clock.now(), BATCH, LEASE_MS);
      if (batch.length === 0) return handled;
      for (const item of batch) {
        await this.deliver(item);
        handled++;
      }
    }
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const lark = this.lark!;
    try {
      if (item.kind === 'patch') {
        const messageId = await this.store.messageIdFor(item.card_key!);
        if (!messageId) {
          if (await this.store.hasUnsentCard(item.card_key!)) {
            await this.store.reschedule(item, new Date(this.clock.now().getTime() + 1000), 'waiting for the card to be sent', false);
          } else {
            await this.store.markDead(item, `no card was ever sent under ${item.card_key}`);
          }
          return;
        }
        await this.throttle(`msg:${messageId}`);
        await lark.patchCard(messageId, item.content);
        await this.store.markSent(item, messageId, this.clock.now());
        return;
      }
      await this.throttle(`${item.receive_id_type}:${item.receive_id}`);
      const { messageId } = await lark.sendMessage({
        receiveIdType: item.receive_id_type!,
        receiveId: item.receive_id!,
        msgType: item.msg_type,
        content: item.content,
        uuid: item.uuid,
      });
      await this.store.markSent(item, messageId, this.clock.now());
    } catch (err) {
      await this.onFailure(item, err);
    }
  }

  private async throttle(key: string): Promise<void> {
    for (;;) {
      const wait = this.limiter.delayFor(key, Date.now());
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    this.limiter.record(key, Date.now());
  }

  private async onFailure(item: OutboxItem, err: unknown): Promise<void> {
    const e = err instanceof LarkApiError ? err : undefined;
    const message = e ? e.message : String((err as Error)?.message ?? err);
    const attempt = item.attempts + 1;
    if (e && !e.isTransient) {
      this.log.error({ outboxId: item.id, code: e.code, err: message }, 'outbox message refused by Feishu; dead-lettered');
      await this.store.markDead(item, message);
      return;
    }
    if (attempt >= this.settings.maxAttempts) {
      this.log.error({ outboxId: item.id, attempts: attempt, err: message }, 'outbox message dead-lettered after the last try');
      await this.store.markDead(item, message);
      return;
    }
    let delayMs: number;
    if (e?.isGatewayRateLimit && e.retryAfterSeconds !== undefined) delayMs = e.retryAfterSeconds * 1000;
    else delayMs = backoffMs(attempt);
    this.log.warn({ outboxId: item.id, attempt, delayMs, err: message }, 'outbox send failed; will retry');
    await this.store.reschedule(item, new Date(this.clock.now().getTime() + delayMs), message, true);
  }
}

/** Full-jitter exponential backoff: 0.5 s, 1 s, 2 s … capped at 5 min. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

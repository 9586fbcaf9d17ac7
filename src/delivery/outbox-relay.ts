import type { Settings } from '../config.js';
import type { Clock } from '../domain/shared/clock.js';
import { LarkApiError, type LarkApi } from '../lark/lark-api.js';
import { outboxKey, type OutboxItem, type OutboxStore } from '../persistence/repositories/outbox-store.js';
import type { Logger } from '../shared/logger.js';
import { RateLimiter } from './rate-limiter.js';

const LEASE_MS = 60_000;
const BATCH = 50;
/** Sends in flight at once: with Feishu's ~100 ms round trips, one at a time would cap us near 10/s. */
const CONCURRENCY = 8;
/** Slack on top of answer-time windows (see RateLimiter), for timer and clock granularity. */
const LIMIT_MARGIN_MS = 10;
const PATCH_WAIT_MS = 1000;

/** Real time for pacing (never the business clock, which tests may freeze). */
export interface Pacer {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}
export const realPacer: Pacer = { nowMs: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface RelayOptions {
  pacer?: Pacer;
  /** Backoff after a failed try (attempt = tries so far, from 1); full jitter by default. */
  backoff?: (attempt: number) => number;
  /** How long one recipient waits after Feishu's 230020 (default 1–2 s, jittered). */
  recipientLimitWaitMs?: () => number;
  concurrency?: number;
  batch?: number;
}

const noop = () => undefined;

type Outcome = { kind: 'sent' | 'dead' } | { kind: 'later'; at: Date; everyone?: boolean };

/**
 * Delivers outbox rows to Feishu. Feishu's `uuid` makes a resend after a crash harmless; limits are
 * kept per recipient and overall; rate-limit answers wait as told (without using up a try);
 * transient failures back off with jitter; after the last try a row is dead-lettered for an admin
 * to see and resend. Rows for one recipient (or one card) go out one at a time and in order:
 * when one has to wait, the ones behind it wait with it.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private again = false;
  private stopped = false;
  private readonly limiter: RateLimiter;
  private readonly pacer: Pacer;
  private readonly backoff: (attempt: number) => number;
  private readonly recipientLimitWaitMs: () => number;
  private readonly concurrency: number;
  private readonly batch: number;

  constructor(
    private readonly store: OutboxStore,
    private readonly lark: LarkApi | undefined,
    private readonly clock: Clock,
    private readonly settings: Settings['outbox'],
    private readonly log: Logger,
    options: RelayOptions = {},
  ) {
    this.limiter = new RateLimiter(settings.perRecipientPerSecond, settings.globalPerSecond, LIMIT_MARGIN_MS);
    this.pacer = options.pacer ?? realPacer;
    this.backoff = options.backoff ?? ((a) => backoffMs(a));
    this.recipientLimitWaitMs = options.recipientLimitWaitMs ?? (() => 1000 + Math.round(Math.random() * 1000));
    this.concurrency = options.concurrency ?? CONCURRENCY;
    this.batch = options.batch ?? BATCH;
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

  /**
   * Sends everything due now; returns how many rows it handled. Passes never overlap in one relay:
   * a call made while a pass runs (a kick, a test's settle) waits for it, then makes its own.
   */
  drain(): Promise<number> {
    const pass = this.chain.then(() => this.pass());
    this.chain = pass.then(noop, noop);
    return pass;
  }

  private async pass(): Promise<number> {
    let handled = 0;
    const claim = () => {
      const p = this.store.claimDue(this.clock.now(), this.batch, LEASE_MS, Math.max(1, Math.ceil(this.settings.perRecipientPerSecond)));
      p.catch(noop); // awaited later (after a batch goes out): a failure must not count as unhandled meanwhile
      return p;
    };
    let next = claim();
    for (;;) {
      const batch = await next;
      if (batch.length === 0) return handled;
      // A full batch means more is due: claim the next one while this one goes out, so the claim's
      // round trips do not eat into the 50/s Feishu allows.
      next = batch.length >= this.batch && !this.stopped ? claim() : Promise.resolve([]);
      await this.deliverBatch(batch);
      handled += batch.length;
      if (this.stopped) {
        // Hand back what was claimed ahead, so another instance need not wait out the lease.
        for (const r of await next) await this.store.reschedule(r, this.clock.now(), 'relay stopped', false);
        return handled;
      }
      if (batch.length < this.batch) next = claim();
    }
  }

  /** Lanes per recipient/card, at most one send in flight per lane and `concurrency` overall. */
  private async deliverBatch(batch: OutboxItem[]): Promise<void> {
    const lanes = new Map<string, OutboxItem[]>();
    for (const item of batch) {
      const k = outboxKey(item);
      const lane = lanes.get(k);
      if (lane) lane.push(item);
      else lanes.set(k, [item]);
    }
    const busy = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    while (lanes.size > 0 || inFlight.size > 0) {
      let minWait = Number.POSITIVE_INFINITY;
      for (const [key, lane] of lanes) {
        if (inFlight.size >= this.concurrency) break;
        if (busy.has(key)) continue;
        const now = this.pacer.nowMs();
        const wait = this.limiter.delayFor(key, now);
        if (wait > 0) {
          minWait = Math.min(minWait, wait);
          continue;
        }
        this.limiter.record(key, now);
        const item = lane.shift()!;
        if (lane.length === 0) lanes.delete(key);
        busy.add(key);
        const p: Promise<void> = this.deliverOne(key, item, lanes).finally(() => {
          this.limiter.settle(key, now, this.pacer.nowMs());
          busy.delete(key);
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      if (inFlight.size > 0) await Promise.race([...inFlight, ...(Number.isFinite(minWait) ? [this.pacer.sleep(minWait)] : [])]);
      else if (Number.isFinite(minWait)) await this.pacer.sleep(minWait);
      else if (lanes.size > 0) await this.pacer.sleep(10);
    }
  }

  private async deliverOne(key: string, item: OutboxItem, lanes: Map<string, OutboxItem[]>): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.deliver(key, item);
    } catch (err) {
      // Only the bookkeeping can land here (the database); the lease brings the row back later.
      this.log.error({ err, outboxId: item.id }, 'outbox bookkeeping failed; the row will be retried after its lease');
      lanes.delete(key);
      return;
    }
    if (outcome.kind !== 'later') return;
    // This one waits: the rest of its lane waits with it (same time, claimed again in id order).
    // A gateway limit stops everyone: the whole batch goes back rather than sit on its leases.
    const keys = outcome.everyone ? [...lanes.keys()] : [key];
    for (const k of keys) {
      const rest = lanes.get(k) ?? [];
      lanes.delete(k);
      for (const r of rest) await this.store.reschedule(r, outcome.at, 'waiting behind an earlier message', false);
    }
  }

  private async deliver(key: string, item: OutboxItem): Promise<Outcome> {
    const lark = this.lark!;
    let messageId: string;
    try {
      if (item.kind === 'patch') {
        const cardKey = item.card_key!;
        // A patch goes after its card and after every earlier patch of that card, never before.
        const target = (await this.store.hasEarlierUnsent(cardKey, item.id)) ? 'wait' : ((await this.store.messageIdFor(cardKey)) ?? ((await this.store.hasUnsentCard(cardKey)) ? 'wait' : undefined));
        if (target === 'wait') {
          const at = new Date(this.clock.now().getTime() + PATCH_WAIT_MS);
          await this.store.reschedule(item, at, 'waiting for the card (or an earlier patch) to go out', false);
          return { kind: 'later', at };
        }
        if (!target) {
          await this.store.markDead(item, `no card was ever sent under ${cardKey}`);
          return { kind: 'dead' };
        }
        await lark.patchCard(target, item.content);
        messageId = target;
      } else {
        ({ messageId } = await lark.sendMessage({
          receiveIdType: item.receive_id_type!,
          receiveId: item.receive_id!,
          msgType: item.msg_type,
          content: item.content,
          uuid: item.uuid,
        }));
      }
    } catch (err) {
      return this.onFailure(key, item, err);
    }
    await this.store.markSent(item, messageId, this.clock.now());
    return { kind: 'sent' };
  }

  private async onFailure(key: string, item: OutboxItem, err: unknown): Promise<Outcome> {
    const e = err instanceof LarkApiError ? err : undefined;
    const message = e ? e.message : String((err as Error)?.message ?? err);
    const now = this.clock.now().getTime();
    // Rate limits are Feishu saying "not now", not a failure: they wait and use up no try.
    if (e?.isGatewayRateLimit) {
      const waitMs = Math.max(1, e.retryAfterSeconds ?? 1) * 1000;
      this.limiter.pauseAll(this.pacer.nowMs() + waitMs);
      this.log.warn({ outboxId: item.id, waitMs }, 'Feishu gateway rate limit; pausing all sends');
      const at = new Date(now + waitMs);
      await this.store.reschedule(item, at, message, false);
      return { kind: 'later', at, everyone: true };
    }
    if (e?.isRecipientRateLimit) {
      const waitMs = this.recipientLimitWaitMs();
      this.limiter.block(key, this.pacer.nowMs() + waitMs);
      this.log.warn({ outboxId: item.id, key, waitMs }, 'Feishu per-recipient rate limit; that recipient waits');
      return this.later(item, new Date(now + waitMs), message, false);
    }
    const attempt = item.attempts + 1;
    if (e && !e.isTransient) {
      this.log.error({ outboxId: item.id, code: e.code, err: message }, 'outbox message refused by Feishu; dead-lettered');
      await this.store.markDead(item, message);
      return { kind: 'dead' };
    }
    if (attempt >= this.settings.maxAttempts) {
      this.log.error({ outboxId: item.id, attempts: attempt, err: message }, 'outbox message dead-lettered after the last try');
      await this.store.markDead(item, message);
      return { kind: 'dead' };
    }
    const delayMs = this.backoff(attempt);
    this.log.warn({ outboxId: item.id, attempt, delayMs, err: message }, 'outbox send failed; will retry');
    return this.later(item, new Date(now + delayMs), message, true);
  }

  private async later(item: OutboxItem, at: Date, error: string, countAttempt: boolean): Promise<{ kind: 'later'; at: Date }> {
    await this.store.reschedule(item, at, error, countAttempt);
    return { kind: 'later', at };
  }
}

/** Full-jitter exponential backoff: 0.5 s, 1 s, 2 s … capped at 5 min (half fixed, half random). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

import type { Settings } from '../config.js';
import type { Clock } from '../domain/shared/clock.js';
import { LarkApiError, type LarkApi } from '../lark/lark-api.js';
import { outboxKey, type OutboxItem, type OutboxStore } from '../persistence/repositories/outbox-store.js';
import type { Logger } from '../shared/logger.js';
import { RateLimiter } from './rate-limiter.js';

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
 * Delivers outbox rows to Feishu: every message the bot sends, replies included. Feishu's `uuid` makes
 * a resend after a crash harmless; limits are kept per recipient and overall; rate-limit answers wait
 * as told (without using up a try); transient failures back off with jitter; after the last try a row
 * is dead-lettered for an admin to see and resend. Rows for one recipient (or one card) go out one at a
 * time and in order: when one has to wait, the ones behind it wait with it.
 *
 * It runs as a pump, not in passes: claimed rows wait in per-recipient lanes in memory, a send that
 * finishes starts the next one, and a commit that wrote rows (`kick`) claims them at once — so a reply
 * leaves within milliseconds even while another recipient's lane waits out its 5/s window.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly limiter: RateLimiter;
  private readonly pacer: Pacer;
  private readonly backoff: (attempt: number) => number;
  private readonly recipientLimitWaitMs: () => number;
  private readonly concurrency: number;
  private readonly batch: number;
  private readonly perKeyCap: number;
  /** Claimed rows waiting for their turn, per recipient / card, in id order. */
  private readonly lanes = new Map<string, OutboxItem[]>();
  /** Lanes with a send in flight (one at a time per lane keeps the order). */
  private readonly busy = new Set<string>();
  private readonly sending = new Set<Promise<void>>();
  private claiming: Promise<number> | undefined;
  private claimAgain = false;
  /** A claim found more than it could take: claim again as lanes empty. */
  private moreDue = false;
  private wakeToken = 0;
  /** Rows claimed so far (what `drain` reports). */
  private claimed = 0;
  private idleWaiters: Array<() => void> = [];
  private running = false;
  /**
   * Recipients whose earlier row was put back to wait (a limit, a retry), until when: a row written for
   * one of them meanwhile must not overtake it, so it waits in the table too and goes out in id order.
   */
  private readonly deferred = new Map<string, number>();

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
    this.perKeyCap = Math.max(1, Math.ceil(settings.perRecipientPerSecond));
  }

  start(): void {
    this.stopped = false;
    this.running = true;
    this.timer = setInterval(() => this.kick(), this.settings.pollIntervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops claiming, lets the sends in flight finish, and hands back the rows still waiting. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.wakeToken++;
    await this.claiming;
    await Promise.allSettled([...this.sending]);
    const held = [...this.lanes.values()].flat();
    this.lanes.clear();
    // Handed back at once, so another instance need not wait out the lease.
    for (const r of held) await this.store.reschedule(r, this.clock.now(), 'relay stopped', false).catch(noop);
    this.resolveIdle();
  }

  /**
   * While running, new rows are written already claimed by this relay under this lease (see `adopt`).
   * Not while it holds a backlog: then new rows wait in the table (pending) and are claimed as lanes
   * empty, so memory stays bounded and nothing sits in a lane past its lease.
   */
  leaseForNewRows(): number | undefined {
    return this.running && this.lark && this.heldCount() < this.batch ? this.settings.leaseSeconds * 1000 : undefined;
  }

  /**
   * Rows a transaction just committed. Those written claimed (under `leaseForNewRows`) go straight into
   * their lanes — no claim round trip, so a reply leaves within milliseconds of its commit; the others
   * are claimed at once.
   */
  adopt(rows: OutboxItem[]): void {
    let claim = false;
    const now = this.clock.now().getTime();
    for (const row of rows) {
      if (row.status !== 'sending' || !this.running) {
        claim = true;
        continue;
      }
      const key = outboxKey(row);
      const until = this.deferred.get(key);
      if (until !== undefined) {
        // Behind a row waiting in the table: wait with it, and be claimed after it in id order.
        void this.store
          .reschedule(row, new Date(Math.max(until, now)), 'waiting behind an earlier message', false)
          .then(() => this.kick(), noop);
        continue;
      }
      const lane = this.lanes.get(key);
      if (lane) lane.push(row);
      else this.lanes.set(key, [row]);
    }
    this.pump();
    if (claim) this.kick();
  }

  /** Rows were committed (or are due): claim them now; calls while a claim runs fold into one more. */
  kick(): void {
    if (!this.lark || this.stopped) return;
    void this.claim();
  }

  /**
   * Sends everything due now and waits until it is out (or rescheduled); returns how many rows it
   * claimed. A call made while a claim runs waits for it, then makes its own, so it sees every row
   * committed before it was called.
   */
  async drain(): Promise<number> {
    if (!this.lark) return 0;
    const before = this.claimed;
    for (;;) {
      if (this.claiming) await this.claiming;
      const n = await this.claim();
      await this.lanesIdle();
      // Claims the pump made meanwhile (as lanes emptied) count too.
      if (n === 0 || this.stopped) return this.claimed - before;
    }
  }

  private claim(): Promise<number> {
    if (this.claiming) {
      this.claimAgain = true;
      return this.claiming;
    }
    const run = async () => {
      let total = 0;
      do {
        this.claimAgain = false;
        if (this.stopped) break;
        // Back-pressure: with a batch and more already waiting in lanes, let them go out first.
        if (this.heldCount() >= this.batch * 2) {
          this.moreDue = true;
          break;
        }
        const claimedAt = this.clock.now().getTime();
        const rows = await this.store.claimDue(
          this.clock.now(),
          this.batch,
          this.settings.leaseSeconds * 1000,
          this.perKeyCap,
          (key) => (this.lanes.get(key)?.length ?? 0) < this.perKeyCap * 2,
        );
        for (const row of rows) {
          const k = outboxKey(row);
          const lane = this.lanes.get(k);
          if (lane) lane.push(row);
          else this.lanes.set(k, [row]);
        }
        total += rows.length;
        this.claimed += rows.length;
        // A claim after a deferral ran out has taken the waiting rows in id order: new rows may go direct again.
        for (const [k, until] of this.deferred) if (until <= claimedAt) this.deferred.delete(k);
        this.moreDue = rows.length >= this.batch;
        if (this.moreDue) this.claimAgain = true;
        this.pump();
      } while (this.claimAgain);
      return total;
    };
    const p = run()
      .catch((err) => {
        this.log.error({ err }, 'outbox claim failed; the rows stay for the next try');
        return 0;
      })
      .finally(() => {
        this.claiming = undefined;
        this.resolveIdle();
      });
    this.claiming = p;
    return p;
  }

  private heldCount(): number {
    let n = this.busy.size;
    for (const lane of this.lanes.values()) n += lane.length;
    return n;
  }

  /** Starts every send that its lane, the limits and the concurrency allow; wakes itself for the rest. */
  private pump(): void {
    let minWait = Number.POSITIVE_INFINITY;
    for (const [key, lane] of this.lanes) {
      if (this.sending.size >= this.concurrency) break;
      if (this.busy.has(key)) continue;
      const now = this.pacer.nowMs();
      const wait = this.limiter.delayFor(key, now);
      if (wait > 0) {
        minWait = Math.min(minWait, wait);
        continue;
      }
      this.limiter.record(key, now);
      const item = lane.shift()!;
      if (lane.length === 0) this.lanes.delete(key);
      this.busy.add(key);
      const p: Promise<void> = this.deliverOne(key, item).finally(() => {
        this.limiter.settle(key, now, this.pacer.nowMs());
        this.busy.delete(key);
        this.sending.delete(p);
        this.pump();
        if (this.moreDue && this.heldCount() < this.batch) this.kick();
        this.resolveIdle();
      });
      this.sending.add(p);
    }
    if (Number.isFinite(minWait) && this.sending.size < this.concurrency) {
      const token = ++this.wakeToken;
      void this.pacer.sleep(minWait).then(() => {
        if (token === this.wakeToken) this.pump();
      });
    }
  }

  private lanesIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.lanes.size === 0 && this.sending.size === 0 && !this.claiming;
  }

  private resolveIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async deliverOne(key: string, item: OutboxItem): Promise<void> {
    const lanes = this.lanes;
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
    const keys = outcome.everyone ? [...new Set([key, ...lanes.keys()])] : [key];
    for (const k of keys) {
      this.deferred.set(k, Math.max(this.deferred.get(k) ?? 0, outcome.at.getTime()));
      const rest = lanes.get(k) ?? [];
      lanes.delete(k);
      for (const r of rest) await this.store.reschedule(r, outcome.at, 'waiting behind an earlier message', false);
    }
  }

  private async deliver(key: string, item: OutboxItem): Promise<Outcome> {
    let messageId: string;
    try {
      if (item.kind === 'patch') {
        const target = await this.patchTarget(item);
        if (target === 'wait') {
          const at = new Date(this.clock.now().getTime() + PATCH_WAIT_MS);
          await this.store.reschedule(item, at, 'waiting for the card (or an earlier patch) to go out', false);
          return { kind: 'later', at };
        }
        if (!target) {
          await this.store.markDead(item, `no card was ever sent under ${item.card_key}`);
          return { kind: 'dead' };
        }
        await this.lark!.patchCard(target, item.content);
        messageId = target;
      } else {
        ({ messageId } = await this.send(item));
      }
    } catch (err) {
      return this.onFailure(key, item, err);
    }
    await this.store.markSent(item, messageId, this.clock.now());
    return { kind: 'sent' };
  }

  /** A reply goes into its thread; if that message is gone (withdrawn, deleted), into its chat instead. */
  private async send(item: OutboxItem): Promise<{ messageId: string }> {
    const lark = this.lark!;
    const msg = { msgType: item.msg_type, content: item.content, uuid: item.uuid };
    if (item.reply_to) {
      try {
        return await lark.replyMessage(item.reply_to, msg);
      } catch (err) {
        if (!(err instanceof LarkApiError) || !err.isMessageGone) throw err;
        this.log.info(
          { outboxId: item.id, replyTo: item.reply_to },
          'the message to reply to is gone; sending to its chat',
        );
      }
    }
    return lark.sendMessage({ receiveIdType: item.receive_id_type!, receiveId: item.receive_id!, ...msg });
  }

  /** The message a patch applies to, 'wait' while its card or an earlier patch is not out yet. */
  private async patchTarget(item: OutboxItem): Promise<string | 'wait' | undefined> {
    const cardKey = item.card_key!;
    // A patch goes after its card and after every earlier patch of that card, never before.
    if (await this.store.hasEarlierUnsent(cardKey, item.id)) return 'wait';
    const known = cardKey.startsWith('msg:') ? cardKey.slice(4) : await this.store.messageIdFor(cardKey);
    if (known) return known;
    return (await this.store.hasUnsentCard(cardKey)) ? 'wait' : undefined;
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
      this.log.error(
        { outboxId: item.id, code: e.code, err: message },
        'outbox message refused by Feishu; dead-lettered',
      );
      await this.store.markDead(item, message);
      return { kind: 'dead' };
    }
    if (attempt >= this.settings.maxAttempts) {
      this.log.error(
        { outboxId: item.id, attempts: attempt, err: message },
        'outbox message dead-lettered after the last try',
      );
      await this.store.markDead(item, message);
      return { kind: 'dead' };
    }
    const delayMs = this.backoff(attempt);
    this.log.warn({ outboxId: item.id, attempt, delayMs, err: message }, 'outbox send failed; will retry');
    return this.later(item, new Date(now + delayMs), message, true);
  }

  private async later(
    item: OutboxItem,
    at: Date,
    error: string,
    countAttempt: boolean,
  ): Promise<{ kind: 'later'; at: Date }> {
    await this.store.reschedule(item, at, error, countAttempt);
    return { kind: 'later', at };
  }
}

/** Full-jitter exponential backoff: 0.5 s, 1 s, 2 s … capped at 5 min (half fixed, half random). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

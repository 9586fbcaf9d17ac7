/**
 * Sliding windows: Feishu allows 5 messages/s to one user or chat and 50/s per app.
 * `delayFor` says how long to wait before the next send to `key` stays inside both.
 *
 * A rate r is kept as "at most n sends in any n/r seconds" with n = max(1, floor(r)), so a
 * fractional rate (0.5/s → one send per 2 s) works too.
 *
 * Feishu counts arrivals, we can only see departures and answers. A send takes its slot when it
 * leaves (`record`) and, once answered, the slot is moved to the answer time (`settle`): the arrival
 * lies between the two, so windows measured from answers are never shorter than Feishu's.
 * `marginMs` adds a little more for clock granularity.
 */
export class RateLimiter {
  private readonly perKey = new Map<string, number[]>();
  private readonly global: number[] = [];
  private readonly keyCap: number;
  private readonly keyWindowMs: number;
  private readonly globalCap: number;
  private readonly globalWindowMs: number;
  /** Feishu said "wait" (gateway 429 / 99991400): nothing goes out before this instant. */
  private pausedUntil = 0;
  private readonly blocked = new Map<string, number>();
  private records = 0;

  constructor(perKeyPerSecond: number, globalPerSecond: number, marginMs = 0) {
    if (!(perKeyPerSecond > 0) || !(globalPerSecond > 0)) throw new Error('rates must be positive');
    this.keyCap = Math.max(1, Math.floor(perKeyPerSecond));
    this.keyWindowMs = (1000 * this.keyCap) / perKeyPerSecond + marginMs;
    this.globalCap = Math.max(1, Math.floor(globalPerSecond));
    this.globalWindowMs = (1000 * this.globalCap) / globalPerSecond + marginMs;
  }

  delayFor(key: string, nowMs: number): number {
    const keyTimes = this.prune(this.perKey.get(key) ?? [], nowMs, this.keyWindowMs);
    if (keyTimes.length === 0) this.perKey.delete(key);
    this.prune(this.global, nowMs, this.globalWindowMs);
    const keyWait =
      keyTimes.length >= this.keyCap ? keyTimes[keyTimes.length - this.keyCap]! + this.keyWindowMs - nowMs : 0;
    const globalWait =
      this.global.length >= this.globalCap
        ? this.global[this.global.length - this.globalCap]! + this.globalWindowMs - nowMs
        : 0;
    const blockedUntil = this.blocked.get(key) ?? 0;
    if (blockedUntil && blockedUntil <= nowMs) this.blocked.delete(key);
    return Math.max(0, Math.ceil(keyWait), Math.ceil(globalWait), this.pausedUntil - nowMs, blockedUntil - nowMs);
  }

  record(key: string, nowMs: number): void {
    const list = this.perKey.get(key) ?? [];
    list.push(nowMs);
    this.perKey.set(key, list);
    this.global.push(nowMs);
    // Keys of recipients not seen for a while would pile up over months: sweep now and then.
    if (++this.records % 1000 === 0) this.sweep(nowMs);
  }

  /** The send that left at `sentMs` was answered at `nowMs`: its slot counts from the answer. */
  settle(key: string, sentMs: number, nowMs: number): void {
    const move = (list: number[] | undefined) => {
      if (!list) return;
      const i = list.lastIndexOf(sentMs);
      if (i < 0) return;
      list.splice(i, 1);
      let j = list.length;
      while (j > 0 && list[j - 1]! > nowMs) j--;
      list.splice(j, 0, nowMs);
    };
    move(this.perKey.get(key));
    move(this.global);
  }

  /** The gateway's `x-ogw-ratelimit-reset`: everything waits. */
  pauseAll(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** A 230020 for one recipient: that recipient waits, the others go on. */
  block(key: string, untilMs: number): void {
    this.blocked.set(key, Math.max(this.blocked.get(key) ?? 0, untilMs));
  }

  /** How many keys are tracked (for tests of the sweep). */
  get trackedKeys(): number {
    return this.perKey.size;
  }

  private sweep(nowMs: number): void {
    for (const [k, list] of this.perKey)
      if (this.prune(list, nowMs, this.keyWindowMs).length === 0) this.perKey.delete(k);
    for (const [k, until] of this.blocked) if (until <= nowMs) this.blocked.delete(k);
  }

  private prune(list: number[], nowMs: number, windowMs: number): number[] {
    while (list.length && list[0]! <= nowMs - windowMs) list.shift();
    return list;
  }
}

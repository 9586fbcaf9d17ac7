/**
 * Sliding one-second windows: Feishu allows 5 messages/s to one user or chat and 50/s per app.
 * `delayFor` says how long to wait before the next send to `key` stays inside both.
 */
export class RateLimiter {
  private readonly perKey = new Map<string, number[]>();
  private readonly global: number[] = [];

  constructor(private readonly perKeyPerSecond: number, private readonly globalPerSecond: number) {}

  delayFor(key: string, nowMs: number): number {
    const keyTimes = this.prune(this.perKey.get(key) ?? [], nowMs);
    this.perKey.set(key, keyTimes);
    this.prune(this.global, nowMs);
    const keyWait = keyTimes.length >= Math.floor(this.perKeyPerSecond) ? keyTimes[keyTimes.length - Math.floor(this.perKeyPerSecond)]! + 1000 - nowMs : 0;
    const globalWait = this.global.length >= Math.floor(this.globalPerSecond) ? this.global[this.global.length - Math.floor(this.globalPerSecond)]! + 1000 - nowMs : 0;
    return Math.max(0, keyWait, globalWait);
  }

  record(key: string, nowMs: number): void {
    const list = this.perKey.get(key) ?? [];
    list.push(nowMs);
    this.perKey.set(key, list);
    this.global.push(nowMs);
  }

  private prune(list: number[], nowMs: number): number[] {
    while (list.length && list[0]! <= nowMs - 1000) list.shift();
    return list;
  }
}

import type { Clock } from '../domain/shared/clock.js';

/**
 * The sandbox's clock: it runs in real time (offers time out, deadlines pass while you watch) but can
 * jump forward to the next scheduled moment. It never goes back: the service's rows assume time
 * moves forward (claimed periods, deadlines).
 */
export class OffsetClock implements Clock {
  private offsetMs: number;
  private readonly listeners: Array<(from: Date, to: Date) => Promise<void> | void> = [];

  /** `startAt` sets where time starts (tests and screenshots start on a fixed Monday morning). */
  constructor(
    private readonly wallMs: () => number = Date.now,
    startAt?: Date,
  ) {
    this.offsetMs = startAt ? startAt.getTime() - wallMs() : 0;
  }

  now(): Date {
    return new Date(this.wallMs() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves time forward to `to` (ignored when `to` is not later than now) and tells the listeners. */
  async jumpTo(to: Date): Promise<Date> {
    const from = this.now();
    const delta = to.getTime() - from.getTime();
    if (delta <= 0) return from;
    this.offsetMs += delta;
    for (const l of this.listeners) await l(from, this.now());
    return this.now();
  }

  /** Called after every jump, e.g. to run the scheduled jobs that came due in between. */
  onJump(listener: (from: Date, to: Date) => Promise<void> | void): void {
    this.listeners.push(listener);
  }
}

import cron from 'node-cron';
import { performance } from 'node:perf_hooks';
import type { CalendarService } from '../domain/calendar/calendar.service.js';
import { addDays, localDate, wallClock } from '../domain/shared/zoned-time.js';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import type { JobRun, JobSetting } from '../domain/jobs/job-run.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/shared/tx.js';
import type { Logger } from '../shared/logger.js';
import { fireTimesOn, recentFireTimes } from './cron-schedule.js';
import type { Job, Period } from './job.js';
import { runClaimed, runUnclaimed, type RunDeps, type RunOutcome } from './job-claims.js';

/**
 * node-cron only triggers; the database decides. Every trigger, every minute's safety tick and the
 * boot catch-up do the same thing: list the fire times of today that have passed (in BOT_TIMEZONE,
 * on working days where the job wants them), and claim-and-run each period that has no finished row.
 * A period missed while every instance was down therefore runs as soon as one comes back (same day),
 * and a trigger node-cron dropped (it never re-runs a late fire) is picked up by the next tick.
 *
 * A step of the wall clock while running (NTP correction, a resumed VM) is the same case: node-cron
 * sleeps on the monotonic clock, so after a forward step over 18:30 it wakes late, calls the fire
 * "missed" and never runs it. The safety tick reads the wall clock each time, so its next run (at most
 * `tickMs` later) sees 18:30 passed with no finished row and claims it; a step back finds the period's
 * row done and runs nothing again. node-cron's own "missed" report triggers the same catch-up at once.
 */
export interface SchedulerOptions {
  /** How long a claim is held before another instance may re-take it (a crashed run). */
  leaseMs: number;
  maxAttempts: number;
  /** After a failure, the period is retried by the next tick after this long. */
  retryAfterMs: number;
  /** Safety tick: catch-up, and pick up schedule changes made on another instance. */
  tickMs: number;
  /** A fire of yesterday evening still counts just after midnight, for this long. */
  graceMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  leaseMs: 10 * 60_000,
  maxAttempts: 3,
  retryAfterMs: 60_000,
  tickMs: 60_000,
  graceMs: 10 * 60_000,
};

/**
 * Starts a timer for one schedule; node-cron in production, nothing in tests that drive `tick()`.
 * `missed` is told of a fire node-cron skipped because it woke too late (clock step, blocked loop).
 */
export type TriggerFactory = (
  expr: string,
  tz: string,
  name: string,
  fire: (at: Date) => void,
  missed?: (at: Date) => void,
) => { stop(): void };

export const nodeCronTrigger: TriggerFactory = (expr, tz, name, fire, missed) => {
  const task = cron.schedule(expr, (c) => fire(c.date), { timezone: tz, name, noOverlap: true });
  // A listener also replaces node-cron's console warning (which blames blocking I/O) with our own log line.
  if (missed) task.on('execution:missed', (c) => missed(c.date));
  return { stop: () => void task.destroy() };
};

/** What a tick came to, per (job, period). */
export type TickReport = Array<{ job: string; period: string; outcome: RunOutcome }>;

export interface SchedulerDeps {
  uow: UnitOfWork;
  clock: Clock;
  calendar: CalendarService;
  log: Logger;
  jobs: Job[];
  /** config/settings.json `schedules`: default cron per job name. */
  schedules: Record<string, string>;
  /** Identifies this instance in job_run.owner. */
  owner: string;
  options?: Partial<SchedulerOptions>;
  trigger?: TriggerFactory;
}

export interface EffectiveSchedule {
  job: Job;
  cron: string;
  enabled: boolean;
  setting: JobSetting | undefined;
}

export interface JobStatus extends EffectiveSchedule {
  nextRun: Date | undefined;
  lastRuns: JobRun[];
}

export class Scheduler {
  readonly options: SchedulerOptions;
  private readonly byName = new Map<string, Job>();
  private readonly triggers = new Map<string, { cron: string; stop(): void }>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly busy = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  /** Wall clock and monotonic clock at the last periodic tick: their drift apart is a clock step. */
  private lastBeat: { wall: number; mono: number } | undefined;
  private readonly tickWaiters: Array<(r: TickReport) => void> = [];
  private ticking = false;

  constructor(private readonly d: SchedulerDeps) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...(d.options ?? {}) };
    for (const j of d.jobs) this.byName.set(j.name, j);
  }

  get jobs(): Job[] {
    return [...this.byName.values()];
  }

  /** By name or alias (周报, 工作计划…), case-insensitive. */
  find(nameOrAlias: string): Job | undefined {
    const q = nameOrAlias.trim().toLowerCase();
    return this.jobs.find((j) => j.name.toLowerCase() === q || j.aliases.some((a) => a.toLowerCase() === q));
  }

  async start(): Promise<void> {
    this.started = true;
    await this.reload().catch((err) =>
      this.d.log.error({ err }, 'could not load job schedules at boot; the safety tick will retry'),
    );
    if (!this.started) return; // stopped while loading
    this.timer = setInterval(() => void this.track(this.periodic()), this.options.tickMs);
    this.timer.unref();
    this.lastBeat = { wall: this.d.clock.now().getTime(), mono: performance.now() };
    // Boot catch-up: today's periods whose time has passed without a finished run.
    await this.track(this.tick());
  }

  /**
   * Resolves with the report of the next periodic (safety) tick to start from now — so it reads the
   * clock after this call. Lets tests and tools observe the running scheduler; `[]` if it stops first.
   */
  nextPeriodicTick(): Promise<TickReport> {
    return new Promise((resolve) => this.tickWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    for (const t of this.triggers.values()) t.stop();
    this.triggers.clear();
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    for (const resolve of this.tickWaiters.splice(0)) resolve([]);
  }

  private async periodic(): Promise<void> {
    // A slow database must not pile ticks up: the next interval simply tries again.
    if (this.ticking) return;
    this.ticking = true;
    const waiters = this.tickWaiters.splice(0);
    let report: TickReport = [];
    try {
      this.noticeClockStep();
      await this.reload().catch((err) => this.d.log.error({ err }, 'could not reload job schedules'));
      report = await this.tick();
    } finally {
      this.ticking = false;
      for (const resolve of waiters) resolve(report);
    }
  }

  /**
   * Says so in the log when the wall clock moved apart from the monotonic one since the last tick by
   * more than a minute (or two ticks): the runs that follow a forward step are late catch-ups, and
   * after a step back nothing is repeated (the periods' rows are done). The catch-up itself needs no
   * special case: `tick()` reads the wall clock.
   */
  private noticeClockStep(): void {
    const now = { wall: this.d.clock.now().getTime(), mono: performance.now() };
    const last = this.lastBeat;
    this.lastBeat = now;
    if (!last) return;
    const stepMs = now.wall - last.wall - (now.mono - last.mono);
    if (Math.abs(stepMs) <= Math.max(60_000, 2 * this.options.tickMs)) return;
    const minutes = Math.round(stepMs / 60_000);
    if (stepMs > 0)
      this.d.log.warn(
        { stepMinutes: minutes },
        'wall clock stepped forward: scheduled periods passed meanwhile are run now, once',
      );
    else this.d.log.warn({ stepMinutes: minutes }, 'wall clock stepped back: periods already run are not run again');
  }

  /** The schedule in force: config defaults, overridden by the admin's job_setting rows. */
  async effective(): Promise<EffectiveSchedule[]> {
    const rows = await this.d.uow.run((tx) => tx.jobs.settings());
    return this.merge(rows);
  }

  merge(rows: JobSetting[]): EffectiveSchedule[] {
    const byJob = new Map(rows.map((r) => [r.jobName, r]));
    return this.jobs.map((job) => {
      const setting = byJob.get(job.name);
      return {
        job,
        setting,
        cron: setting?.cron ?? this.d.schedules[job.name] ?? job.defaultCron,
        enabled: setting?.enabled ?? true,
      };
    });
  }

  /** Re-arms node-cron triggers to match the schedule in force (after an admin's change, here or elsewhere). */
  async reload(): Promise<EffectiveSchedule[]> {
    const list = await this.effective();
    if (!this.started) return list;
    const trigger = this.d.trigger ?? nodeCronTrigger;
    for (const s of list) {
      const current = this.triggers.get(s.job.name);
      if (current && (!s.enabled || current.cron !== s.cron)) {
        current.stop();
        this.triggers.delete(s.job.name);
      }
      if (s.enabled && !this.triggers.has(s.job.name)) {
        const t = trigger(
          s.cron,
          this.d.calendar.timezone,
          `job:${s.job.name}`,
          (at) => void this.track(this.fire(s.job.name, at)),
          (at) => void this.track(this.missed(s.job.name, at)),
        );
        this.triggers.set(s.job.name, { cron: s.cron, stop: t.stop });
      }
    }
    return list;
  }

  /** node-cron's trigger: run what is due for that job now (the fire instant itself, if the timer woke early). */
  private async fire(jobName: string, at: Date): Promise<void> {
    const job = this.byName.get(jobName);
    if (!job) return;
    if (!job.exclusive) {
      const now = this.d.clock.now();
      await this.once(job.name, () =>
        runUnclaimed(this.runDeps(), job, {
          key: job.periodKey(now, this.d.calendar.timezone),
          date: localDate(now, this.d.calendar.timezone),
          firedAt: at,
          manual: false,
        }),
      );
      return;
    }
    await this.tick(jobName, at);
  }

  /** node-cron woke after a fire's time (the clock stepped forward, or the loop was blocked) and skipped it: catch up now. */
  private async missed(jobName: string, at: Date): Promise<void> {
    const job = this.byName.get(jobName);
    if (!job?.exclusive) {
      // A claimless sweep (every few seconds) just runs at its next fire; not worth a line each time.
      this.d.log.debug({ job: jobName, missedAt: at.toISOString() }, 'cron fire missed');
      return;
    }
    this.d.log.info(
      { job: jobName, missedAt: at.toISOString() },
      'cron fire missed (clock step or busy process); catching up through the claims',
    );
    await this.tick(jobName);
  }

  /**
   * Claims and runs every due period without a finished row. Exposed so tests drive time with an
   * injected clock instead of waiting for cron. Returns what each period came to.
   */
  async tick(only?: string, notBefore?: Date): Promise<TickReport> {
    const report: TickReport = [];
    let now = this.d.clock.now();
    if (notBefore && notBefore.getTime() > now.getTime()) now = notBefore;
    let plan: Array<{ job: Job; periods: Period[] }>;
    try {
      plan = await this.d.uow.run(async (tx) => {
        const schedules = this.merge(await tx.jobs.settings()).filter(
          (s) => s.enabled && s.job.exclusive && (!only || s.job.name === only),
        );
        const cal = await this.d.calendar.load(tx);
        const due = schedules
          .map((s) => ({ job: s.job, periods: this.duePeriods(s.job, s.cron, cal, now) }))
          .filter((d) => d.periods.length);
        const rows = await tx.jobs.findAny(
          due.map((d) => d.job.name),
          due.flatMap((d) => d.periods.map((p) => p.key)),
        );
        const byKey = new Map(rows.map((r) => [`${r.jobName}|${r.periodKey}`, r]));
        return due
          .map((d) => ({
            job: d.job,
            periods: d.periods.filter((p) => this.needsRun(byKey.get(`${d.job.name}|${p.key}`), now)),
          }))
          .filter((d) => d.periods.length);
      });
    } catch (err) {
      this.d.log.error({ err }, 'scheduler tick could not read the schedule; will retry');
      return report;
    }
    for (const { job, periods } of plan) {
      for (const p of periods) {
        const outcome = await this.once(job.name, () => runClaimed(this.runDeps(), job, p)).catch((err): RunOutcome => {
          this.d.log.error({ err, job: job.name, period: p.key }, 'job period could not be claimed; will retry');
          return { status: 'failed', error: String((err as Error)?.message ?? err) };
        });
        report.push({ job: job.name, period: p.key, outcome });
      }
    }
    return report;
  }

  /** An admin's 立即运行: a period of its own (`<period>#m<HHmm>`), so a double click within a minute runs once. */
  async runNow(jobName: string): Promise<RunOutcome> {
    const job = this.byName.get(jobName);
    if (!job) return { status: 'failed', error: `no job ${jobName}` };
    const tz = this.d.calendar.timezone;
    const now = this.d.clock.now();
    const w = wallClock(now, tz);
    const key = `${job.periodKey(now, tz)}#m${String(w.hour).padStart(2, '0')}${String(w.minute).padStart(2, '0')}`;
    const period: Period = { key, date: w.date, firedAt: now, manual: true };
    const deps = this.runDeps();
    return this.track(job.exclusive ? runClaimed(deps, job, period) : runUnclaimed(deps, job, period));
  }

  /** For the admin's list: schedule in force, next fire, and the latest runs of each job. */
  async status(lastRuns = 3): Promise<JobStatus[]> {
    const { list, cal, recent } = await this.d.uow.run(async (tx) => {
      const list = this.merge(await tx.jobs.settings());
      // Per job, so an hourly job's history cannot push the monthly report's last run out of view.
      const recent = new Map<string, JobRun[]>();
      for (const s of list) recent.set(s.job.name, lastRuns > 0 ? await tx.jobs.recent(lastRuns, s.job.name) : []);
      return { list, cal: await this.d.calendar.load(tx), recent };
    });
    const now = this.d.clock.now();
    return list.map((s) => ({
      ...s,
      nextRun: s.enabled ? this.nextRun(s.job, s.cron, cal, now) : undefined,
      lastRuns: recent.get(s.job.name) ?? [],
    }));
  }

  nextRun(job: Job, expr: string, cal: WorkingCalendar, now: Date): Date | undefined {
    const tz = this.d.calendar.timezone;
    let date = localDate(now, tz);
    for (let i = 0; i < 400; i++, date = addDays(date, 1)) {
      if (job.workingDaysOnly && !cal.isWorkingDay(date)) continue;
      const next = fireTimesOn(expr, date, tz).find((t) => t.getTime() > now.getTime());
      if (next) return next;
    }
    return undefined;
  }

  private duePeriods(job: Job, expr: string, cal: WorkingCalendar, now: Date): Period[] {
    const tz = this.d.calendar.timezone;
    const byKey = new Map<string, Period>();
    for (const t of recentFireTimes(expr, now, tz, this.options.graceMs)) {
      const date = localDate(t, tz);
      if (job.workingDaysOnly && !cal.isWorkingDay(date)) continue;
      const key = job.periodKey(t, tz);
      if (!byKey.has(key)) byKey.set(key, { key, date, firedAt: t, manual: false });
    }
    const list = [...byKey.values()];
    return job.catchUp === 'latest' ? list.slice(-1) : list;
  }

  /** A period needs a run unless it is done, still leased by a live run, or out of attempts. */
  private needsRun(row: JobRun | undefined, now: Date): boolean {
    if (!row) return true;
    if (row.status === 'done' || row.attempt >= this.options.maxAttempts) return false;
    return !row.leaseUntil || row.leaseUntil.getTime() <= now.getTime();
  }

  private runDeps(): RunDeps {
    const { uow, clock, calendar, log, owner } = this.d;
    return {
      uow,
      clock,
      calendar,
      log,
      owner,
      leaseMs: this.options.leaseMs,
      maxAttempts: this.options.maxAttempts,
      retryAfterMs: this.options.retryAfterMs,
    };
  }

  /** One run of a job at a time in this process (node-cron's noOverlap covers only its own trigger). */
  private async once(name: string, work: () => Promise<RunOutcome>): Promise<RunOutcome> {
    if (this.busy.has(name)) return { status: 'skipped' };
    this.busy.add(name);
    try {
      return await work();
    } finally {
      this.busy.delete(name);
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    const tracked = p.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }
}

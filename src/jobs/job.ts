import { type IsoDate, isoWeekKey, localDate, wallClock } from '../domain/shared/zoned-time.js';
import type { MessageKey } from '../i18n/index.js';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import type { Tx } from '../domain/shared/tx.js';
import type { OutboundMessage, Recipient } from '../domain/shared/outbox.js';
import type { Logger } from '../shared/logger.js';
import { assertValidCron } from './cron-schedule.js';

/**
 * A scheduled job is data plus one function. The schedule (cron, zone, working days) is config the
 * admin can change; the work is `run(ctx, period)`, a plain function of a period that tests call
 * directly with a fixed period and never wait for cron.
 */
export interface Period {
  /** Unique per job: `2026-11-23`, `2026-W48`, `2026-11`, `2026-11-23T09`; manual runs add `#m…`. */
  key: string;
  /** The local date (BOT_TIMEZONE) the period fired on: what the work is computed from. */
  date: IsoDate;
  /** The scheduled fire instant (or the moment an admin pressed 立即运行). */
  firedAt: Date;
  manual: boolean;
}

export interface JobContext {
  /** The run's one transaction: messages sent through `tx.outbox` commit together with the claim. */
  tx: Tx;
  now: Date;
  timezone: string;
  calendar: WorkingCalendar;
  log: Logger;
  /**
   * Sends this run's message to one recipient through `tx.outbox`: at most one per (job, period,
   * recipient), whatever happens to the run (a retry or a second instance sends nothing new).
   */
  notify(to: Recipient, message: Omit<OutboundMessage, 'to' | 'dedupeKey'>): Promise<void>;
  /** Idempotent housekeeping outside the business transaction (it may not touch `tx`). */
  afterCommit(work: () => Promise<unknown>): void;
}

export interface JobResult {
  /** A short line for the admin's "last runs" list, e.g. `已发送 12 人`. */
  summary?: string;
}

export interface Job {
  /** camelCase, the key in config/settings.json `schedules`. */
  name: string;
  /** Message key of the job's Chinese title. */
  titleKey: MessageKey;
  /** Extra names an admin may type (e.g. 周报 for weeklySummary). */
  aliases: string[];
  defaultCron: string;
  /** Fires are ignored on weekends and holidays (and honoured on make-up working days). */
  workingDaysOnly: boolean;
  /** `all`: every missed fire of today runs; `latest`: only the most recent one (for frequent housekeeping). */
  catchUp: 'all' | 'latest';
  /** false: runs on every instance without a claim — for sweeps made safe by conditional updates. */
  exclusive: boolean;
  periodKey(firedAt: Date, tz: string): string;
  run(ctx: JobContext, period: Period): Promise<JobResult | void>;
}

export type JobSpec = Pick<Job, 'name' | 'titleKey' | 'defaultCron' | 'periodKey' | 'run'> &
  Partial<Pick<Job, 'aliases' | 'workingDaysOnly' | 'catchUp' | 'exclusive'>>;

export function defineJob(spec: JobSpec): Job {
  if (!/^[a-z][A-Za-z0-9]{1,63}$/.test(spec.name)) throw new Error(`job name "${spec.name}" must be camelCase`);
  assertValidCron(spec.defaultCron);
  return { aliases: [], workingDaysOnly: false, catchUp: 'all', exclusive: true, ...spec };
}

/** Period keys, all computed in the department's zone. */
export const periods = {
  daily: (at: Date, tz: string): string => localDate(at, tz),
  weekly: (at: Date, tz: string): string => isoWeekKey(localDate(at, tz)),
  monthly: (at: Date, tz: string): string => localDate(at, tz).slice(0, 7),
  hourly: (at: Date, tz: string): string => {
    const w = wallClock(at, tz);
    return `${w.date}T${String(w.hour).padStart(2, '0')}`;
  },
  minutely: (at: Date, tz: string): string => {
    const w = wallClock(at, tz);
    return `${w.date}T${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  },
};

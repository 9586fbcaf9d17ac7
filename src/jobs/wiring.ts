import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppConfig } from '../config.js';
import { CalendarService } from '../domain/calendar/calendar.service.js';
import { isValidIsoDate } from '../domain/shared/zoned-time.js';
import type { CalendarDays } from '../domain/calendar/working-calendar.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/shared/tx.js';
import type { Logger } from '../shared/logger.js';
import type { JobsFacade } from './facade.js';
import type { JobDeps } from './deps.js';
import type { Job } from './job.js';
import { JobSettingsService } from './job-settings.js';
import { noJobPorts, type JobPorts } from './ports.js';
import {
  formDeadlineSource,
  nextDayPlanSource,
  reconciliationSource,
  revisitReminderSource,
} from './sources/forms.sources.js';
import { reviewRecordSource } from './sources/review.source.js';
import { withFeedbackPlans } from './sources/feedback.source.js';
import { withMeetingTasks } from './sources/meeting-tasks.source.js';
import { withFollowUpPlans, withFollowUpReminders } from './sources/follow-up.source.js';
import { FollowUpService } from '../domain/follow-up/follow-up.service.js';
import { Scheduler, type SchedulerOptions, type TriggerFactory } from './scheduler.js';

export interface CreateJobsInput {
  config: AppConfig;
  uow: UnitOfWork;
  clock: Clock;
  log: Logger;
  pruneInbox: (before: Date) => Promise<number>;
  /** Every scheduled job (the features' `jobs`, src/features/index.ts `allJobs`). */
  jobs: (d: JobDeps) => Job[];
  /** Feature services that implement the job ports; missing ones stay no-ops. */
  ports?: Partial<JobPorts>;
  /** Tests: a fixed owner name, no node-cron, shorter leases. */
  owner?: string;
  trigger?: TriggerFactory;
  options?: Partial<SchedulerOptions>;
}

/** Builds the scheduler and the admin's controls (called once from app.ts). */
export function createJobs(i: CreateJobsInput): JobsFacade {
  assertCalendarDates(i.config.settings.calendar);
  const calendar = new CalendarService({
    clock: i.clock,
    settings: { timezone: i.config.timezone, calendar: i.config.settings.calendar },
  });
  const ports: JobPorts = { ...noJobPorts, ...featureSources(i.config), ...(i.ports ?? {}) };
  const jobs = i.jobs({ ports, settings: i.config.settings, pruneInbox: i.pruneInbox });
  const scheduler = new Scheduler({
    uow: i.uow,
    clock: i.clock,
    calendar,
    log: i.log.child({ component: 'scheduler' }),
    jobs,
    schedules: i.config.settings.schedules,
    owner: i.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    ...(i.trigger ? { trigger: i.trigger } : {}),
    ...(i.options ? { options: i.options } : {}),
  });
  return { scheduler, settings: new JobSettingsService(scheduler, i.clock), calendar, ports };
}

/** Boot fails fast on a holiday list with a date that does not exist (2026-02-30): the regex in config.ts only checks the shape. */
export function assertCalendarDates(days: CalendarDays): void {
  const bad = [...days.holidays, ...days.makeupWorkdays].filter((d) => !isValidIsoDate(d));
  if (bad.length) throw new Error(`config/settings.json calendar: not a real date: ${bad.join(', ')} (use YYYY-MM-DD)`);
}

/** The ports already implemented over the features' repositories (forms, contracts, walk-ins, audit log). */
export function featureSources(config: AppConfig): Partial<JobPorts> {
  const followUps = new FollowUpService({
    settings: { timezone: config.timezone, cadence: config.settings.followUp.cadenceDays },
  });
  return {
    plans: withFeedbackPlans(withFollowUpPlans(nextDayPlanSource, followUps)),
    revisitReminders: withMeetingTasks(withFollowUpReminders(revisitReminderSource, followUps)),
    reconciliation: reconciliationSource,
    formDeadlines: formDeadlineSource({ timezone: config.timezone, ...config.settings.forms }),
    morningFormDeadlines: formDeadlineSource({ timezone: config.timezone, ...config.settings.forms }),
    reviews: reviewRecordSource(config.timezone),
  };
}

import type { CalendarService } from '../domain/calendar/calendar.service.js';
import type { JobSettingsService } from './job-settings.js';
import type { JobPorts } from './ports.js';
import type { Scheduler } from './scheduler.js';

/** What the bot's jobs feature needs (one entry in Services). */
export interface JobsFacade {
  scheduler: Scheduler;
  settings: JobSettingsService;
  calendar: CalendarService;
  ports: JobPorts;
}

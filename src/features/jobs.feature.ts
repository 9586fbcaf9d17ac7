import { CreateJobRun1763800000500 } from '../../migrations/1763800000500-CreateJobRun.js';
import { AddDigestIndexes1763800000510 } from '../../migrations/1763800000510-AddDigestIndexes.js';
import { AddDevelopmentIndex1763800001510 } from '../../migrations/1763800001510-AddDevelopmentIndex.js';
import { AddFunnelFormIndexes1763800001520 } from '../../migrations/1763800001520-AddFunnelFormIndexes.js';
import { jobsFeature } from '../bot/features/jobs.js';
import { createJobs } from '../jobs/wiring.js';
import { jobEntities } from '../persistence/entities/jobs.entities.js';
import { InboxStore } from '../persistence/repositories/inbox-store.js';
import { TypeOrmJobRunRepository } from '../persistence/repositories/job-run.repository.js';
import { TypeOrmReportRepository } from '../persistence/repositories/report.repository.js';
import jobsTexts from '../i18n/catalog/jobs.js';
import digestsTexts from '../i18n/catalog/digests.js';
import kpiTexts from '../i18n/catalog/kpi.js';
import calendarTexts from '../i18n/catalog/calendar.js';
import { nextDayPlanJob } from '../jobs/next-day-plan.job.js';
import { dailyDigestJob, contractReconciliationJob, weeklySummaryJob, monthlyReportJob } from '../jobs/digests.job.js';
import { calendarCheckJob } from '../jobs/calendar-check.job.js';
import { housekeepingJob } from '../jobs/housekeeping.job.js';
import { defineFeature } from './feature.js';

/** The scheduler, its admin controls (定时任务) and the reports it sends (digests, weekly and monthly). */
export const jobs = defineFeature({
  name: 'jobs',
  catalogs: [jobsTexts, digestsTexts, kpiTexts, calendarTexts],
  entities: jobEntities,
  // The report indexes serve the digests and the monthly report's funnel (ReportRepository).
  migrations: [
    CreateJobRun1763800000500,
    AddDigestIndexes1763800000510,
    AddDevelopmentIndex1763800001510,
    AddFunnelFormIndexes1763800001520,
  ],
  repositories: (em) => ({ jobs: new TypeOrmJobRunRepository(em), reports: new TypeOrmReportRepository(em) }),
  services: ({ config, uow, clock, log, db, jobPorts, jobs }) => {
    const inbox = new InboxStore(db);
    return {
      jobs: createJobs({
        config,
        uow,
        clock,
        log,
        pruneInbox: (before) => inbox.prune(before),
        ports: jobPorts(),
        jobs,
      }),
    };
  },
  jobs: (d) => [
    nextDayPlanJob(d),
    dailyDigestJob(d),
    contractReconciliationJob(d),
    weeklySummaryJob(d),
    monthlyReportJob(d),
    calendarCheckJob(),
    housekeepingJob(d),
  ],
  routers: [jobsFeature],
});

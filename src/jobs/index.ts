import { calendarCheckJob } from './calendar-check.job.js';
import type { JobDeps } from './deps.js';
import { contractReconciliationJob, dailyDigestJob, monthlyReportJob, weeklySummaryJob } from './digests.job.js';
import { housekeepingJob } from './housekeeping.job.js';
import type { Job } from './job.js';
import { nextDayPlanJob } from './next-day-plan.job.js';
import { offerSweepJob } from './offer-sweep.job.js';
import { formDeadlinesJob, morningFormDeadlinesJob, revisitRemindersJob } from './reminders.job.js';
import { riskWarningJob } from './risk-warning.job.js';
import { rotationResetJob } from './rotation-reset.job.js';
import { tierRecheckJob } from './tier-recheck.job.js';
import { unitRenewalsJob } from './unit-renewals.job.js';
import { satisfactionOpeningJob, satisfactionQuarterlyJob } from './satisfaction.job.js';
import { minutesCheckJob, morningMeetingJob } from './morning-meeting.job.js';
import { poolRecallJob } from './pool-recall.job.js';

/** Every scheduled job, in the order the admin sees them. */
export function allJobs(d: JobDeps): Job[] {
  return [
    rotationResetJob(d),
    morningMeetingJob(d),
    minutesCheckJob(d),
    poolRecallJob(d),
    revisitRemindersJob(d),
    morningFormDeadlinesJob(d),
    formDeadlinesJob(d),
    riskWarningJob(d),
    nextDayPlanJob(d),
    dailyDigestJob(d),
    contractReconciliationJob(d),
    weeklySummaryJob(d),
    monthlyReportJob(d),
    tierRecheckJob(d),
    unitRenewalsJob(d),
    satisfactionOpeningJob(),
    satisfactionQuarterlyJob(),
    calendarCheckJob(),
    offerSweepJob(d),
    housekeepingJob(d),
  ];
}

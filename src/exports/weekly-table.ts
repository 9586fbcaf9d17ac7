import { WEEKLY_COLUMNS, weeklyRows } from '../bot/cards/digest-cards.js';
import type { Clock } from '../domain/shared/clock.js';
import { addDays } from '../domain/shared/zoned-time.js';
import type { WeeklyTableSource } from '../domain/targets/export.service.js';
import type { TargetService } from '../domain/targets/target.service.js';
import type { OwedFormSettings } from '../domain/forms/owed-forms.rules.js';
import { weeklyInput } from '../jobs/digests.job.js';
import { memberNames } from '../jobs/recipients.js';

/**
 * The weekly table for an export, from the same figures as the Monday summary (R-DIG-2): the week's
 * activity with the forms owed and never filed (R-FORM-3), and the month to that week's Sunday.
 */
export function weeklyTableSource(deps: {
  clock: Clock;
  timezone: string;
  forms: Omit<OwedFormSettings, 'timezone'>;
  targets: TargetService;
}): WeeklyTableSource {
  return async (tx, week) => {
    // The job runs on the Monday after the week it reports.
    const input = await weeklyInput(tx, { ports: { targets: deps.targets } }, addDays(week.from, 7), deps.timezone, {
      forms: deps.forms,
      calendar: await deps.targets.calendar.load(tx),
      asOf: deps.clock.now(),
    });
    return { columns: WEEKLY_COLUMNS, rows: weeklyRows(input, await memberNames(tx)) };
  };
}

import type { Clock } from '../shared/clock.js';
import { invalidInput } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { isValidIsoDate, today, type IsoDate } from '../shared/zoned-time.js';
import { WorkingCalendar, type CalendarDays } from './working-calendar.js';

/** Admin changes are stored whole under this app_setting key; until then config/settings.json is in force. */
export const SETTING_CALENDAR_DAYS = 'calendar.days';

export type CalendarChange = { kind: 'holiday' | 'makeup' | 'remove'; dates: IsoDate[] };

/**
 * The working calendar in force: config/settings.json `calendar`, replaced by the admin's edited
 * copy once an admin changed it. Every "working day", "next working day" and "end of day" in the
 * product comes from here.
 */
export class CalendarService {
  private readonly clock: Clock;
  private readonly settings: { timezone: string; calendar: CalendarDays };

  constructor(deps: { clock: Clock; settings: { timezone: string; calendar: CalendarDays } }) {
    this.clock = deps.clock;
    this.settings = deps.settings;
  }

  get timezone(): string {
    return this.settings.timezone;
  }

  today(): IsoDate {
    return today(this.clock, this.settings.timezone);
  }

  async load(tx: Tx): Promise<WorkingCalendar> {
    const stored = await tx.settings.get<CalendarDays>(SETTING_CALENDAR_DAYS);
    return new WorkingCalendar(stored ?? this.settings.calendar);
  }

  /**
   * Marks dates as holidays or make-up working days, or removes them from both lists. Bad dates are
   * refused as a whole (the calendar in force stays as it was); the change is audited.
   */
  async change(tx: Tx, actorOpenId: string, change: CalendarChange): Promise<CalendarDays> {
    const bad = change.dates.filter((d) => !isValidIsoDate(d));
    if (change.dates.length === 0) throw invalidInput('calendar.no_dates');
    if (bad.length) throw invalidInput('calendar.bad_date', { value: bad.join('、') });
    const before = (await this.load(tx)).days();
    const holidays = new Set(before.holidays);
    const makeup = new Set(before.makeupWorkdays);
    for (const d of change.dates) {
      holidays.delete(d);
      makeup.delete(d);
      if (change.kind === 'holiday') holidays.add(d);
      if (change.kind === 'makeup') makeup.add(d);
    }
    const after: CalendarDays = { holidays: [...holidays].sort(), makeupWorkdays: [...makeup].sort() };
    await tx.settings.set(SETTING_CALENDAR_DAYS, after);
    await tx.audit.append(
      {
        actor: actorOpenId,
        action: `calendar.${change.kind}`,
        subjectType: 'setting',
        subjectId: SETTING_CALENDAR_DAYS,
        before: change.dates.map((d) => [
          d,
          before.holidays.includes(d) ? 'holiday' : before.makeupWorkdays.includes(d) ? 'makeup' : 'normal',
        ]),
        after: change.dates,
        rule: 'R-AUD-1',
      },
      this.clock.now(),
    );
    return after;
  }
}

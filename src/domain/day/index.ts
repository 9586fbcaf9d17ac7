import type { RotationService } from '../rotation/rotation.service.js';
import type { Clock } from '../shared/clock.js';
import { LeaveService } from './leave.service.js';
import { MeetingService } from './meeting.service.js';
import { RosterService } from './roster.service.js';

export interface DayServices {
  roster: RosterService;
  meeting: MeetingService;
  leave: LeaveService;
}

/** The working day's services; the roster and Feishu leave become the rotation's day hooks (R-DAY-2). */
export function createDayServices(deps: { clock: Clock; timezone: string; rotation: RotationService }): DayServices {
  const roster = new RosterService({ clock: deps.clock, timezone: deps.timezone });
  const leave = new LeaveService({ clock: deps.clock, timezone: deps.timezone, rotation: deps.rotation });
  deps.rotation.addDayHooks(roster);
  deps.rotation.addDayHooks(leave);
  return { roster, leave, meeting: new MeetingService({ timezone: deps.timezone, roster }) };
}

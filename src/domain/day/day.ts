import type { IsoDate } from '../shared/zoned-time.js';

/**
 * The working day (DOMAIN.md §7): leave that Feishu's 审批 app approved (R-DAY-2), the morning
 * meeting's minutes and the dated tasks its assignments become (R-DAY-1).
 */

export type LeaveKind = 'leave' | 'out';
export type LeaveStatus = 'approved' | 'revoked';

export interface Leave {
  id: number;
  /** Feishu's approval instance code: one leave per instance, whichever event told us first. */
  instanceCode: string;
  agentOpenId: string;
  kind: LeaveKind;
  name: string | null;
  startAt: Date;
  endAt: Date;
  status: LeaveStatus;
  /** The rotation day on which this leave last took the agent off duty (only that day is put back). */
  offDay: IsoDate | null;
  receivedAt: Date;
  revokedAt: Date | null;
}
export type NewLeave = Omit<Leave, 'id' | 'status' | 'offDay' | 'revokedAt'>;

export interface MinutesAssignment {
  agentOpenId: string;
  text: string;
  dueDate: IsoDate;
}

export interface Minutes {
  attendees: string[];
  points: string;
  assignments: MinutesAssignment[];
}

export type MeetingStatus = 'open' | 'filed' | 'missing';

export interface Meeting {
  day: IsoDate;
  dutyOpenId: string | null;
  status: MeetingStatus;
  filedBy: string | null;
  filedAt: Date | null;
  late: boolean;
  minutes: Minutes | null;
}

export interface DayTask {
  id: number;
  meetingDay: IsoDate;
  agentOpenId: string;
  dueDate: IsoDate;
  text: string;
}

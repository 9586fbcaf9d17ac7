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

export interface DayRepository {
  /** False when this instance code is already known (Feishu sends leave_approval and leave_approvalV2). */
  addLeave(l: NewLeave): Promise<boolean>;
  findLeave(instanceCode: string): Promise<Leave | undefined>;
  /** Conditional: only an approved leave; true when this call revoked it. */
  revokeLeave(instanceCode: string, at: Date): Promise<boolean>;
  /** Leaves (any status) that overlap [from, to). */
  leavesOverlapping(from: Date, to: Date): Promise<Leave[]>;
  setLeaveOffDay(id: number, day: IsoDate | null): Promise<void>;

  findMeeting(day: IsoDate): Promise<Meeting | undefined>;
  /** False when the day's meeting exists already. */
  createMeeting(day: IsoDate, dutyOpenId: string | null, now: Date): Promise<boolean>;
  /** Conditional: only a meeting not filed yet (open or missing); true when this call filed it. */
  fileMeeting(day: IsoDate, input: { by: string; at: Date; late: boolean; minutes: Minutes }): Promise<boolean>;
  /** Conditional: only an open meeting; true when this call marked it missing. */
  markMeetingMissing(day: IsoDate): Promise<boolean>;
  addTasks(tasks: Array<Omit<DayTask, 'id'>>, by: string, at: Date): Promise<void>;
  tasksDue(date: IsoDate): Promise<DayTask[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    day: DayRepository;
  }
}

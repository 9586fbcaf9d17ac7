import type { IsoDate } from '../shared/zoned-time.js';
import type { DayTask, Leave, Meeting, Minutes, NewLeave } from './day.js';

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

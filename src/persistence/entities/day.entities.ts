import { EntitySchema } from 'typeorm';

/** Rows behind the working day (migrations/1763800001300-CreateWorkingDay.ts). */
const s = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const time = (nullable = false) => ({ type: 'datetime' as const, precision: 3, nullable });
const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };

export interface DayLeaveRow {
  id: number;
  instance_code: string;
  agent_open_id: string;
  kind: string;
  name: string | null;
  start_at: Date;
  end_at: Date;
  status: string;
  off_day: string | null;
  received_at: Date;
  revoked_at: Date | null;
}
export const DayLeaveEntity = new EntitySchema<DayLeaveRow>({
  name: 'day_leave',
  columns: {
    id,
    instance_code: s(100),
    agent_open_id: s(64),
    kind: s(10),
    name: s(100, true),
    start_at: time(),
    end_at: time(),
    status: s(10),
    off_day: s(10, true),
    received_at: time(),
    revoked_at: time(true),
  },
});

export interface DayMeetingRow {
  id: number;
  day: string;
  duty_open_id: string | null;
  status: string;
  filed_by: string | null;
  filed_at: Date | null;
  late: boolean;
  payload: string | null;
  created_at: Date;
}
export const DayMeetingEntity = new EntitySchema<DayMeetingRow>({
  name: 'day_meeting',
  columns: {
    id,
    day: s(10),
    duty_open_id: s(64, true),
    status: s(10),
    filed_by: s(64, true),
    filed_at: time(true),
    late: { type: 'boolean' },
    payload: { type: 'text', nullable: true },
    created_at: time(),
  },
});

export interface DayTaskRow {
  id: number;
  meeting_day: string;
  agent_open_id: string;
  due_date: string;
  text: string;
  created_by: string;
  created_at: Date;
}
export const DayTaskEntity = new EntitySchema<DayTaskRow>({
  name: 'day_task',
  columns: {
    id,
    meeting_day: s(10),
    agent_open_id: s(64),
    due_date: s(10),
    text: s(400),
    created_by: s(64),
    created_at: time(),
  },
});

export const dayEntities = [DayLeaveEntity, DayMeetingEntity, DayTaskEntity];

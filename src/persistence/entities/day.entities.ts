import { EntitySchema } from 'typeorm';
import { boolean, datetime, generatedId, nullableDatetime, nullableText, nullableVarchar, varchar } from './columns.js';

/** Rows behind the working day (migrations/1763800001300-CreateWorkingDay.ts). */

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
    id: generatedId(),
    instance_code: varchar(100),
    agent_open_id: varchar(64),
    kind: varchar(10),
    name: nullableVarchar(100),
    start_at: datetime(),
    end_at: datetime(),
    status: varchar(10),
    off_day: nullableVarchar(10),
    received_at: datetime(),
    revoked_at: nullableDatetime(),
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
    id: generatedId(),
    day: varchar(10),
    duty_open_id: nullableVarchar(64),
    status: varchar(10),
    filed_by: nullableVarchar(64),
    filed_at: nullableDatetime(),
    late: boolean(),
    payload: nullableText(),
    created_at: datetime(),
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
    id: generatedId(),
    meeting_day: varchar(10),
    agent_open_id: varchar(64),
    due_date: varchar(10),
    text: varchar(400),
    created_by: varchar(64),
    created_at: datetime(),
  },
});

export const dayEntities = [DayLeaveEntity, DayMeetingEntity, DayTaskEntity];

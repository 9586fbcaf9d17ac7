import type { Member } from '../members/roles.js';
import { hasRole } from '../members/roles.js';
import { FormError, conflict, forbidden } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { deadlineAt, isValidIsoDate, type IsoDate } from '../shared/zoned-time.js';
import type { Meeting, Minutes, MinutesAssignment } from './day.js';
import type { RosterService } from './roster.service.js';
import type { MessageKey } from '../../i18n/index.js';

/** The minutes are due by 10:00 of the meeting's day (R-DAY-1); the check job runs then. */
export const MINUTES_DEADLINE = '10:00';
/** Assignment rows on the minutes form. */
export const ASSIGNMENT_ROWS = 3;
export const POINTS_MAX = 1000;
export const TASK_MAX = 200;

type FieldErrors = Record<string, { key: MessageKey; params?: Record<string, string | number> }>;

/**
 * R-DAY-1 morning meeting (早例会): the day's meeting is opened at 08:20 with the person on reception
 * duty (the roster's) as the one who files the minutes; filing stores them, turns each assignment
 * into a dated task for its agent, and counts as a form (R-FORM-1: late after 10:00); minutes still
 * missing at 10:00 are recorded as a missing form against the person on duty.
 */
export class MeetingService {
  constructor(private readonly deps: { timezone: string; roster: RosterService }) {}

  /** Idempotent: the day's meeting, created with the roster's person on duty. */
  async open(tx: Tx, day: IsoDate, now: Date): Promise<Meeting> {
    const existing = await tx.day.findMeeting(day);
    if (existing) return existing;
    const duty = (await this.deps.roster.dayOf(tx, day)).duty;
    await tx.day.createMeeting(day, duty, now);
    return (await tx.day.findMeeting(day))!;
  }

  /** Who files: the person on duty, or a manager (the meeting is theirs to run). */
  mayFile(actor: Member, meeting: Meeting): boolean {
    return actor.openId === meeting.dutyOpenId || hasRole(actor, 'manager');
  }

  deadline(day: IsoDate): Date {
    return deadlineAt(day, MINUTES_DEADLINE, this.deps.timezone);
  }

  async file(
    tx: Tx,
    actor: Member,
    day: IsoDate,
    fields: Record<string, unknown>,
    now: Date,
  ): Promise<{ meeting: Meeting; minutes: Minutes; late: boolean }> {
    const meeting = await this.open(tx, day, now);
    if (!this.mayFile(actor, meeting)) throw forbidden('meeting.not_duty');
    if (meeting.status === 'filed') throw conflict('meeting.already_filed');
    const members = await tx.members.list({ activeOnly: true });
    const minutes = parseMinutes(fields, day, members);
    const late = now > this.deadline(day);
    if (!(await tx.day.fileMeeting(day, { by: actor.openId, at: now, late, minutes })))
      throw conflict('meeting.already_filed');
    // R-FORM-1: one form record per day's minutes; a record the 10:00 check left (missing) stands.
    const dedupeKey = `meeting_minutes:${day}`;
    if (!(await tx.formRecords.findByDedupeKey(dedupeKey)))
      await tx.formRecords.add({
        kind: 'meeting_minutes',
        clientId: null,
        agentOpenId: meeting.dutyOpenId ?? actor.openId,
        filedBy: actor.openId,
        filedAt: now,
        dueAt: this.deadline(day),
        late,
        incomplete: false,
        missing: [],
        refId: null,
        dedupeKey,
        payload: { day, attendees: minutes.attendees.length, assignments: minutes.assignments.length },
      });
    if (minutes.assignments.length)
      await tx.day.addTasks(
        minutes.assignments.map((a) => ({
          meetingDay: day,
          agentOpenId: a.agentOpenId,
          dueDate: a.dueDate,
          text: a.text,
        })),
        actor.openId,
        now,
      );
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'meeting.minutes_filed',
        subjectType: 'meeting',
        subjectId: day,
        after: { late, attendees: minutes.attendees.length, assignments: minutes.assignments.length },
        rule: 'R-DAY-1',
      },
      now,
    );
    return { meeting: (await tx.day.findMeeting(day))!, minutes, late };
  }

  /**
   * The 10:00 check: minutes not filed count as a missing form (R-FORM-1) of the person on duty (the
   * managers' when nobody was on duty). Returns the meeting when this call recorded it missing.
   */
  async checkMissing(tx: Tx, day: IsoDate, now: Date): Promise<Meeting | undefined> {
    const meeting = await this.open(tx, day, now);
    if (meeting.status !== 'open') return undefined;
    if (!(await tx.day.markMeetingMissing(day))) return undefined;
    const dedupeKey = `meeting_minutes:${day}`;
    if (!(await tx.formRecords.findByDedupeKey(dedupeKey)))
      await tx.formRecords.add({
        kind: 'meeting_minutes',
        clientId: null,
        agentOpenId: meeting.dutyOpenId,
        filedBy: 'system',
        filedAt: now,
        dueAt: this.deadline(day),
        late: true,
        incomplete: true,
        missing: ['minutes'],
        refId: null,
        dedupeKey,
        payload: { day, missing: true },
      });
    await tx.audit.append(
      {
        actor: null,
        action: 'meeting.minutes_missing',
        subjectType: 'meeting',
        subjectId: day,
        after: { duty: meeting.dutyOpenId },
        rule: 'R-DAY-1',
      },
      now,
    );
    return { ...meeting, status: 'missing' };
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

/** The date picker sends "2026-11-24 +0800"; a typed date may come as 2026/11/24. */
function dateOf(v: unknown): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text(v));
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text(v);
}

/** The form's fields → minutes, or a FormError naming each bad field (the form comes back filled in). */
export function parseMinutes(fields: Record<string, unknown>, day: IsoDate, members: Member[]): Minutes {
  const errors: FieldErrors = {};
  const known = new Set(members.map((m) => m.openId));
  const agents = new Set(members.filter((m) => hasRole(m, 'agent')).map((m) => m.openId));
  const attendees = strings(fields.attendees).filter((id) => known.has(id));
  if (!attendees.length) errors.attendees = { key: 'meeting.err.no_attendees' };
  const points = text(fields.points);
  if (!points) errors.points = { key: 'meeting.err.no_points' };
  else if (Array.from(points).length > POINTS_MAX)
    errors.points = { key: 'meeting.err.too_long', params: { max: POINTS_MAX } };
  const assignments: MinutesAssignment[] = [];
  for (let i = 1; i <= ASSIGNMENT_ROWS; i++) {
    const agent = text(fields[`as_agent_${i}`]);
    const task = text(fields[`as_text_${i}`]);
    const date = dateOf(fields[`as_date_${i}`]);
    if (!agent && !task && !date) continue;
    if (!agent || !agents.has(agent)) errors[`as_agent_${i}`] = { key: 'meeting.err.as_agent' };
    if (!task) errors[`as_text_${i}`] = { key: 'meeting.err.as_text' };
    else if (Array.from(task).length > TASK_MAX)
      errors[`as_text_${i}`] = { key: 'meeting.err.too_long', params: { max: TASK_MAX } };
    if (!isValidIsoDate(date)) errors[`as_date_${i}`] = { key: 'meeting.err.as_date' };
    else if (date < day) errors[`as_date_${i}`] = { key: 'meeting.err.as_date_past', params: { day } };
    if (agent && agents.has(agent) && task && isValidIsoDate(date) && date >= day)
      assignments.push({ agentOpenId: agent, text: task, dueDate: date });
  }
  if (Object.keys(errors).length) throw new FormError(errors, fields);
  return { attendees, points, assignments };
}

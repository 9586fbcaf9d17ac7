import { type EntityManager, LessThan, MoreThan } from 'typeorm';
import type { DayRepository } from '../../domain/day/day.ports.js';
import type { DayTask, Leave, Meeting, Minutes, NewLeave } from '../../domain/day/day.js';
import {
  DayLeaveEntity,
  DayMeetingEntity,
  DayTaskEntity,
  type DayLeaveRow,
  type DayMeetingRow,
} from '../entities/day.entities.js';
import { fromJson, isDuplicateKey, toJson } from '../json.js';

export class TypeOrmDayRepository implements DayRepository {
  constructor(private readonly em: EntityManager) {}

  private get leaves() {
    return this.em.getRepository(DayLeaveEntity);
  }
  private get meetings() {
    return this.em.getRepository(DayMeetingEntity);
  }

  async addLeave(l: NewLeave): Promise<boolean> {
    try {
      await this.leaves.insert({
        instance_code: l.instanceCode,
        agent_open_id: l.agentOpenId,
        kind: l.kind,
        name: l.name,
        start_at: l.startAt,
        end_at: l.endAt,
        status: 'approved',
        off_day: null,
        received_at: l.receivedAt,
        revoked_at: null,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async findLeave(instanceCode: string): Promise<Leave | undefined> {
    const r = await this.leaves.findOneBy({ instance_code: instanceCode });
    return r ? toLeave(r) : undefined;
  }

  async revokeLeave(instanceCode: string, at: Date): Promise<boolean> {
    const res = await this.leaves.update(
      { instance_code: instanceCode, status: 'approved' },
      { status: 'revoked', revoked_at: at },
    );
    return (res.affected ?? 0) === 1;
  }

  async leavesOverlapping(from: Date, to: Date): Promise<Leave[]> {
    // end_at > from uses ix_day_leave_end; leave rows are few per day, start_at filters the rest.
    const rows = await this.leaves.find({
      where: { end_at: MoreThan(from), start_at: LessThan(to) },
      order: { start_at: 'ASC', id: 'ASC' },
      take: 500,
    });
    return rows.map(toLeave);
  }

  async setLeaveOffDay(id: number, day: string | null): Promise<void> {
    await this.leaves.update({ id }, { off_day: day });
  }

  async findMeeting(day: string): Promise<Meeting | undefined> {
    const r = await this.meetings.findOneBy({ day });
    return r ? toMeeting(r) : undefined;
  }

  async createMeeting(day: string, dutyOpenId: string | null, now: Date): Promise<boolean> {
    try {
      await this.meetings.insert({
        day,
        duty_open_id: dutyOpenId,
        status: 'open',
        filed_by: null,
        filed_at: null,
        late: false,
        payload: null,
        created_at: now,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async fileMeeting(day: string, i: { by: string; at: Date; late: boolean; minutes: Minutes }): Promise<boolean> {
    const res = await this.meetings
      .createQueryBuilder()
      .update()
      .set({ status: 'filed', filed_by: i.by, filed_at: i.at, late: i.late, payload: toJson(i.minutes) })
      .where('day = :day AND status IN (:...open)', { day, open: ['open', 'missing'] })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async markMeetingMissing(day: string): Promise<boolean> {
    const res = await this.meetings.update({ day, status: 'open' }, { status: 'missing' });
    return (res.affected ?? 0) === 1;
  }

  async addTasks(tasks: Array<Omit<DayTask, 'id'>>, by: string, at: Date): Promise<void> {
    if (!tasks.length) return;
    await this.em.getRepository(DayTaskEntity).insert(
      tasks.map((t) => ({
        meeting_day: t.meetingDay,
        agent_open_id: t.agentOpenId,
        due_date: t.dueDate,
        text: t.text,
        created_by: by,
        created_at: at,
      })),
    );
  }

  async tasksDue(date: string): Promise<DayTask[]> {
    const rows = await this.em
      .getRepository(DayTaskEntity)
      .find({ where: { due_date: date }, order: { id: 'ASC' }, take: 2000 });
    return rows.map((r) => ({
      id: r.id,
      meetingDay: r.meeting_day,
      agentOpenId: r.agent_open_id,
      dueDate: r.due_date,
      text: r.text,
    }));
  }
}

function toLeave(r: DayLeaveRow): Leave {
  return {
    id: r.id,
    instanceCode: r.instance_code,
    agentOpenId: r.agent_open_id,
    kind: r.kind === 'out' ? 'out' : 'leave',
    name: r.name,
    startAt: new Date(r.start_at),
    endAt: new Date(r.end_at),
    status: r.status === 'revoked' ? 'revoked' : 'approved',
    offDay: r.off_day,
    receivedAt: new Date(r.received_at),
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  };
}

function toMeeting(r: DayMeetingRow): Meeting {
  return {
    day: r.day,
    dutyOpenId: r.duty_open_id,
    status: r.status === 'filed' ? 'filed' : r.status === 'missing' ? 'missing' : 'open',
    filedBy: r.filed_by,
    filedAt: r.filed_at ? new Date(r.filed_at) : null,
    late: Boolean(r.late),
    minutes: fromJson<Minutes>(r.payload) ?? null,
  };
}

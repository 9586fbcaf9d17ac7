import type { DayContext, RotationDayHooks, RotationService } from '../rotation/rotation.service.js';
import type { Clock } from '../shared/clock.js';
import type { Tx } from '../shared/tx.js';
import { addDays, localDate, startOfLocalDay } from '../shared/zoned-time.js';
import { isActiveAt, parseLeaveEvent } from './leave.rules.js';

export type LeaveOutcome = 'recorded' | 'duplicate' | 'revoked' | 'unknown' | 'not_member' | 'ignored';

/**
 * R-DAY-2 Feishu leave: an approved leave / out-of-office marks the agent absent for its hours, a
 * revoked one puts them back. The rotation asks before every change (`beforeChange`), so an agent on
 * leave is never offered a walk-in during it and is back in turn once it ends, without a timer; each
 * change is a `duty` ledger row with source `feishu_leave`. An event also applies at once to today's
 * rotation, when it has started.
 */
export class LeaveService implements RotationDayHooks {
  constructor(private readonly deps: { clock: Clock; timezone: string; rotation: RotationService }) {}

  async handleEvent(tx: Tx, type: string, event: Record<string, unknown>): Promise<LeaveOutcome> {
    const parsed = parseLeaveEvent(type, event, this.deps.timezone);
    const now = this.deps.clock.now();
    if (parsed.kind === 'ignored') return 'ignored';
    let outcome: LeaveOutcome;
    if (parsed.kind === 'revoked') {
      const known = await tx.day.findLeave(parsed.instanceCode);
      if (!known) return 'unknown';
      if (!(await tx.day.revokeLeave(parsed.instanceCode, now))) return 'duplicate';
      await tx.audit.append(
        {
          actor: null,
          action: 'leave.revoked',
          subjectType: 'leave',
          subjectId: parsed.instanceCode,
          before: { agent: known.agentOpenId, status: 'approved' },
          after: { status: 'revoked' },
          rule: 'R-DAY-2',
        },
        now,
      );
      outcome = 'revoked';
    } else {
      const l = parsed.leave;
      const member = await tx.members.get(l.agentOpenId);
      if (!member?.active) return 'not_member';
      if (!(await tx.day.addLeave({ ...l, receivedAt: now }))) return 'duplicate';
      await tx.audit.append(
        {
          actor: null,
          action: 'leave.approved',
          subjectType: 'leave',
          subjectId: l.instanceCode,
          after: { agent: l.agentOpenId, kind: l.kind, name: l.name, start: l.startAt, end: l.endAt },
          rule: 'R-DAY-2',
        },
        now,
      );
      outcome = 'recorded';
    }
    // Today's rotation follows at once (the next change would do it anyway); a day not started yet
    // picks the leave up when it starts.
    const today = localDate(now, this.deps.timezone);
    if (await tx.rotation.findDay(today)) await this.deps.rotation.withDay(tx, today, async () => undefined);
    return outcome;
  }

  /** RotationDayHooks: who is on leave right now is off duty; whoever a leave took off and no leave holds now is back. */
  async beforeChange(tx: Tx, d: DayContext, now: Date): Promise<void> {
    const from = startOfLocalDay(d.day, this.deps.timezone);
    const to = startOfLocalDay(addDays(d.day, 1), this.deps.timezone);
    const leaves = await tx.day.leavesOverlapping(from, to);
    if (!leaves.length) return;
    const agents = new Set(leaves.map((l) => l.agentOpenId));
    for (const agent of agents) {
      const m = d.member(agent);
      if (!m) continue;
      const mine = leaves.filter((l) => l.agentOpenId === agent);
      const active = mine.find((l) => isActiveAt(l, now));
      const took = mine.filter((l) => l.offDay === d.day);
      if (active) {
        // Once a leave took them off today, the desk may still put them back by hand: not undone again.
        if (m.onDuty && !took.length) {
          d.emit(
            { type: 'duty', agent, onDuty: false, source: 'feishu_leave' },
            { actor: null, rule: 'R-DAY-2', after: { onDuty: false, leave: active.instanceCode } },
          );
          await tx.day.setLeaveOffDay(active.id, d.day);
        }
        continue;
      }
      if (!took.length) continue;
      if (!m.onDuty)
        d.emit(
          { type: 'duty', agent, onDuty: true, source: 'feishu_leave' },
          { actor: null, rule: 'R-DAY-2', after: { onDuty: true, leave: took[0]!.instanceCode } },
        );
      for (const l of took) await tx.day.setLeaveOffDay(l.id, null);
    }
  }
}

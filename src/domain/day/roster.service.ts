import type { Member } from '../members/roles.js';
import { hasRole } from '../members/roles.js';
import type { DayContext, RotationDayHooks } from '../rotation/rotation.service.js';
import type { Clock } from '../shared/clock.js';
import { FormError, forbidden } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { addDays, isoWeekKey, localDate, startOfLocalDay, type IsoDate } from '../shared/zoned-time.js';
import { isActiveAt } from './leave.rules.js';
import {
  emptyDay,
  isoWeekday,
  rosterFor,
  rosterOfDay,
  weekDates,
  withWeek,
  type RosterDay,
  type RosterWeek,
  type StoredRosters,
} from './roster.rules.js';
import type { MessageKey } from '../../i18n/index.js';

/** Run-time setting holding the rosters of the latest weeks. */
export const SETTING_ROSTER = 'day.roster';

export interface RosterView {
  week: string;
  dates: IsoDate[];
  days: RosterDay[];
  /** The week was not set: this is the latest earlier week's roster, copied forward. */
  copiedFrom: string | null;
  agents: Member[];
  /** Who may be on reception duty: agents and the front desk. */
  dutyCandidates: Member[];
}

/**
 * R-DAY-2 duty roster (排班表): the front desk or the manager sets the week (who is on reception duty,
 * who is off, per day); a week nobody set is the last one copied forward. Each day's rotation starts
 * from it: agents off that day start off duty (a `duty` ledger row with source `roster`).
 */
export class RosterService implements RotationDayHooks {
  constructor(private readonly deps: { clock: Clock; timezone: string }) {}

  today(): IsoDate {
    return localDate(this.deps.clock.now(), this.deps.timezone);
  }

  private async stored(tx: Tx): Promise<StoredRosters> {
    return (await tx.settings.get<StoredRosters>(SETTING_ROSTER)) ?? { weeks: {} };
  }

  async dayOf(tx: Tx, date: IsoDate): Promise<RosterDay> {
    return rosterOfDay(await this.stored(tx), date);
  }

  async view(tx: Tx, date: IsoDate = this.today()): Promise<RosterView> {
    const week = isoWeekKey(date);
    const { roster, copiedFrom } = rosterFor(await this.stored(tx), week);
    const dates = weekDates(date);
    const members = await tx.members.list({ activeOnly: true });
    return {
      week,
      dates,
      days: dates.map((d) => roster[String(isoWeekday(d))] ?? emptyDay()),
      copiedFrom,
      agents: members.filter((m) => hasRole(m, 'agent')),
      dutyCandidates: members.filter((m) => hasRole(m, 'agent', 'front_desk')),
    };
  }

  /**
   * Saves the week holding `date` from the card's fields `duty_<1..7>` (one member) and `off_<1..7>`
   * (members). Someone on duty and off the same day is refused with the form back, filled in.
   */
  async save(tx: Tx, actor: Member, date: IsoDate, fields: Record<string, unknown>): Promise<RosterView> {
    if (!hasRole(actor, 'front_desk', 'manager')) throw forbidden('roster.forbidden');
    const view = await this.view(tx, date);
    const dutyIds = new Set(view.dutyCandidates.map((m) => m.openId));
    const agentIds = new Set(view.agents.map((m) => m.openId));
    const errors: Record<string, { key: MessageKey; params?: Record<string, string | number> }> = {};
    const roster: RosterWeek = {};
    for (let wd = 1; wd <= 7; wd++) {
      const dutyRaw = typeof fields[`duty_${wd}`] === 'string' ? (fields[`duty_${wd}`] as string) : '';
      const duty = dutyRaw && dutyIds.has(dutyRaw) ? dutyRaw : null;
      if (dutyRaw && !duty) errors[`duty_${wd}`] = { key: 'roster.err.not_member' };
      const off = strings(fields[`off_${wd}`]).filter((id) => agentIds.has(id));
      if (duty && off.includes(duty)) errors[`duty_${wd}`] = { key: 'roster.err.duty_off' };
      roster[String(wd)] = { duty, off: [...new Set(off)] };
    }
    if (Object.keys(errors).length) throw new FormError(errors, fields);
    const before = view.copiedFrom === null ? Object.fromEntries(view.days.map((d, i) => [String(i + 1), d])) : null;
    await tx.settings.set(SETTING_ROSTER, withWeek(await this.stored(tx), view.week, roster));
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'roster.saved',
        subjectType: 'roster',
        subjectId: view.week,
        before,
        after: roster,
        rule: 'R-DAY-2',
      },
      this.deps.clock.now(),
    );
    return this.view(tx, date);
  }

  /**
   * RotationDayHooks: the agent on reception duty receives first — unless a Feishu leave holds them when
   * the day starts (they are off duty then, and a returning agent is not owed the first turn).
   */
  async startOrder(tx: Tx, day: IsoDate, order: string[], now: Date): Promise<string[]> {
    const { duty } = await this.dayOf(tx, day);
    if (!duty || !order.includes(duty) || order[0] === duty) return order;
    const from = startOfLocalDay(day, this.deps.timezone);
    const to = startOfLocalDay(addDays(day, 1), this.deps.timezone);
    const leaves = await tx.day.leavesOverlapping(from, to);
    if (leaves.some((l) => l.agentOpenId === duty && isActiveAt(l, now))) return order;
    return [duty, ...order.filter((id) => id !== duty)];
  }

  /** RotationDayHooks: the day starts with the roster's days off applied. */
  async dayCreated(tx: Tx, d: DayContext): Promise<void> {
    const day = await this.dayOf(tx, d.day);
    for (const id of day.off) {
      const m = d.member(id);
      if (m?.onDuty)
        d.emit({ type: 'duty', agent: id, onDuty: false, source: 'roster' }, { actor: null, rule: 'R-DAY-2' });
    }
  }
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

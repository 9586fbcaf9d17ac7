import type { Settings } from '../../config.js';
import type { Member } from '../members/roles.js';
import { hasRole } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.js';
import type { ReceptionHooks } from '../shared/reception-hooks.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import { ledgerRefs, type LedgerFacts } from './ledger-rows.js';
import type { LedgerEntry, NewLedgerEntry } from './rotation.ports.js';
import type { DayRecord, InfoEvent } from './rotation.js';
import {
  applyEvent,
  dayOrder,
  fairness,
  ordered,
  pointerOf,
  replay,
  startDayState,
  STATE_EVENTS,
  type DayState,
  type FairnessFigures,
  type MemberState,
  type RotationEvent,
} from './rotation.rules.js';

/** Run-time setting: the configured rotation order (open_ids), changed by 上移/下移 on the rotation card. */
export const SETTING_ROTATION_ORDER = 'rotation.order';

/**
 * What else decides who is on duty (R-DAY-2): the week's roster when a day starts, and leave approved
 * in Feishu before every change, so an agent on leave is never offered a walk-in during it.
 */
export interface RotationDayHooks {
  /** A new day's starting order before the day exists, so the first ledger row and 重置 both carry it. */
  startOrder?(tx: Tx, day: string, order: string[], now: Date): Promise<string[]>;
  dayCreated?(tx: Tx, d: DayContext): Promise<void>;
  beforeChange?(tx: Tx, d: DayContext, now: Date): Promise<void>;
}

export interface RotationDeps {
  clock: Clock;
  settings: Settings['rotation'];
  timezone: string;
}

/** The agent's row as a ledger entry's before/after (R-AUD-1). */
function snapshot(m: MemberState | undefined): Record<string, unknown> | null {
  if (!m) return null;
  return {
    onDuty: m.onDuty,
    busy: m.busyWalkInId,
    offered: m.offeredWalkInId,
    turns: m.turns,
    received: m.received,
    passed: m.passed,
  };
}

export interface EmitMeta {
  actor: string | null;
  rule?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * One transaction's view of a locked day: every change is an event that updates the state and is
 * queued for the ledger, so the stored state and the ledger cannot disagree.
 */
export class DayContext {
  state: DayState;
  readonly entries: NewLedgerEntry[] = [];
  changed = false;

  constructor(
    readonly record: DayRecord,
    private readonly now: Date,
  ) {
    this.state = record.state;
  }

  get day(): string {
    return this.state.day;
  }

  emit(event: RotationEvent, meta: EmitMeta): void {
    const agent = 'agent' in event ? event.agent : undefined;
    const before = meta.before ?? (agent ? snapshot(this.member(agent)) : null);
    this.state = applyEvent(this.state, event);
    this.changed = true;
    const after = meta.after ?? (agent ? snapshot(this.member(agent)) : null);
    this.entries.push({
      day: this.day,
      at: this.now,
      actor: meta.actor,
      event,
      rule: meta.rule ?? null,
      before,
      after,
    });
  }

  note(event: InfoEvent, meta: EmitMeta): void {
    this.entries.push({
      day: this.day,
      at: this.now,
      actor: meta.actor,
      event,
      rule: meta.rule ?? null,
      before: meta.before ?? null,
      after: meta.after ?? null,
    });
  }

  member(openId: string): MemberState | undefined {
    return this.state.members.find((m) => m.openId === openId);
  }
}

export interface RotationView {
  day: string;
  members: Array<MemberState & { name: string; position: number }>;
  pointer: string | null;
  fairness: FairnessFigures;
}

/**
 * The day's rotation (R-ROT-1, R-ROT-2, R-ROT-4): created on first use each day or by `startDay`,
 * changed only by front desk and manager, and the seam through which filing the visitor form ends
 * an agent's busy state.
 */
export class RotationService implements ReceptionHooks {
  /** Members read once per transaction: names on cards and the agent list cost one query, not one each. */
  private readonly memberCache = new WeakMap<Tx, Promise<Member[]>>();

  private readonly dayHooks: RotationDayHooks[] = [];

  constructor(private readonly deps: RotationDeps) {}

  addDayHooks(hooks: RotationDayHooks): void {
    this.dayHooks.push(hooks);
  }

  members(tx: Tx): Promise<Member[]> {
    let p = this.memberCache.get(tx);
    if (!p) this.memberCache.set(tx, (p = tx.members.list()));
    return p;
  }

  async activeAgents(tx: Tx): Promise<Member[]> {
    return (await this.members(tx)).filter((m) => hasRole(m, 'agent'));
  }

  today(): string {
    return localDate(this.deps.clock.now(), this.deps.timezone);
  }

  now(): Date {
    return this.deps.clock.now();
  }

  get settings(): Settings['rotation'] {
    return this.deps.settings;
  }

  /** R-ROT-1: the scheduler calls this at the start of each working day; idempotent. */
  async startDay(tx: Tx, day: string = this.today()): Promise<void> {
    await this.withDay(tx, day, async () => undefined);
  }

  /**
   * Locks the day (creating it if needed), runs `fn`, then saves the state with a version check
   * and appends the ledger. All rotation changes of a day go through here, one at a time.
   */
  async withDay<T>(tx: Tx, day: string, fn: (d: DayContext) => Promise<T>): Promise<T> {
    const now = this.now();
    const { record, created, reordered } = await this.lockOrCreate(tx, day, now);
    const d = new DayContext(record, now);
    // The day's first ledger entry is its starting order, so that the ledger alone recomputes the day.
    if (created)
      d.entries.push({
        day,
        at: now,
        actor: null,
        event: { type: 'day_started', order: record.state.members.map((m) => m.openId) },
        rule: reordered ? 'R-DAY-2' : 'R-ROT-1',
        before: null,
        after: record.baseOrder,
      });
    await this.syncAgents(tx, d);
    for (const h of this.dayHooks) {
      if (created) await h.dayCreated?.(tx, d);
      await h.beforeChange?.(tx, d, now);
    }
    const result = await fn(d);
    if (d.changed && !(await tx.rotation.saveDay(record, d.state, now))) throw conflict('rotation.concurrent_change');
    await tx.rotation.appendLedger(d.entries);
    return result;
  }

  private async lockOrCreate(
    tx: Tx,
    day: string,
    now: Date,
  ): Promise<{ record: DayRecord; created: boolean; reordered?: boolean }> {
    const existing = await tx.rotation.lockDay(day);
    if (existing) return { record: existing, created: false };
    const agents = (await this.activeAgents(tx)).map((m) => m.openId);
    const configured = (await tx.settings.get<string[]>(SETTING_ROTATION_ORDER)) ?? [];
    const previous = this.deps.settings.dailyOrder === 'rotate' ? await tx.rotation.lastDayBefore(day) : undefined;
    const natural = dayOrder(this.deps.settings.dailyOrder, configured, previous?.baseOrder, agents);
    let order = natural;
    for (const h of this.dayHooks) if (h.startOrder) order = await h.startOrder(tx, day, order, now);
    const record: DayRecord = { state: startDayState(day, order), version: 0, baseOrder: order };
    const reordered = order.join() !== natural.join();
    if (await tx.rotation.createDay(record, now)) return { record, created: true, reordered };
    // Another instance created it a moment ago: use theirs.
    const theirs = await tx.rotation.lockDay(day);
    if (!theirs) throw conflict('rotation.concurrent_change');
    return { record: theirs, created: false };
  }

  /** Agents added since the day started join at the back; agents who left the role go off duty. */
  private async syncAgents(tx: Tx, d: DayContext): Promise<void> {
    const agents = await this.activeAgents(tx);
    const ids = new Set(agents.map((a) => a.openId));
    for (const a of agents)
      if (!d.member(a.openId)) d.emit({ type: 'joined', agent: a.openId }, { actor: null, rule: 'R-ROT-1' });
    for (const m of d.state.members)
      if (m.onDuty && !ids.has(m.openId))
        d.emit({ type: 'duty', agent: m.openId, onDuty: false }, { actor: null, rule: 'R-ROT-1' });
  }

  /** R-ROT-2: only front desk and manager change the rotation (招商员严禁个人勾画轮续). */
  requireDesk(actor: Member): void {
    if (!hasRole(actor, 'front_desk', 'manager')) throw forbidden('rotation.agents_cannot_change');
  }

  async move(tx: Tx, actor: Member, agent: string, direction: 'up' | 'down'): Promise<void> {
    this.requireDesk(actor);
    await this.withDay(tx, this.today(), async (d) => {
      if (!d.member(agent)) throw notFound('rotation.not_in_rotation');
      const before = ordered(d.state).map((m) => m.openId);
      d.emit({ type: 'moved', agent, direction }, { actor: actor.openId, rule: 'R-ROT-2', before });
      const after = ordered(d.state).map((m) => m.openId);
      d.entries[d.entries.length - 1]!.after = after;
      // The new order also becomes the configured order for the days to come.
      await tx.settings.set(SETTING_ROTATION_ORDER, after);
      await this.audit(tx, actor.openId, 'rotation.moved', d.day, before, after);
    });
  }

  async reset(tx: Tx, actor: Member): Promise<void> {
    this.requireDesk(actor);
    await this.withDay(tx, this.today(), async (d) => {
      const before = ordered(d.state).map((m) => m.openId);
      d.emit(
        { type: 'reset', order: d.record.baseOrder },
        { actor: actor.openId, rule: 'R-ROT-2', before, after: d.record.baseOrder },
      );
      await this.audit(
        tx,
        actor.openId,
        'rotation.reset',
        d.day,
        before,
        ordered(d.state).map((m) => m.openId),
      );
    });
  }

  /** 接待完成: the agent (or the desk for them) ends a busy state (R-ROT-4). */
  async markFree(tx: Tx, actor: Member, agent: string): Promise<boolean> {
    if (actor.openId !== agent) this.requireDesk(actor);
    return this.withDay(tx, this.today(), async (d) => {
      const m = d.member(agent);
      if (!m) throw notFound('rotation.not_in_rotation');
      if (m.busyWalkInId === null) return false;
      d.emit(
        { type: 'free', agent },
        { actor: actor.openId, rule: 'R-ROT-4', before: { busyWalkInId: m.busyWalkInId } },
      );
      return true;
    });
  }

  /** ReceptionHooks: the visitor registration was filed, so the agent is free again (R-ROT-4). */
  async visitorRegistered(
    tx: Tx,
    input: { agentOpenId: string; walkInId: number | undefined; clientId: number; at: Date },
  ): Promise<void> {
    if (input.walkInId !== undefined) {
      const w = await tx.walkIns.get(input.walkInId);
      if (w && w.clientId === null) await tx.walkIns.update(w.id, { clientId: input.clientId });
    }
    const day = this.today();
    const existing = await tx.rotation.findDay(day);
    if (!existing?.state.members.some((m) => m.openId === input.agentOpenId && m.busyWalkInId !== null)) return;
    await this.withDay(tx, day, async (d) => {
      const m = d.member(input.agentOpenId);
      if (!m || m.busyWalkInId === null) return;
      if (input.walkInId !== undefined && m.busyWalkInId !== input.walkInId) return; // registered someone else: still busy with this one
      d.emit(
        { type: 'free', agent: input.agentOpenId },
        {
          actor: input.agentOpenId,
          rule: 'R-ROT-4',
          before: { busyWalkInId: m.busyWalkInId },
          after: { clientId: input.clientId },
        },
      );
    });
  }

  /** The rotation card's data; creates today's rotation on first look (R-ROT-1). */
  async view(tx: Tx): Promise<RotationView> {
    const day = this.today();
    let rec = await tx.rotation.findDay(day);
    if (!rec) {
      await this.startDay(tx, day);
      rec = (await tx.rotation.findDay(day))!;
    }
    return this.toView(tx, rec.state);
  }

  async toView(tx: Tx, state: DayState): Promise<RotationView> {
    const names = await this.names(
      tx,
      state.members.map((m) => m.openId),
    );
    return {
      day: state.day,
      members: ordered(state).map((m, i) => ({ ...m, name: names[m.openId] ?? m.openId, position: i + 1 })),
      pointer: pointerOf(state)?.openId ?? null,
      fairness: fairness(state),
    };
  }

  /** A day's ledger, the state recomputed from it (R-AUD-1), and what its rows point at (R-AUD-2). */
  async ledger(
    tx: Tx,
    day: string,
  ): Promise<{
    entries: LedgerEntry[];
    replayed: DayState | undefined;
    names: Record<string, string>;
    facts: LedgerFacts;
  }> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw invalidInput('rotation.bad_date', { value: day });
    const entries = await tx.rotation.ledger(day);
    const events = entries.map((e) => e.event).filter((e): e is RotationEvent => STATE_EVENTS.has(e.type));
    const replayed = events.length && events[0]!.type === 'day_started' ? replay(day, events) : undefined;
    const ids = new Set<string>();
    for (const e of entries) {
      if (e.actor) ids.add(e.actor);
      if ('agent' in e.event && e.event.agent) ids.add(e.event.agent);
    }
    return {
      entries,
      replayed,
      names: await this.names(tx, [...ids]),
      facts: await this.ledgerFacts(tx, day, entries),
    };
  }

  /** Members by name (only members: a row never shows an open_id), the day's walk-ins and the clients named. */
  private async ledgerFacts(tx: Tx, day: string, entries: LedgerEntry[]): Promise<LedgerFacts> {
    const names: Record<string, string> = {};
    for (const m of await this.members(tx)) names[m.openId] = m.name;
    const walkIns = new Map(
      (await tx.walkIns.listByDay(day, 5000)).map((w) => [
        w.id,
        { clientId: w.clientId, name: w.name, phone: w.phone },
      ]),
    );
    const ids = new Set(ledgerRefs(entries).clientIds);
    for (const w of walkIns.values()) if (w.clientId !== null) ids.add(w.clientId);
    const clients = new Map(
      (ids.size ? await tx.clients.getMany([...ids]) : []).map((c) => [c.id, { name: c.name, regNo: c.regNo }]),
    );
    return { names, walkIns, clients };
  }

  async names(tx: Tx, ids: Iterable<string>): Promise<Record<string, string>> {
    const all = new Map((await this.members(tx)).map((m) => [m.openId, m.name]));
    const out: Record<string, string> = {};
    for (const id of ids) out[id] = all.get(id) ?? id;
    return out;
  }

  private async audit(
    tx: Tx,
    actor: string,
    action: string,
    day: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await tx.audit.append(
      { actor, action, subjectType: 'rotation_day', subjectId: day, before, after, rule: 'R-ROT-2' },
      this.now(),
    );
  }
}

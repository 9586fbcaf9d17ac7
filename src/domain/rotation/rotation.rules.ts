/**
 * The rotation (轮续表) as pure rules: one day's state and the events that change it.
 *
 * Why a turn counter and not a bare pointer: the department's rules say a busy agent is skipped
 * *without penalty* and gets the next walk-in once free (R-ROT-4, 可补接), while an absent agent
 * gets no make-up turns (不予补接), and a pass loses the turn. A modulo pointer cannot express
 * "owed" turns. Here each agent carries `turns` (rotation turns used today: accepts + passes) and a
 * tie-break `seq`; whoever is eligible with the fewest turns goes next, ties by `seq`. The pointer is
 * simply the first eligible agent in that order. Every change is an event, and the day's state is
 * the fold of its events, so the ledger can recompute it (R-AUD-1).
 */
export interface MemberState {
  openId: string;
  onDuty: boolean;
  /** The walk-in this agent is with (R-ROT-4 busy), until the visitor form is filed or 接待完成. */
  busyWalkInId: number | null;
  /** A pending offer this agent holds; no second walk-in is offered meanwhile. */
  offeredWalkInId: number | null;
  /** Rotation turns used today (accepted + passed + timed out): the priority key. */
  turns: number;
  /** Tie-break among equal turns: lower goes first. */
  seq: number;
  received: number;
  passed: number;
}

export interface DayState {
  day: string;
  members: MemberState[];
  nextSeq: number;
}

/** Events that change the state. Informational ledger entries (pool, ruling…) change nothing. */
export type RotationEvent =
  | { type: 'day_started'; order: string[] }
  | { type: 'reset'; order: string[] }
  | { type: 'joined'; agent: string }
  // `source`: who decided when not a person at the desk (the week's roster, a Feishu leave approval, R-DAY-2).
  | { type: 'duty'; agent: string; onDuty: boolean; source?: 'roster' | 'feishu_leave' }
  | { type: 'moved'; agent: string; direction: 'up' | 'down' }
  | { type: 'offered'; agent: string; walkInId: number }
  | { type: 'withdrawn'; agent: string; walkInId: number }
  | { type: 'accepted'; agent: string; walkInId: number }
  | { type: 'passed'; agent: string; walkInId: number; reason: 'pass' | 'timeout' }
  | { type: 'busy'; agent: string; walkInId: number }
  | { type: 'free'; agent: string };

export type EventType = RotationEvent['type'];
export const STATE_EVENTS: ReadonlySet<string> = new Set<EventType>([
  'day_started',
  'reset',
  'joined',
  'duty',
  'moved',
  'offered',
  'withdrawn',
  'accepted',
  'passed',
  'busy',
  'free',
]);

function fresh(openId: string, seq: number): MemberState {
  return { openId, onDuty: true, busyWalkInId: null, offeredWalkInId: null, turns: 0, seq, received: 0, passed: 0 };
}

/** R-ROT-1: the day starts with every listed agent on duty, in the given order. */
export function startDayState(day: string, order: string[]): DayState {
  const unique = [...new Set(order)];
  return { day, members: unique.map((id, i) => fresh(id, i)), nextSeq: unique.length };
}

/** The order for a new day: the configured one, or yesterday's rotated by one (a setting). */
export function dayOrder(
  mode: 'configured' | 'rotate',
  configured: string[],
  previousBase: string[] | undefined,
  agents: string[],
): string[] {
  let base = configured;
  if (mode === 'rotate' && previousBase?.length) base = [...previousBase.slice(1), previousBase[0]!];
  const known = base.filter((id) => agents.includes(id));
  return [...new Set([...known, ...agents])];
}

/** Members in rotation order: fewest turns first, then seq. */
export function ordered(state: DayState): MemberState[] {
  return [...state.members].sort((a, b) => a.turns - b.turns || a.seq - b.seq);
}

export function isEligible(m: MemberState): boolean {
  return m.onDuty && m.busyWalkInId === null && m.offeredWalkInId === null;
}

/** Who gets the next walk-in: the first eligible agent in order, not among `excluded` (already offered it). */
export function pickNext(state: DayState, excluded: ReadonlySet<string> = new Set()): MemberState | undefined {
  return ordered(state).find((m) => isEligible(m) && !excluded.has(m.openId));
}

/** The pointer shown on the rotation card. */
export const pointerOf = (state: DayState): MemberState | undefined => pickNext(state);

export function onDutyCount(state: DayState): number {
  return state.members.filter((m) => m.onDuty).length;
}

/** Applies one event; returns a new state (the input is not changed). Unknown agents are an error. */
export function applyEvent(state: DayState, e: RotationEvent): DayState {
  if (e.type === 'day_started' || e.type === 'reset')
    return resetTo(state, e.type === 'day_started' ? startDayState(state.day, e.order) : undefined, e.order);
  const s: DayState = { ...state, members: state.members.map((m) => ({ ...m })) };
  if (e.type === 'joined') {
    if (s.members.some((m) => m.openId === e.agent)) return s;
    const m = fresh(e.agent, s.nextSeq++);
    m.turns = minTurnsOnDuty(s); // no windfall for joining late
    s.members.push(m);
    return s;
  }
  const m = s.members.find((x) => x.openId === e.agent);
  if (!m) throw new Error(`rotation: ${e.agent} is not in the rotation of ${s.day}`);
  switch (e.type) {
    case 'duty': {
      if (e.onDuty && !m.onDuty) {
        // 不予补接: coming back from absence catches up with the others, it does not collect missed turns.
        const floor = minTurnsOnDuty(s);
        if (floor > m.turns) {
          m.turns = floor;
          m.seq = s.nextSeq++;
        }
      }
      m.onDuty = e.onDuty;
      if (!e.onDuty) m.offeredWalkInId = null;
      break;
    }
    case 'moved':
      swapWithNeighbour(s, m, e.direction);
      break;
    case 'offered':
      m.offeredWalkInId = e.walkInId;
      break;
    case 'withdrawn':
      if (m.offeredWalkInId === e.walkInId) m.offeredWalkInId = null;
      break;
    case 'accepted':
      m.offeredWalkInId = null;
      m.busyWalkInId = e.walkInId;
      m.received++;
      takeTurn(s, m);
      break;
    case 'passed':
      m.offeredWalkInId = null;
      m.passed++;
      takeTurn(s, m);
      break;
    case 'busy':
      if (m.busyWalkInId === null) m.busyWalkInId = e.walkInId;
      break;
    case 'free':
      m.busyWalkInId = null;
      break;
  }
  return s;
}

function resetTo(state: DayState, started: DayState | undefined, order: string[]): DayState {
  if (started) return started;
  // A reset puts today's order back; counts received/passed are history and stay; busy stays true.
  const byId = new Map(state.members.map((m) => [m.openId, m]));
  const ids = [...new Set([...order, ...state.members.map((m) => m.openId)])];
  return {
    day: state.day,
    nextSeq: ids.length,
    members: ids.map((id, i) => {
      const old = byId.get(id);
      return old ? { ...old, turns: 0, seq: i } : fresh(id, i);
    }),
  };
}

function takeTurn(s: DayState, m: MemberState): void {
  m.turns++;
  m.seq = s.nextSeq++;
}

function minTurnsOnDuty(s: DayState): number {
  const on = s.members.filter((m) => m.onDuty);
  return on.length ? Math.min(...on.map((m) => m.turns)) : 0;
}

/** Moving up or down swaps the two agents' places (turns and seq), so the order changes and nothing else. */
function swapWithNeighbour(s: DayState, m: MemberState, direction: 'up' | 'down'): void {
  const list = ordered(s);
  const i = list.findIndex((x) => x.openId === m.openId);
  const j = direction === 'up' ? i - 1 : i + 1;
  const other = list[j];
  if (!other) return;
  const o = s.members.find((x) => x.openId === other.openId)!;
  [m.turns, o.turns] = [o.turns, m.turns];
  [m.seq, o.seq] = [o.seq, m.seq];
}

/** Folds a day's ledger back into its state (R-AUD-1: the ledger is the source of truth). */
export function replay(day: string, events: RotationEvent[]): DayState {
  let s: DayState = { day, members: [], nextSeq: 0 };
  for (const e of events) s = applyEvent(s, e);
  return s;
}

export interface FairnessFigures {
  perAgent: Array<{ openId: string; received: number; passed: number }>;
  /** R-ROT-6: spread of walk-ins received among agents who never passed (max − min). */
  spread: number;
  fair: boolean;
}

/** R-ROT-6 figures for a day. Agents who passed are left out (they gave their turns away). */
export function fairness(state: DayState): FairnessFigures {
  const perAgent = state.members.map((m) => ({ openId: m.openId, received: m.received, passed: m.passed }));
  const never = state.members.filter((m) => m.passed === 0);
  const spread = never.length
    ? Math.max(...never.map((m) => m.received)) - Math.min(...never.map((m) => m.received))
    : 0;
  return { perAgent, spread, fair: spread <= 1 };
}

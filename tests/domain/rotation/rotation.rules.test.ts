import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  dayOrder,
  fairness,
  ordered,
  pickNext,
  pointerOf,
  replay,
  startDayState,
  type DayState,
  type RotationEvent,
} from '../../../src/domain/rotation/rotation.rules.js';

const apply = (s: DayState, ...events: RotationEvent[]) => events.reduce(applyEvent, s);
const ids = (s: DayState) => ordered(s).map((m) => m.openId);
const start = () => startDayState('2026-11-23', ['a', 'b', 'c']);

describe('rotation rules (pure)', () => {
  it('R-ROT-1: a day starts in the given order, everyone on duty, pointer at the first', () => {
    const s = start();
    expect(ids(s)).toEqual(['a', 'b', 'c']);
    expect(pointerOf(s)?.openId).toBe('a');
  });

  it("R-ROT-1: the order for a new day is the configured one, or yesterday's rotated by one; new agents join at the back", () => {
    expect(dayOrder('configured', ['c', 'a'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd'])).toEqual(['c', 'a', 'b', 'd']);
    expect(dayOrder('rotate', [], ['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual(['b', 'c', 'a']);
    expect(dayOrder('rotate', ['a', 'b'], undefined, ['a', 'b'])).toEqual(['a', 'b']);
    expect(dayOrder('configured', ['x', 'a'], undefined, ['a'])).toEqual(['a']);
  });

  it('R-ATT-1: the walk-in goes to the agent at the pointer, who then goes to the back', () => {
    const s = apply(
      start(),
      { type: 'offered', agent: 'a', walkInId: 1 },
      { type: 'accepted', agent: 'a', walkInId: 1 },
      { type: 'free', agent: 'a' },
    );
    expect(ids(s)).toEqual(['b', 'c', 'a']);
    expect(s.members.find((m) => m.openId === 'a')!.received).toBe(1);
  });

  it('R-ROT-3: an agent holding an offer is not offered a second walk-in at the same time', () => {
    const s = apply(start(), { type: 'offered', agent: 'a', walkInId: 1 });
    expect(pickNext(s)?.openId).toBe('b');
  });

  it('R-ROT-4: a busy agent is skipped without penalty and is first once free (make-up turn)', () => {
    let s = apply(start(), { type: 'accepted', agent: 'a', walkInId: 1 });
    s = apply(s, { type: 'accepted', agent: 'b', walkInId: 2 }, { type: 'free', agent: 'b' });
    // a is still busy: c, then b.
    expect(pickNext(s)?.openId).toBe('c');
    s = apply(s, { type: 'accepted', agent: 'c', walkInId: 3 }, { type: 'free', agent: 'c' });
    expect(pickNext(s)?.openId).toBe('b');
    s = apply(s, { type: 'accepted', agent: 'b', walkInId: 4 }, { type: 'free', agent: 'b' });
    // a frees with 1 received against b's 2: a goes first, without any pass counted.
    s = apply(s, { type: 'free', agent: 'a' });
    expect(pickNext(s)?.openId).toBe('a');
    expect(s.members.find((m) => m.openId === 'a')!.passed).toBe(0);
  });

  it('R-ROT-4: a pass or timeout loses the turn (goes behind) and is counted', () => {
    const s = apply(
      start(),
      { type: 'offered', agent: 'a', walkInId: 1 },
      { type: 'passed', agent: 'a', walkInId: 1, reason: 'pass' },
      { type: 'offered', agent: 'b', walkInId: 1 },
      { type: 'passed', agent: 'b', walkInId: 1, reason: 'timeout' },
    );
    expect(ids(s)).toEqual(['c', 'a', 'b']);
    expect(s.members.map((m) => m.passed)).toEqual([1, 1, 0]);
    expect(pickNext(s, new Set(['a', 'b']))?.openId).toBe('c');
  });

  it('R-ROT-5: nobody eligible and not yet offered → no one (the walk-in goes to the pool)', () => {
    const s = apply(
      start(),
      { type: 'accepted', agent: 'a', walkInId: 1 },
      { type: 'duty', agent: 'b', onDuty: false },
    );
    expect(pickNext(s, new Set(['c']))).toBeUndefined();
  });

  it('R-ROT-2: moving up or down swaps places and changes nothing else; an absent agent returns without make-up turns', () => {
    let s = apply(start(), { type: 'moved', agent: 'c', direction: 'up' });
    expect(ids(s)).toEqual(['a', 'c', 'b']);
    s = apply(s, { type: 'moved', agent: 'a', direction: 'up' });
    expect(ids(s)).toEqual(['a', 'c', 'b']);
    s = apply(s, { type: 'duty', agent: 'a', onDuty: false });
    for (let i = 1; i <= 4; i++)
      s = apply(
        s,
        { type: 'accepted', agent: pickNext(s)!.openId, walkInId: i },
        { type: 'free', agent: pickNext(s)?.openId ?? 'c' },
      );
    s = apply(s, { type: 'duty', agent: 'a', onDuty: true });
    // 不予补接: a comes back level with the least-served, behind them; no run of walk-ins.
    const a = s.members.find((m) => m.openId === 'a')!;
    expect(a.turns).toBe(Math.min(...s.members.filter((m) => m.openId !== 'a').map((m) => m.turns)));
    expect(a.received).toBe(0);
  });

  it('R-AUD-1: replaying the events gives the same state', () => {
    const events: RotationEvent[] = [
      { type: 'day_started', order: ['a', 'b', 'c'] },
      { type: 'offered', agent: 'a', walkInId: 1 },
      { type: 'passed', agent: 'a', walkInId: 1, reason: 'pass' },
      { type: 'offered', agent: 'b', walkInId: 1 },
      { type: 'accepted', agent: 'b', walkInId: 1 },
      { type: 'joined', agent: 'd' },
      { type: 'moved', agent: 'd', direction: 'up' },
      { type: 'reset', order: ['c', 'a', 'b'] },
    ];
    const folded = events.slice(1).reduce(applyEvent, startDayState('2026-11-23', ['a', 'b', 'c']));
    expect(replay('2026-11-23', events)).toEqual(folded);
  });

  it('R-ROT-6: fairness figures leave out agents who passed', () => {
    const s = apply(
      start(),
      { type: 'accepted', agent: 'a', walkInId: 1 },
      { type: 'accepted', agent: 'b', walkInId: 2 },
      { type: 'passed', agent: 'c', walkInId: 3, reason: 'pass' },
    );
    expect(fairness(s)).toMatchObject({ spread: 0, fair: true });
  });
});

import { describe, expect, it } from 'vitest';
import { isActiveAt, parseLeaveEvent } from '../../../src/domain/day/leave.rules.js';
import { rosterFor, rosterOfDay, withWeek, KEPT_WEEKS } from '../../../src/domain/day/roster.rules.js';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';

const SH = 'Asia/Shanghai';

describe('Feishu leave events (R-DAY-2)', () => {
  it('R-DAY-2: leave_approvalV2 → the applicant, its hours in the department zone and the i18n name', () => {
    const p = parseLeaveEvent(
      'leave_approvalV2',
      {
        instance_code: 'I-1',
        open_id: 'ou_a',
        leave_unit: 'HOUR',
        leave_name: '@i18n@n',
        leave_start_time: '2026-11-23 11:00:00',
        leave_end_time: '2026-11-23 14:00:00',
        i18n_resources: [{ locale: 'zh_cn', texts: { '@i18n@n': '事假' } }],
      },
      SH,
    );
    expect(p).toEqual({
      kind: 'approved',
      leave: {
        instanceCode: 'I-1',
        agentOpenId: 'ou_a',
        kind: 'leave',
        name: '事假',
        startAt: zonedToUtc('2026-11-23', 11, 0, 0, SH),
        endAt: zonedToUtc('2026-11-23', 14, 0, 0, SH),
      },
    });
  });

  it('R-DAY-2: a day-unit leave ending at 00:00:00 covers that whole day', () => {
    const p = parseLeaveEvent(
      'leave_approval',
      {
        instance_code: 'I-2',
        open_id: 'ou_a',
        leave_unit: 'DAY',
        leave_start_time: '2026-11-24 00:00:00',
        leave_end_time: '2026-11-24 00:00:00',
      },
      SH,
    );
    expect(p.kind === 'approved' && p.leave.endAt).toEqual(zonedToUtc('2026-11-25', 0, 0, 0, SH));
  });

  it('R-DAY-2: out_approval is an out-of-office; a revert names its instance; nonsense is ignored', () => {
    const out = parseLeaveEvent(
      'out_approval',
      {
        instance_code: 'O-1',
        open_id: 'ou_b',
        out_unit: 'HOUR',
        out_name: '外出',
        out_start_time: '2026-11-23 15:00:00',
        out_end_time: '2026-11-23 18:00:00',
      },
      SH,
    );
    expect(out.kind === 'approved' && out.leave.kind).toBe('out');
    expect(parseLeaveEvent('leave_approval_revert', { instance_code: 'I-1' }, SH)).toEqual({
      kind: 'revoked',
      instanceCode: 'I-1',
    });
    expect(
      parseLeaveEvent('leave_approvalV2', { instance_code: 'I-3', open_id: 'ou_a', leave_start_time: 'soon' }, SH).kind,
    ).toBe('ignored');
    expect(parseLeaveEvent('leave_approvalV2', { open_id: 'ou_a' }, SH).kind).toBe('ignored');
  });

  it('R-DAY-2: a leave holds from its start up to (not including) its end, and never once revoked', () => {
    const l = { status: 'approved' as const, startAt: new Date(1000), endAt: new Date(2000) };
    expect([isActiveAt(l, new Date(999)), isActiveAt(l, new Date(1000)), isActiveAt(l, new Date(2000))]).toEqual([
      false,
      true,
      false,
    ]);
    expect(isActiveAt({ ...l, status: 'revoked' }, new Date(1500))).toBe(false);
  });
});

describe('duty roster (R-DAY-2)', () => {
  it('R-DAY-2: a week not set copies the latest earlier week forward; an earlier week is not affected', () => {
    const stored = withWeek({ weeks: {} }, '2026-W48', { '2': { duty: 'ou_a', off: ['ou_c'] } });
    expect(rosterFor(stored, '2026-W50')).toEqual({ roster: stored.weeks['2026-W48'], copiedFrom: '2026-W48' });
    expect(rosterOfDay(stored, '2026-12-08')).toEqual({ duty: 'ou_a', off: ['ou_c'] }); // a Tuesday in W50
    expect(rosterOfDay(stored, '2026-11-17')).toEqual({ duty: null, off: [] }); // W47, before any roster
  });

  it('R-DAY-2: only the latest weeks are kept', () => {
    let s = { weeks: {} };
    for (let w = 1; w <= KEPT_WEEKS + 3; w++) s = withWeek(s, `2026-W${String(w).padStart(2, '0')}`, {});
    expect(Object.keys(s.weeks)).toHaveLength(KEPT_WEEKS);
    expect(Object.keys(s.weeks)[0]).toBe('2026-W04');
  });
});

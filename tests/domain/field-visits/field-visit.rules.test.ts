import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import {
  logDeadline,
  splitPlaces,
  validateOutcomes,
  validatePlan,
} from '../../../src/domain/field-visits/field-visit.rules.js';

const TZ = 'Asia/Shanghai';
const base = { visitDate: '2026-11-24', clientIds: [1], places: [], purpose: '看铺' };

describe('field-visit rules', () => {
  it('R-FV-1: a plan is for today or later, with something to visit and a purpose', () => {
    expect(validatePlan(base, '2026-11-23')).toEqual({});
    expect(validatePlan({ ...base, visitDate: '2026-11-23' }, '2026-11-23')).toEqual({});
    expect(validatePlan({ ...base, visitDate: '2026-11-22' }, '2026-11-23').visit_date?.key).toBe(
      'visit.plan.date_past',
    );
    expect(validatePlan({ ...base, visitDate: '2026-02-30' }, '2026-01-01').visit_date?.key).toBe(
      'visit.plan.date_invalid',
    );
    expect(validatePlan({ ...base, visitDate: '' }, '2026-11-23').visit_date?.key).toBe('visit.plan.date_required');
    expect(validatePlan({ ...base, clientIds: [] }, '2026-11-23').clients?.key).toBe('visit.plan.targets_required');
    expect(validatePlan({ ...base, clientIds: [], places: ['建材城'] }, '2026-11-23')).toEqual({});
    expect(validatePlan({ ...base, purpose: ' ' }, '2026-11-23').purpose?.key).toBe('visit.plan.purpose_required');
  });

  it('R-FV-1: places split on Chinese and ASCII separators', () => {
    expect(splitPlaces('建材城，五金街、 汽配城;建材城')).toEqual(['建材城', '五金街', '汽配城']);
  });

  it('R-FV-2: a log is due by 10:00 on the next working day (Friday → Monday; holidays skipped)', () => {
    const cal = new WorkingCalendar({ holidays: ['2026-11-24'], makeupWorkdays: [] });
    // Monday's visit: Tuesday is a holiday, so Wednesday 10:00 Shanghai = 02:00 UTC.
    expect(logDeadline('2026-11-23', cal, '10:00', TZ).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(logDeadline('2026-11-27', cal, '10:00', TZ).toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });

  it('R-FV-2: every planned client needs an outcome; grades are A–D', () => {
    expect(validateOutcomes([1, 2], [{ clientId: 1, outcome: '好', grade: 'A' }], '', false)).toEqual({
      outcome_2: { key: 'visit.log.outcome_required' },
    });
    expect(validateOutcomes([1], [{ clientId: 1, outcome: '好', grade: 'E' }], '', false).grade_1?.key).toBe(
      'visit.log.bad_grade',
    );
    expect(validateOutcomes([], [], '', true).summary?.key).toBe('visit.log.summary_required');
  });
});

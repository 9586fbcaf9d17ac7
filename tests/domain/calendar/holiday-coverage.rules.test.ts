import { describe, expect, it } from 'vitest';
import { yearsMissingHolidays } from '../../../src/domain/calendar/holiday-coverage.rules.js';

const with2026 = { holidays: ['2026-01-01', '2026-10-01'], makeupWorkdays: ['2026-10-10'] };

describe('working calendar: years whose public holidays are missing', () => {
  it('asks for the current year when it has no holiday at all', () => {
    expect(yearsMissingHolidays(with2026, '2027-03-02')).toEqual([2027]);
    expect(yearsMissingHolidays({ holidays: [], makeupWorkdays: [] }, '2026-05-06')).toEqual([2026]);
  });

  it('asks for the next year from November on (the State Council publishes it then), not before', () => {
    expect(yearsMissingHolidays(with2026, '2026-10-31')).toEqual([]);
    expect(yearsMissingHolidays(with2026, '2026-11-01')).toEqual([2027]);
    expect(yearsMissingHolidays(with2026, '2026-12-31')).toEqual([2027]);
  });

  it('one holiday of a year is enough; make-up working days alone are not', () => {
    expect(yearsMissingHolidays({ ...with2026, holidays: [...with2026.holidays, '2027-02-06'] }, '2026-11-23')).toEqual(
      [],
    );
    expect(yearsMissingHolidays({ ...with2026, makeupWorkdays: ['2027-02-14'] }, '2026-11-23')).toEqual([2027]);
  });
});

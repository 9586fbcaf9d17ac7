import { describe, expect, it } from 'vitest';
import { dateTime, formatTime, hhmm, paddedDateTime } from '../../../src/bot/cards/time-format.js';

// 2026-11-03 00:05 in Shanghai: midnight shows as 00, never 24, and the local day is the next UTC day.
const midnight = new Date('2026-11-02T16:05:00Z');

describe('card time formats (department timezone)', () => {
  it('each shape renders the local wall clock', () => {
    expect(formatTime(midnight, 'Asia/Shanghai')).toBe('11-03 00:05');
    expect(hhmm(midnight, 'Asia/Shanghai')).toBe('00:05');
    expect(dateTime(midnight, 'Asia/Shanghai')).toBe('11/3 00:05');
    expect(paddedDateTime(midnight, 'Asia/Shanghai')).toBe('11/03 00:05');
  });

  it('a formatter built for one zone is not reused for another', () => {
    expect(hhmm(midnight, 'Asia/Shanghai')).toBe('00:05');
    expect(hhmm(midnight, 'UTC')).toBe('16:05');
    expect(formatTime(midnight, 'UTC')).toBe('11-02 16:05');
  });
});

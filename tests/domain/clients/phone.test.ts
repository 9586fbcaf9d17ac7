import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '../../../src/domain/clients/phone.js';

describe('phone normalisation (R-ATT-3, R-INFO-2)', () => {
  const ok: Array<[string, string, 'mobile' | 'landline']> = [
    ['13812345678', '13812345678', 'mobile'],
    ['138 1234 5678', '13812345678', 'mobile'],
    ['138-1234-5678', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['+86-13812345678', '13812345678', 'mobile'],
    ['0086 13812345678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
    ['(0571) 8888-8888', '0571-88888888', 'landline'],
    ['0571-88888888', '0571-88888888', 'landline'],
    ['057188888888', '0571-88888888', 'landline'],
    ['010-62345678', '010-62345678', 'landline'],
    ['021 6123 4567', '021-61234567', 'landline'],
    ['0755-2345678', '0755-2345678', 'landline'],
    ['0571-88888888转123', '0571-88888888', 'landline'],
  ];
  it.each(ok)('R-ATT-3: %s → %s', (input, value, kind) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value, kind });
  });

  const bad = [
    '',
    '12345',
    '1381234567',
    '138123456789',
    '12812345678',
    'abc',
    '138一二三四5678',
    '88888888',
    '+1 415 555 0100',
    '0571-0888888',
    '010-12345678',
    '电话13812345678',
    '+86+13812345678',
  ];
  it.each(bad)('R-ATT-3: garbage %j is refused', (input) => {
    expect(normalizePhone(input).ok).toBe(false);
  });

  it('R-INFO-2: masks mobiles and landlines', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-88888888')).toBe('0571-****888');
  });
});

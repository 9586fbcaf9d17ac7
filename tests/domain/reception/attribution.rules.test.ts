import { describe, expect, it } from 'vitest';
import { decide, parseArrival } from '../../../src/domain/reception/attribution.rules.js';
import { FormError } from '../../../src/domain/shared/errors.js';

const isAgent = (id: string) => id.startsWith('ou_agent');

describe('attribution rules (pure)', () => {
  it('R-ATT-3: a returning client goes to the original owner, ahead of a business card or a leader referral', () => {
    const d = decide({
      returning: { clientId: 7, owner: { kind: 'agent', openId: 'ou_agent1' } },
      cardAgent: 'ou_agent2',
      leaderReferral: true,
    });
    expect(d).toEqual({
      rule: 'R-ATT-3',
      kind: 'returning',
      clientId: 7,
      owner: { kind: 'agent', openId: 'ou_agent1' },
    });
  });

  it('R-ATT-2: a business card names the agent directly, ahead of a leader referral', () => {
    expect(decide({ cardAgent: 'ou_agent2', leaderReferral: true })).toEqual({
      rule: 'R-ATT-2',
      kind: 'card',
      agent: 'ou_agent2',
    });
  });

  it('R-ATT-5: a leader referral without prior consultation goes to the pool', () => {
    expect(decide({ leaderReferral: true })).toEqual({ rule: 'R-ATT-5', kind: 'leader' });
  });

  it('R-ATT-1: otherwise the rotation decides', () => {
    expect(decide({ leaderReferral: false })).toEqual({ rule: 'R-ATT-1', kind: 'rotation' });
  });

  it('R-ATT-3: the phone is normalised so a returning client is matched however it was typed', () => {
    expect(parseArrival({ phone: '+86 138-1234-5678' }, isAgent).phone).toBe('13812345678');
    expect(parseArrival({ phone: '０５７１ ８８８８８８８' }, isAgent).phone).toBe('0571-8888888');
    expect(parseArrival({}, isAgent)).toMatchObject({
      name: null,
      phone: null,
      cardAgent: null,
      leaderReferral: false,
    });
  });

  it('R-ATT-2: a phone that is not Chinese and a card naming a non-agent are both reported at once, values kept', () => {
    try {
      parseArrival({ name: ' 张记 ', phone: '555-1234', cardAgent: 'ou_desk', leaderReferral: 'yes' }, isAgent);
      throw new Error('expected a FormError');
    } catch (err) {
      expect(err).toBeInstanceOf(FormError);
      const e = err as FormError;
      expect(Object.keys(e.fields).sort()).toEqual(['card_agent', 'phone']);
      expect(e.fields.phone!.key).toBe('reception.bad_phone');
      expect(e.values).toMatchObject({ name: '张记', phone: '555-1234', leader: 'yes' });
    }
  });
});

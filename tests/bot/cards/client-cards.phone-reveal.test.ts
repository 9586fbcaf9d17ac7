import { describe, expect, it } from 'vitest';
import { clientDetailCard, phoneRevealCard } from '../../../src/bot/cards/client-cards.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import type { Client } from '../../../src/domain/clients/client.js';
import type { ClientView, PhoneReveal } from '../../../src/domain/clients/client.service.js';
import { checkCard, formatViolations } from '../../../src/lark/card-rules.js';

const HOSTILE = '<at id=all></at>**阿强**';
const client: Client = {
  id: 7,
  regNo: 'DJ-20261204-001',
  name: HOSTILE,
  shopName: null,
  contactPerson: '张老板',
  phone: '13812345678',
  category: '五金',
  clientType: 'merchant',
  source: 'walk_in',
  grade: 'B',
  state: 'intent',
  lostReason: null,
  owner: { kind: 'agent', openId: 'ou_a' },
  createdAt: new Date(),
  updatedAt: new Date(),
};
const managerView: ClientView = {
  client,
  ownerName: '张招商',
  full: true,
  phone: '138****5678',
  phoneShown: false,
  canReveal: true,
  contactPerson: '张老板',
};
const extras = {
  openRevisits: [],
  forms: [],
  canFile: false,
  isManager: true,
  formatTime: (d: Date) => d.toISOString(),
  formatStamp: () => '12-04 10:12',
};
const reveal = (i: number, role: PhoneReveal['role'] = 'manager'): PhoneReveal => ({
  at: new Date(2026, 11, 4, 10, i),
  actor: `ou_${i}`,
  actorName: i === 0 ? HOSTILE : `经理${i}`,
  role,
});
const ok = (card: unknown) => expect(formatViolations(checkCard(card))).toBe('');
const buttons = (card: unknown) => JSON.stringify(card).match(/"a":"client\.phone\.reveal"/g)?.length ?? 0;

describe('R-INFO-2 cards: masked number, 查看电话 and the record of reveals', () => {
  it('R-INFO-2: the manager’s 详情 shows the number masked and the button only with its proof', () => {
    const withProof = clientDetailCard(managerView, { ...extras, revealProof: { chat: 'oc_p2p', k: 'k'.repeat(22) } });
    ok(withProof);
    expect(unescapeMd(JSON.stringify(withProof))).toContain('138****5678');
    expect(JSON.stringify(withProof)).not.toContain('13812345678');
    expect(buttons(withProof)).toBe(1);
    expect(buttons(clientDetailCard(managerView, extras))).toBe(0);
    expect(
      buttons(
        clientDetailCard({ ...managerView, canReveal: false }, { ...extras, revealProof: { chat: 'oc_p2p', k: 'k' } }),
      ),
    ).toBe(0);
  });

  it('R-INFO-2: the record lists reveals by role, name and time, newest last, the latest ten, names shown as typed (R-INFO-3)', () => {
    const reveals = [
      reveal(0),
      ...Array.from({ length: 11 }, (_, i) => reveal(i + 1, i === 10 ? 'leader' : 'manager')),
    ];
    const card = clientDetailCard(managerView, { ...extras, phoneReveals: reveals });
    ok(card);
    const s = unescapeMd(JSON.stringify(card));
    expect(s).toContain('电话查看记录');
    expect(s).not.toContain('经理1 于'); // the oldest two are beyond the latest ten
    expect(s).toContain('经理 经理2 于 12-04 10:12 查看了电话');
    expect(s.indexOf('经理 经理10 于')).toBeLessThan(s.indexOf('领导 经理11 于'));
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
  });

  it('R-INFO-2: the answer to 查看电话 carries the number and the recorded line; a hostile name stays text', () => {
    const card = phoneRevealCard(
      { ...managerView, phone: '13812345678', phoneShown: true, canReveal: false },
      { role: 'manager', name: HOSTILE, at: '12-04 10:12' },
    );
    ok(card);
    const s = unescapeMd(JSON.stringify(card));
    expect(s).toContain('13812345678');
    expect(s).toContain(`经理 ${HOSTILE} 于 12-04 10:12 查看了电话`);
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
    ok(phoneRevealCard({ ...managerView, phone: '13812345678', phoneShown: true, canReveal: false }, null));
  });
});

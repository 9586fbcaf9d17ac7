import { describe, expect, it } from 'vitest';
import { countElements } from '../../../src/bot/cards/card-kit.js';
import { clientDetailCard, clientListCard, detailButton, mineFilters } from '../../../src/bot/cards/client-cards.js';
import { visitorFormCard } from '../../../src/bot/cards/form-cards.js';
import type { Client } from '../../../src/domain/clients/client.js';
import type { ClientView } from '../../../src/domain/clients/client.service.js';
import type { FormRecord } from '../../../src/domain/forms/form.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';

const client = (i: number): Client => ({
  id: i,
  regNo: `DJ-20261122-${String(i).padStart(3, '0')}`,
  name: `很长的客户名称老王五金建材批发商行第${i}号店`.repeat(2),
  shopName: null,
  contactPerson: '王先生',
  phone: '13812345678',
  category: '五金',
  clientType: 'merchant',
  source: 'walk_in',
  grade: 'A',
  state: 'following',
  lostReason: null,
  owner: { kind: 'agent', openId: 'ou_x' },
  createdAt: new Date(),
  updatedAt: new Date(),
});
const view = (i: number, full: boolean): ClientView => ({
  client: client(i),
  ownerName: '李招商',
  full,
  phone: full ? '13812345678' : '138****5678',
  phoneShown: full,
  canReveal: false,
  contactPerson: full ? '王先生' : null,
});
const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card));

describe('cards stay under Feishu limits and keep what was typed', () => {
  it('a full page of clients (20, the largest page size) with filters: < 200 components, < 30 KB', () => {
    const page = { items: Array.from({ length: 20 }, (_, i) => view(i + 1, true)), total: 2000, page: 3, pages: 100 };
    const card = clientListCard({
      title: '我的客户',
      page,
      filters: mineFilters({ grade: 'A' }),
      rowButton: detailButton,
      pageValue: (p) => ({ a: 'clients.mine.page', page: p }),
      empty: '',
    });
    expect(countElements(card)).toBeLessThan(200);
    expect(size(card)).toBeLessThan(30_000);
  });

  it('a client card with open revisits and forms: < 200 components, < 30 KB', () => {
    const forms = Array.from(
      { length: 30 },
      (_, i) =>
        ({
          id: i,
          kind: 'visitor',
          filedAt: new Date(),
          late: true,
          incomplete: true,
          flagged: false,
        }) as unknown as FormRecord,
    );
    const revisits = Array.from(
      { length: 30 },
      (_, i) => ({ id: i, dueDate: '2026-11-23', purpose: '看铺位'.repeat(20) }) as never,
    );
    const card = clientDetailCard(view(1, true), {
      openRevisits: revisits,
      forms,
      canFile: true,
      isManager: true,
      formatTime: () => '11/22 10:00',
    });
    expect(countElements(card)).toBeLessThan(200);
    expect(size(card)).toBeLessThan(30_000);
  });

  it('R-INFO-2: a limited view shows neither the contact person nor the phone', () => {
    const s = JSON.stringify(
      clientDetailCard(view(1, false), {
        openRevisits: [],
        forms: [],
        canFile: false,
        isManager: false,
        formatTime: () => '',
      }),
    );
    expect(unescapeMd(s)).toContain('138****5678');
    expect(s).not.toContain('13812345678');
    expect(s).not.toContain('王先生');
  });

  it('R-FORM-1: a failed form comes back with the typed values and an error under the field', () => {
    const card = visitorFormCard(
      2,
      { walkInId: 9 },
      {
        values: { name: '老王五金', phone: '12345', grade: 'B', client_type: 'merchant' },
        errors: { phone: '不是有效的电话号码' },
      },
    );
    const s = JSON.stringify(card);
    expect(s).toContain('"default_value":"老王五金"');
    expect(s).toContain('"default_value":"12345"');
    expect(s).toContain('"initial_option":"B"');
    expect(s).toContain('不是有效的电话号码');
    expect(s).toContain('"walkInId":9');
  });
});

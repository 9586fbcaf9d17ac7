import type { Member } from '../../../src/domain/members/roles.js';
import type { Tx } from '../../../src/domain/shared/tx.js';

/** Small helpers to put other features' rows (members, clients, signed contracts) in place for target tests. */
export const member = (openId: string, name: string, roles: Member['roles']): Member => ({
  openId,
  name,
  roles,
  active: true,
  nameRefreshedAt: null,
});

let seq = 0;

export async function signed(
  tx: Tx,
  c: {
    agent: string | null;
    date: string;
    rent?: number | null;
    area?: number | null;
    client?: string;
    phone?: string | null;
    no?: string;
  },
  now = new Date('2026-11-01T00:00:00Z'),
) {
  seq++;
  const client = await tx.clients.create(
    {
      name: c.client ?? `客户${seq}`,
      shopName: null,
      contactPerson: null,
      phone: c.phone ?? null,
      category: null,
      clientType: 'merchant',
      source: 'walk_in',
      grade: 'A',
      owner: c.agent ? { kind: 'agent', openId: c.agent } : { kind: 'pool' },
    },
    now,
  );
  return tx.contracts.addSigned(
    {
      contractNo: c.no ?? `HT-${seq}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase(),
      clientId: client.id,
      agentOpenId: c.agent,
      signedDate: c.date,
      unit: `A-${seq}`,
      area: c.area === undefined ? 100 : c.area,
      monthlyRent: c.rent === undefined ? 10000 : c.rent,
      collectionId: null,
      enteredBy: 'ou_desk',
    },
    now,
  );
}

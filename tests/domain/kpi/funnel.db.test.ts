import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelElements } from '../../../src/bot/cards/kpi-cards.js';
import { KpiService } from '../../../src/domain/kpi/kpi.service.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { Tx } from '../../../src/domain/shared/tx.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';

const A = 'ou_kpi_a';
const B = 'ou_kpi_b';
const local = (date: string, hh = '10:00') => new Date(`${date}T${hh}:00+08:00`);

let seq = 0;
async function client(tx: Tx, owner: string | null, source: string, created: string) {
  seq++;
  return tx.clients.create(
    {
      name: `客户${seq}`,
      shopName: null,
      contactPerson: null,
      phone: `1380000${String(seq).padStart(4, '0')}`,
      category: null,
      clientType: 'merchant',
      source,
      grade: 'B',
      owner: owner ? { kind: 'agent', openId: owner } : { kind: 'pool' },
    },
    local(created),
  );
}
async function walkIn(tx: Tx, day: string, status: 'accepted' | 'assigned' | 'pool' | 'offered', owner: string | null) {
  await tx.walkIns.create({
    day,
    registeredBy: 'ou_desk',
    arrivedAt: local(day),
    name: null,
    phoneTyped: null,
    phone: null,
    cardAgent: null,
    leaderReferral: false,
    note: null,
    rule: 'R-ROT-1',
    status,
    owner,
    clientId: null,
    decidedAt: local(day),
  });
}
async function visitor(tx: Tx, agent: string, clientId: number, at: Date, outcome: 'created' | 'duplicate') {
  await tx.formRecords.add({
    kind: 'visitor',
    clientId,
    agentOpenId: agent,
    filedBy: agent,
    filedAt: at,
    dueAt: null,
    late: false,
    incomplete: false,
    missing: [],
    refId: null,
    dedupeKey: null,
    payload: { outcome },
  });
}
async function deposit(tx: Tx, agent: string, clientId: number, paid: string) {
  await tx.contracts.addSigningPlan(
    { clientId, agentOpenId: agent, depositAmount: 5000, paidDate: paid, signingDate: paid, unit: 'A-1' },
    local(paid),
  );
}
async function signed(tx: Tx, agent: string | null, clientId: number, date: string) {
  seq++;
  await tx.contracts.addSigned(
    {
      contractNo: `HT-KPI-${seq}`,
      clientId,
      agentOpenId: agent,
      signedDate: date,
      unit: null,
      area: null,
      monthlyRent: null,
      collectionId: null,
      enteredBy: 'ou_desk',
    },
    local(date),
  );
}

/**
 * R-KPI-1 on a seeded November, every number worked out by hand (see the comments): rows just
 * outside the month, a 撞单 registration, an offer still open and a pool client must not count.
 */
describe('R-KPI-1 funnel and development count', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  beforeAll(async () => {
    t = await openTestDb();
    uow = new TypeOrmUnitOfWork(t.db, new ManualClock('2026-12-01T01:00:00Z'));
    await uow.run(async (tx) => {
      // Development: A brought in 2 by business card / flyer and 1 self-sourced (referral); a walk-in client
      // is the rotation's, not A's development; B 1 self-sourced (online). Excluded: A's card client of
      // October 31st and a pool client.
      const a1 = await client(tx, A, 'card', '2026-11-02');
      const a2 = await client(tx, A, 'card', '2026-11-15');
      const a3 = await client(tx, A, 'referral', '2026-11-20');
      const a4 = await client(tx, A, 'walk_in', '2026-11-21');
      const b1 = await client(tx, B, 'online', '2026-11-03');
      await client(tx, A, 'card', '2026-10-31');
      const pool = await client(tx, null, 'card', '2026-11-05');
      // Walk-ins: A 5 accepted in November (+1 on Oct 31, +1 still offered: neither counts), B 2 assigned, pool 1.
      for (const d of ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-30'])
        await walkIn(tx, d, 'accepted', A);
      await walkIn(tx, '2026-10-31', 'accepted', A);
      await walkIn(tx, '2026-11-06', 'offered', A);
      await walkIn(tx, '2026-11-09', 'assigned', B);
      await walkIn(tx, '2026-11-10', 'assigned', B);
      await walkIn(tx, '2026-11-11', 'pool', null);
      // Registrations: A 3 (the last at 23:30 on the 30th, local time), B 1. Not counted: A's 撞单 and
      // A's form at 00:10 on December 1st.
      await visitor(tx, A, a1.id, local('2026-11-02'), 'created');
      await visitor(tx, A, a2.id, local('2026-11-15'), 'created');
      await visitor(tx, A, a4.id, local('2026-11-30', '23:30'), 'created');
      await visitor(tx, A, a3.id, local('2026-11-20'), 'duplicate');
      await visitor(tx, A, a3.id, local('2026-12-01', '00:10'), 'created');
      await visitor(tx, B, b1.id, local('2026-11-03'), 'created');
      // Deposits by paid date: A 2, B 1 (A's of December 1st excluded).
      await deposit(tx, A, a1.id, '2026-11-10');
      await deposit(tx, A, a2.id, '2026-11-25');
      await deposit(tx, A, a4.id, '2026-12-01');
      await deposit(tx, B, b1.id, '2026-11-12');
      // Contracts by signing date: A 1, B 1, the public pool 1 (department only).
      await signed(tx, A, a1.id, '2026-11-20');
      await signed(tx, B, b1.id, '2026-11-25');
      await signed(tx, null, pool.id, '2026-11-10');
      await signed(tx, A, a2.id, '2026-12-01');
    });
  });
  afterAll(async () => t?.close());

  it('R-KPI-1: per agent and for the department, stages, conversion rates and development as counted by hand', async () => {
    const r = await uow.run((tx) =>
      new KpiService({ timezone: 'Asia/Shanghai' }).funnel(tx, '2026-11-01', '2026-11-30'),
    );
    const a = r.agents.find((x) => x.agentOpenId === A)!;
    const b = r.agents.find((x) => x.agentOpenId === B)!;
    // A: 5 → 3 (60.0 %) → 2 (66.7 %) → 1 (50.0 %); 1 of 5 walk-ins signed = 20.0 %.
    expect(a).toMatchObject({ walkIns: 5, registrations: 3, deposits: 2, signed: 1 });
    expect(a.rates).toEqual({
      walkInToRegistration: 60,
      registrationToDeposit: 66.7,
      depositToSigned: 50,
      walkInToSigned: 20,
    });
    expect(a.development).toEqual({ card: 2, self: 1, total: 3 });
    // B: 2 → 1 (50 %) → 1 (100 %) → 1 (100 %); 50 % overall.
    expect(b).toMatchObject({ walkIns: 2, registrations: 1, deposits: 1, signed: 1 });
    expect(b.rates).toEqual({
      walkInToRegistration: 50,
      registrationToDeposit: 100,
      depositToSigned: 100,
      walkInToSigned: 50,
    });
    expect(b.development).toEqual({ card: 0, self: 1, total: 1 });
    // Department: walk-ins 5 + 2 + 1 (pool) = 8, registrations 4, deposits 3, contracts 1 + 1 + 1 (pool) = 3.
    expect(r.department).toMatchObject({ walkIns: 8, registrations: 4, deposits: 3, signed: 3 });
    expect(r.department.rates).toEqual({
      walkInToRegistration: 50,
      registrationToDeposit: 75,
      depositToSigned: 100,
      walkInToSigned: 37.5,
    });
    expect(r.department.development).toEqual({ card: 2, self: 2, total: 4 });
  });

  it('R-KPI-1: the card states the department funnel in words and one table row per agent (names, never open_ids)', async () => {
    const r = await uow.run((tx) =>
      new KpiService({ timezone: 'Asia/Shanghai' }).funnel(tx, '2026-11-01', '2026-11-30'),
    );
    const els = funnelElements(r, { [A]: '张三', [B]: '李四' });
    const s = JSON.stringify(els);
    expect(s).toContain(
      '到访 8 → 登记 4（50.0%）→ 定金 3（75.0%）→ 签约 3（100.0%）；到访→签约 37.5%；开发 4（名片/单页 2，自拓 2）',
    );
    const table = els.find((e) => e.tag === 'table') as { rows: Array<Record<string, unknown>> };
    expect(table.rows).toEqual([
      expect.objectContaining({
        agent: '张三',
        walk: 5,
        reg: 3,
        dep: 2,
        sign: 1,
        overall: '20.0%',
        dev: '3（名片 2/自拓 1）',
      }),
      expect.objectContaining({
        agent: '李四',
        walk: 2,
        reg: 1,
        dep: 1,
        sign: 1,
        overall: '50.0%',
        dev: '1（名片 0/自拓 1）',
      }),
    ]);
    expect(s).not.toContain(A);
    // An agent's own 业绩 shows their row only, beside the department.
    const mine = JSON.stringify(funnelElements(r, { [A]: '张三', [B]: '李四' }, { only: A }));
    expect(mine).toContain('张三');
    expect(mine).not.toContain('李四');
  });
});

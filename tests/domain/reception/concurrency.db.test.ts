import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { openReceptionFixture, type ReceptionFixture } from './reception-fixture.js';

let f: ReceptionFixture;
beforeAll(async () => {
  f = await openReceptionFixture({ agents: 8 });
});
afterAll(async () => f?.close());
beforeEach(async () => {
  await f.reset();
  await f.run((tx) => f.rotation.startDay(tx));
});

const desk = () => f.members.ou_desk!;
const outcomes = (results: PromiseSettledResult<unknown>[]) => ({
  ok: results.filter((r) => r.status === 'fulfilled').length,
  refused: results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => (r.reason instanceof DomainError ? r.reason.messageKey : String(r.reason))),
});

describe('concurrency (both databases)', () => {
  it('R-ROT-3: walk-ins registered at the same instant are never offered to the same agent; the overflow goes to the pool', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => f.run((tx) => f.reception.arrive(tx, desk(), { name: `同时到访${i}` }))),
    );
    expect(outcomes(results).refused).toEqual([]);
    const pending = await f.run((tx) => tx.walkIns.pendingOffers('2026-11-23'));
    expect(pending).toHaveLength(8);
    expect(new Set(pending.map((o) => o.agent)).size).toBe(8);
    const walkIns = await f.run((tx) => tx.walkIns.listByDay('2026-11-23', 100));
    expect(walkIns.filter((w) => w.status === 'pool')).toHaveLength(2);
    const stored = (await f.run((tx) => tx.rotation.findDay('2026-11-23')))!;
    expect(stored.state.members.filter((m) => m.offeredWalkInId !== null)).toHaveLength(8);
  });

  it('R-ROT-3: a double-clicked 接待 produces exactly one outcome; the second click is told it was already taken', async () => {
    const v = await f.run((tx) => f.reception.arrive(tx, desk(), { name: '双击', phone: '13800138000' }));
    const offer = (await f.run((tx) => tx.walkIns.offersOf(v.walkIn.id)))[0]!;
    const agent = f.members[offer.agent]!;
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => f.run((tx) => f.reception.accept(tx, agent, offer.id))),
    );
    const o = outcomes(results);
    expect(o.ok).toBe(1);
    expect(o.refused).toEqual(['reception.offer_already_accepted', 'reception.offer_already_accepted']);
    const day = (await f.run((tx) => tx.rotation.findDay('2026-11-23')))!;
    expect(day.state.members.find((m) => m.openId === agent.openId)!.received).toBe(1);
    expect(Number((await f.t.ds.query('SELECT COUNT(*) AS n FROM client'))[0].n)).toBe(1);
  });

  it('R-ROT-4: 接待 racing 忙碌跳过 and the timeout sweep: exactly one of them wins', async () => {
    const v = await f.run((tx) => f.reception.arrive(tx, desk(), {}));
    const offer = (await f.run((tx) => tx.walkIns.offersOf(v.walkIn.id)))[0]!;
    const agent = f.members[offer.agent]!;
    f.clock.advance(181_000);
    const results = await Promise.allSettled([
      f.run((tx) => f.reception.accept(tx, agent, offer.id)),
      f.run((tx) => f.reception.pass(tx, agent, offer.id)),
      f.run((tx) => f.reception.sweepExpiredOffers(tx, f.clock.now())),
    ]);
    const resolved = (await f.run((tx) => tx.walkIns.offersOf(v.walkIn.id))).find((o) => o.id === offer.id)!;
    expect(resolved.status).not.toBe('pending');
    const sweepCount = results[2]!.status === 'fulfilled' ? (results[2] as PromiseFulfilledResult<number>).value : 0;
    const winners =
      (results[0]!.status === 'fulfilled' ? 1 : 0) + (results[1]!.status === 'fulfilled' ? 1 : 0) + sweepCount;
    expect(winners).toBe(1);
    const day = (await f.run((tx) => tx.rotation.findDay('2026-11-23')))!;
    const m = day.state.members.find((x) => x.openId === agent.openId)!;
    expect(m.received + m.passed).toBe(1);
  });

  it('R-ATT-6: two rulings on the same dispute at once: one is final, the other is told it was already decided', async () => {
    const mgr2 = await f.addMember('ou_mgr2', '王经理', ['manager']);
    const v = await f.run((tx) => f.reception.arrive(tx, desk(), { name: '争议客户', phone: '13911112222' }));
    const offer = (await f.run((tx) => tx.walkIns.offersOf(v.walkIn.id)))[0]!;
    await f.run((tx) => f.reception.accept(tx, f.members[offer.agent]!, offer.id));
    const claimant = Object.values(f.members).find((m) => m.roles.includes('agent') && m.openId !== offer.agent)!;
    const d = await f.run((tx) => f.disputes.raise(tx, claimant, '13911112222', '我先接触的'));
    const results = await Promise.allSettled([
      f.run((tx) => f.disputes.decide(tx, f.members.ou_mgr!, d.dispute.id, 'pool')),
      f.run((tx) => f.disputes.decide(tx, mgr2, d.dispute.id, 'claimant')),
    ]);
    const o = outcomes(results);
    expect(o.ok).toBe(1);
    expect(o.refused[0]).toMatch(/^dispute\.already_decided_(pool|claimant)$/);
    const rulings = await f.run((tx) => tx.audit.list({ subjectType: 'client' }));
    expect(rulings.filter((a) => a.action.startsWith('dispute.decided'))).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FairnessAuditor, seeded } from './fairness-auditor.js';
import { openReceptionFixture, type ReceptionFixture } from '../reception/reception-fixture.js';

let f: ReceptionFixture;
beforeAll(async () => {
  f = await openReceptionFixture({ agents: 8 });
});
afterAll(async () => f?.close());

/**
 * The same kind of day as the pure simulation, but through the real services and database: offers,
 * passes, timeouts swept from stored deadlines, busy agents freed by the visitor-form hook.
 */
describe('a simulated day through the services (both databases)', () => {
  it('R-ROT-6: 80 walk-ins, 8 agents — fair among agents who never passed, each walk-in with one owner or the pool, ledger = state', async () => {
    const rng = seeded(42);
    const agents = Array.from({ length: 8 }, (_, i) => `ou_a${i + 1}`);
    const passRate = new Map(agents.map((a, i) => [a, i < 4 ? 0 : 0.15]));
    const auditor = new FairnessAuditor(agents);
    const busy = new Map<string, { until: number; walkInId: number }>();
    const phones: string[] = [];
    const desk = f.members.ou_desk!;
    const start = f.clock.now().getTime();
    const minutes = () => (f.clock.now().getTime() - start) / 60_000;

    for (let i = 0; i < 80; i++) {
      f.clock.advance(Math.floor(rng() * 4 * 60_000));
      for (const [a, b] of busy) {
        if (b.until > minutes()) continue;
        busy.delete(a);
        await f.run((tx) =>
          f.rotation.visitorRegistered(tx, { agentOpenId: a, walkInId: b.walkInId, clientId: 0, at: f.clock.now() }),
        );
      }
      const r = rng();
      const phone =
        r < 0.15 && phones.length ? phones[Math.floor(rng() * phones.length)]! : `1390000${String(i).padStart(4, '0')}`;
      const cardAgent = r >= 0.15 && r < 0.25 ? agents[Math.floor(rng() * 8)] : undefined;
      const snapshot = [...busy.keys()];
      const v = await f.run((tx) =>
        f.reception.arrive(tx, desk, { phone, cardAgent, leaderReferral: r >= 0.25 && r < 0.3 }),
      );
      if (!phones.includes(phone)) phones.push(phone);
      if (v.walkIn.status === 'assigned' && !busy.has(v.walkIn.owner!))
        busy.set(v.walkIn.owner!, { until: minutes() + 3 + rng() * 15, walkInId: v.walkIn.id });
      for (;;) {
        const pending = (await f.run((tx) => tx.walkIns.offersOf(v.walkIn.id))).find((o) => o.status === 'pending');
        if (!pending) break;
        const who = f.members[pending.agent]!;
        const x = rng();
        if (x < passRate.get(who.openId)!) {
          auditor.onPassed(who.openId);
          if (x < passRate.get(who.openId)! / 3) {
            f.clock.advance(181_000);
            await f.run((tx) => f.reception.sweepExpiredOffers(tx, f.clock.now()));
          } else {
            await f.run((tx) => f.reception.pass(tx, who, pending.id));
          }
          continue;
        }
        await f.run((tx) => f.reception.accept(tx, who, pending.id));
        auditor.onReceived(who.openId, snapshot);
        busy.set(who.openId, { until: minutes() + 3 + rng() * 15, walkInId: v.walkIn.id });
      }
    }

    expect(auditor.violations()).toEqual([]);
    expect(auditor.pairsChecked).toBeGreaterThan(0);
    const walkIns = await f.run((tx) => tx.walkIns.listByDay('2026-11-23', 1000));
    expect(walkIns).toHaveLength(80);
    for (const w of walkIns) {
      const owned = (w.status === 'accepted' || w.status === 'assigned') && w.owner !== null;
      const pooled = w.status === 'pool' && w.owner === null;
      expect(owned !== pooled, `walk-in #${w.id} ${w.status}/${w.owner}`).toBe(true);
      const accepted = (await f.run((tx) => tx.walkIns.offersOf(w.id))).filter((o) => o.status === 'accepted');
      expect(accepted.length).toBe(w.status === 'accepted' ? 1 : 0);
    }
    const { replayed } = await f.run((tx) => f.rotation.ledger(tx, '2026-11-23'));
    const stored = (await f.run((tx) => tx.rotation.findDay('2026-11-23')))!.state;
    const by = (s: typeof stored) => Object.fromEntries(s.members.map((m) => [m.openId, m]));
    expect(by(replayed!)).toEqual(by(stored));
    for (const [a, n] of auditor.counts()) expect(by(stored)[a]!.received, a).toBe(n);
  });
});

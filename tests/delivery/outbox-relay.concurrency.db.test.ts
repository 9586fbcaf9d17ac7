import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/persistence/data-source.js';
import { Database } from '../../src/persistence/database.js';
import { OutboxStore } from '../../src/persistence/repositories/outbox-store.js';
import type { DataSource } from 'typeorm';
import { testDialect } from '../helpers/test-db.js';
import { openHarness, type Harness } from './relay-harness.js';
import { schema } from '../../src/features/index.js';

/**
 * Several instances share one database: each runs a relay with its own connection pool. Claims are
 * conditional updates, so a row is sent by one relay only — also when a crashed relay's leases
 * run out and two survivors reach for the same rows at once.
 */
describe('two relays on one database', () => {
  let h: Harness;
  let ds2: DataSource;
  let store2: OutboxStore;
  beforeAll(async () => {
    h = await openHarness({});
    ds2 = await openDatabase(h.tdb.config, schema);
    store2 = new OutboxStore(new Database(ds2));
  });
  beforeEach(async () => h.reset());
  afterAll(async () => {
    await ds2?.destroy();
    await h?.close();
  });

  it('never sends a row twice when both drain the same backlog', async () => {
    await h.fanOut(30, 4); // 120 messages
    const r1 = h.relay({}, { concurrency: 4 });
    const r2 = h.relay({}, { concurrency: 4 }, h.lark, store2);
    let byR1 = 0;
    let byR2 = 0;
    for (let pass = 0; pass < 20; pass++) {
      const [a, b] = await Promise.all([r1.drain(), r2.drain()]);
      byR1 += a;
      byR2 += b;
      if ((await h.rows()).every((r) => r.status === 'sent')) break;
      h.clock.advance(5_000);
    }
    const rows = await h.rows();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(byR1 + byR2).toBe(120);
    // SQLite runs one statement at a time in-process, so there one relay may take it all.
    if (testDialect() === 'mariadb') expect(Math.min(byR1, byR2)).toBeGreaterThan(0);
    const calls = h.createCallsByUuid();
    expect(calls.size).toBe(120);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(h.fake.messages).toHaveLength(120);
  });

  it('gives each expired lease to exactly one of two relays reclaiming at once', async () => {
    await h.fanOut(20, 1);
    // A relay claims everything, then dies without sending: its leases run out.
    const orphaned = await h.store.claimDue(h.clock.now(), 50, 60_000);
    expect(orphaned).toHaveLength(20);
    expect(await store2.claimDue(h.clock.now(), 50, 60_000)).toHaveLength(0);
    h.clock.advance(60_001);
    const [a, b] = await Promise.all([
      h.store.claimDue(h.clock.now(), 50, 60_000),
      store2.claimDue(h.clock.now(), 50, 60_000),
    ]);
    const ids = [...a, ...b].map((r) => r.id).sort((x, y) => x - y);
    expect(ids).toEqual(orphaned.map((r) => r.id).sort((x, y) => x - y));
  });

  it('caps a claim at five rows per recipient so one busy chat does not hold up the rest', async () => {
    await h.enqueue(Array.from({ length: 30 }, (_, i) => ({ to: { chatId: 'oc_busy' }, text: `busy ${i}` })));
    await h.fanOut(10, 1, 'ou_other');
    const claimed = await h.store.claimDue(h.clock.now(), 50, 60_000, 5);
    expect(claimed.filter((r) => r.receive_id === 'oc_busy').map((r) => r.content)).toEqual(
      [0, 1, 2, 3, 4].map((i) => JSON.stringify({ text: `busy ${i}` })),
    );
    expect(claimed.filter((r) => r.receive_id !== 'oc_busy')).toHaveLength(10);
  });
});

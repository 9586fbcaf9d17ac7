import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/bot/dispatcher.js';
import { Router } from '../../src/bot/router.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import { DisabledLarkApi } from '../../src/lark/disabled-lark-api.js';
import { AuditEntity } from '../../src/persistence/entities/audit.entities.js';
import { InboxEntity } from '../../src/persistence/entities/inbox.entities.js';
import { InboxStore } from '../../src/persistence/repositories/inbox-store.js';
import { TypeOrmUnitOfWork } from '../../src/persistence/unit-of-work.js';
import { createLogger } from '../../src/shared/logger.js';
import type { V2Envelope } from '../../src/transport/lark/envelope.schema.js';
import { cardActionEvent, messageEvent } from '../helpers/lark-request.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

/**
 * The inbox makes processing at-least-once and the unit of work makes its effect exactly-once: an
 * event whose processing crashed comes back after its lease, and its committed work happens once.
 */
describe('inbox re-dispatch', () => {
  let t: TestDb;
  const config = loadConfig({});
  const settings = config.settings.inbox; // redispatchAfterSeconds: the lease
  const leaseMs = settings.redispatchAfterSeconds * 1000;
  const clock = new ManualClock('2026-11-23T01:00:00.000Z');
  const log = createLogger('silent');
  let inbox: InboxStore;
  let uow: TypeOrmUnitOfWork;
  let handled: string[];
  let crashes: number;

  /** Each handled message writes one audit row in its transaction; `crashes` makes the next tries fail. */
  const router = () =>
    new Router().use(async (ctx) => {
      if (ctx.update.kind !== 'message') return;
      const text = ctx.update.text;
      await ctx.transaction(async (tx) => {
        await tx.audit.append(
          { actor: ctx.senderOpenId, action: 'test.handled', subjectType: 'event', subjectId: ctx.update.eventId },
          ctx.now(),
        );
        if (crashes > 0) {
          crashes--;
          throw new Error('crashed in the middle of the work');
        }
      });
      handled.push(text);
    });
  const dispatcher = () =>
    new Dispatcher(
      router(),
      { config, clock, log, lark: new DisabledLarkApi(), uow, botOpenId: () => undefined },
      inbox,
      settings,
    );

  const store = async (ev: ReturnType<typeof messageEvent> | ReturnType<typeof cardActionEvent>) => {
    const id = await inbox.insertOnce(
      {
        eventId: ev.header.event_id,
        messageId: undefined,
        eventType: ev.header.event_type,
        payload: JSON.stringify(ev),
      },
      clock.now(),
      leaseMs,
    );
    return { id: id!, env: ev as unknown as V2Envelope };
  };
  const row = (id: number) => t.ds.getRepository(InboxEntity).findOneByOrFail({ id });
  const auditCount = async (eventId: string) =>
    t.ds.getRepository(AuditEntity).countBy({ action: 'test.handled', subject_id: eventId });

  beforeAll(async () => {
    t = await openTestDb();
    inbox = new InboxStore(t.db);
    uow = new TypeOrmUnitOfWork(t.db, clock);
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    handled = [];
    crashes = 0;
  });

  it('re-dispatches an event whose handler crashed, after its lease, and processes it once', async () => {
    const d = dispatcher();
    const ev = messageEvent('ou_a', 'first try fails');
    const { id, env } = await store(ev);
    crashes = 1;
    d.enqueue(id, env);
    await d.idle();
    expect(await row(id)).toMatchObject({ status: 'processing', attempts: 1 });
    expect(await auditCount(ev.header.event_id)).toBe(0); // the failed try was rolled back

    expect(await d.redispatchStale()).toBe(0); // not before the lease runs out
    clock.advance(leaseMs + 1);
    expect(await d.redispatchStale()).toBe(1);
    expect(handled).toEqual(['first try fails']);
    expect(await row(id)).toMatchObject({ status: 'done' });
    expect(await auditCount(ev.header.event_id)).toBe(1);

    clock.advance(leaseMs + 1);
    expect(await d.redispatchStale()).toBe(0);
    expect(handled).toHaveLength(1);
  });

  it('picks up a row a crashed process left "processing", once, even with two instances re-dispatching at once', async () => {
    const ev = messageEvent('ou_b', 'left behind');
    const { id } = await store(ev); // stored and acknowledged, then the process died
    clock.advance(leaseMs + 1);
    const [a, b] = await Promise.all([dispatcher().redispatchStale(), dispatcher().redispatchStale()]);
    expect(a + b).toBe(1);
    expect(handled).toEqual(['left behind']);
    expect(await row(id)).toMatchObject({ status: 'done' });
    expect(await auditCount(ev.header.event_id)).toBe(1);
  });

  it('gives up after five failed tries and marks the event failed', async () => {
    const d = dispatcher();
    const { id } = await store(messageEvent('ou_c', 'always fails'));
    crashes = 99;
    for (let i = 0; i < 6; i++) {
      clock.advance(leaseMs + 1);
      await d.redispatchStale();
    }
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(handled).toEqual([]);
  });

  it('drops a left-behind card callback (Feishu never re-pushes those; the user has seen an error)', async () => {
    const { id } = await store(cardActionEvent('ou_d', { a: 'x.y' }));
    clock.advance(leaseMs + 1);
    expect(await dispatcher().redispatchStale()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'done' });
  });

  it('processes a burst a bounded number at a time, so acknowledgements keep their connections', async () => {
    let active = 0;
    let peak = 0;
    const slow = new Router().use(async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    });
    const d = new Dispatcher(
      slow,
      { config, clock, log, lark: new DisabledLarkApi(), uow, botOpenId: () => undefined },
      inbox,
      settings,
    );
    const stored = [];
    // Forty people at once (one person's messages are processed one after another, see below).
    for (let i = 0; i < 40; i++) stored.push(await store(messageEvent(`ou_burst_${i}`, `burst ${i}`)));
    for (const { id, env } of stored) d.enqueue(id, env);
    await d.idle();
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
    for (const { id } of stored) expect((await row(id)).status).toBe('done');
  });

  it("processes one chat's messages one after another, in the order they came, so its answers come in order", async () => {
    const seen: string[] = [];
    let active = 0;
    let peak = 0;
    const slow = new Router().use(async (ctx) => {
      peak = Math.max(peak, ++active);
      // Later messages finish faster: without the per-chat order they would overtake.
      await new Promise((r) => setTimeout(r, 30 - seen.length * 2));
      if (ctx.update.kind === 'message') seen.push(ctx.update.text);
      active--;
    });
    const d = new Dispatcher(
      slow,
      { config, clock, log, lark: new DisabledLarkApi(), uow, botOpenId: () => undefined },
      inbox,
      settings,
    );
    const stored = [];
    for (let i = 0; i < 10; i++) stored.push(await store(messageEvent('ou_one_person', `command ${i}`)));
    for (const { id, env } of stored) d.enqueue(id, env);
    await d.idle();
    expect(peak).toBe(1);
    expect(seen).toEqual(stored.map((_, i) => `command ${i}`));
  });

  it('lets idle() wait for a re-dispatch pass in progress (graceful shutdown)', async () => {
    const d = dispatcher();
    await store(messageEvent('ou_e', 'slow'));
    clock.advance(leaseMs + 1);
    const pass = d.redispatchStale();
    await d.idle();
    expect(handled).toEqual(['slow']);
    await pass;
  });
});

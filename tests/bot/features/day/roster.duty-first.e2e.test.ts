import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTING_ROSTER } from '../../../../src/domain/day/roster.service.js';
import { ManualClock } from '../../../../src/domain/shared/clock.js';
import { zonedToUtc } from '../../../../src/domain/shared/zoned-time.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';

const DESK = 'ou_rdf_desk';
const A1 = 'ou_rdf_agent1';
const A2 = 'ou_rdf_agent2';
const A3 = 'ou_rdf_agent3';
const SH = 'Asia/Shanghai';
const at = (date: string, h: number, m = 0) => zonedToUtc(date, h, m, 0, SH);

/** R-DAY-2: the day's rotation starts with the agent the roster puts on reception duty — unless on leave. */
describe('the agent on reception duty receives first', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-11-22', 12));

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      members: {
        [DESK]: { name: '前台小王', roles: ['front_desk'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [A2]: { name: '周招商', roles: ['agent'] },
        [A3]: { name: '吴招商', roles: ['agent'] },
      },
    });
    // Week 2026-W48: Monday 11-23 A3 on duty, Tuesday 11-24 A2 on duty (who has a leave that morning).
    await t.app.uow.run((tx) =>
      tx.settings.set(SETTING_ROSTER, {
        weeks: { '2026-W48': { '1': { duty: A3, off: [] }, '2': { duty: A2, off: [] } } },
      }),
    );
  });
  afterAll(async () => t?.close());

  const tick = async (when: Date) => {
    clock.set(when);
    await t.app.services.jobs.scheduler.tick('rotationReset');
    await t.delivered();
  };
  const day = (d: string) => t.app.uow.run((tx) => tx.rotation.findDay(d));
  const firstLedger = async (d: string) =>
    (await t.app.uow.run((tx) => t.app.services.rotation.ledger(tx, d))).entries[0]!;
  const pointer = async () => (await t.app.uow.run((tx) => t.app.services.rotation.view(tx))).pointer;

  it('R-DAY-2: at the 08:00 reset the agent on duty is first, on the ledger, and a 重置 keeps them first', async () => {
    await tick(at('2026-11-23', 8, 0));
    const rec = (await day('2026-11-23'))!;
    expect(rec.baseOrder[0]).toBe(A3);
    expect(rec.baseOrder).toHaveLength(3);
    const first = await firstLedger('2026-11-23');
    expect(first.event).toMatchObject({ type: 'day_started' });
    expect((first.event as { order: string[] }).order[0]).toBe(A3);
    expect(first.rule).toBe('R-DAY-2');
    expect(await pointer()).toBe(A3);

    clock.set(at('2026-11-23', 9, 0));
    const desk = (await t.app.uow.run((tx) => tx.members.get(DESK)))!;
    await t.app.uow.run((tx) => t.app.services.rotation.reset(tx, desk));
    expect(await pointer()).toBe(A3);
  });

  it('R-DAY-2: an agent on duty who is on Feishu leave when the day starts is not put first', async () => {
    await t.app.uow.run((tx) =>
      tx.day.addLeave({
        instanceCode: 'rdf-leave-1',
        agentOpenId: A2,
        kind: 'leave',
        name: '事假',
        startAt: at('2026-11-24', 7, 0),
        endAt: at('2026-11-24', 12, 0),
        receivedAt: at('2026-11-23', 18, 0),
      }),
    );
    await tick(at('2026-11-24', 8, 0));
    const rec = (await day('2026-11-24'))!;
    expect(rec.baseOrder[0]).not.toBe(A2);
    expect((await firstLedger('2026-11-24')).rule).toBe('R-ROT-1');
    expect(rec.state.members.find((m) => m.openId === A2)?.onDuty).toBe(false);
  });
});

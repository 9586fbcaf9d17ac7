import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const MGR = 'ou_unres_mgr';
const A = 'ou_unres_a';
const B = 'ou_unres_b';

/** R-UNIT-1 释放预定: a 已定 unit whose deposit fell through is freed by its agent or a manager, once. */
describe('releasing a reserved unit', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-14T02:00:00Z'); // Monday 10:00 in Shanghai
  const clients: Record<string, number> = {};
  const units: Record<string, number> = {};

  const json = (v: unknown) => unescapeMd(JSON.stringify(v));
  const unit = async (id: number) =>
    (await t.app.ds.query(`SELECT status, client_id, agent_open_id, plan_id FROM unit WHERE id = ${id}`))[0];
  const audits = () =>
    t.app.ds.query(
      `SELECT actor, subject_id, rule FROM audit_log WHERE action = 'unit.reservation_released' ORDER BY id`,
    ) as Promise<Array<{ actor: string; subject_id: string; rule: string }>>;
  const reserve = async (agent: string, client: string, unitNo: string) => {
    const body = await t.click(
      agent,
      { a: 'form.signing.submit', clientId: clients[client]! },
      {
        formValue: {
          deposit: '20000',
          paid_date: '2026-12-14',
          signing_date: '2026-12-20',
          unit_pick: String(units[unitNo]!),
        },
      },
    );
    expect(body.toast.type, json(body)).toBe('success');
    expect((await unit(units[unitNo]!)).status).toBe('reserved');
  };

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { JOBS_ENABLED: 'false' },
      members: {
        [MGR]: { name: '王经理', roles: ['manager'] },
        [A]: { name: '张三', roles: ['agent'] },
        [B]: { name: '李四', roles: ['agent'] },
      },
    });
    for (const [name, owner] of [
      ['老王五金', A],
      ['陈记灯具', B],
      ['李记茶行', A],
    ] as const) {
      const c = await t.app.uow.run((tx) =>
        tx.clients.create(
          {
            name,
            shopName: null,
            contactPerson: null,
            phone: null,
            category: null,
            clientType: 'merchant',
            source: 'walk_in',
            grade: 'A',
            owner: { kind: 'agent', openId: owner },
          },
          clock.now(),
        ),
      );
      clients[name] = c.id;
    }
    for (const no of ['101', '102']) {
      await t.say(MGR, `添加铺位 C栋 1F ${no} 80 10000`);
      units[no] = Number((await t.app.ds.query(`SELECT id FROM unit WHERE number = '${no}'`))[0].id);
    }
    await reserve(A, '老王五金', '101');
    await reserve(B, '陈记灯具', '102');
  });
  afterAll(async () => t?.close());

  it('R-UNIT-1: an agent sees their own 已定 units with 释放预定; another agent may not release them', async () => {
    await t.say(A, '已定铺位');
    const mine = json(t.lark.messages.at(-1)!.current);
    expect(mine).toContain('C栋 1F 101');
    expect(mine).toContain(`"a":"unit.unreserve","unitId":${units['101']},"clientId":${clients.老王五金}`);
    expect(mine).not.toContain('C栋 1F 102');

    const denied = await t.click(B, { a: 'unit.unreserve', unitId: units['101']!, clientId: clients.老王五金! });
    expect(JSON.stringify(denied)).toContain('预定该铺位的招商专员');
    expect((await unit(units['101']!)).status).toBe('reserved');
    expect(await audits()).toEqual([]);
  });

  it('R-UNIT-1: the agent who reserved it releases it — 空置 again, recorded; a second click changes nothing', async () => {
    const body = await t.click(A, { a: 'unit.unreserve', unitId: units['101']!, clientId: clients.老王五金!, page: 0 });
    expect(body.toast.type).toBe('success');
    expect(json(body.card.data)).toContain('目前没有已定的铺位');
    await t.delivered();
    expect(json(t.lark.messages.at(-1)!.current)).toContain('已释放 C栋 1F 101 的预定');
    expect(await unit(units['101']!)).toMatchObject({ status: 'vacant', client_id: null, agent_open_id: null });
    expect(await audits()).toEqual([{ actor: A, subject_id: String(units['101']), rule: 'R-UNIT-1' }]);

    const again = await t.click(A, { a: 'unit.unreserve', unitId: units['101']!, clientId: clients.老王五金! });
    expect(again.toast.type).toBe('warning');
    expect(json(again.toast)).toContain('已不是该客户的预定');
    expect(await audits()).toHaveLength(1);
  });

  it('R-UNIT-1: a manager sees every 已定 unit and releases any; the freed unit can be reserved again', async () => {
    await t.say(MGR, '已定铺位');
    expect(json(t.lark.messages.at(-1)!.current)).toContain('C栋 1F 102');
    const body = await t.click(MGR, { a: 'unit.unreserve', unitId: units['102']!, clientId: clients.陈记灯具! });
    expect(body.toast.type).toBe('success');
    expect((await unit(units['102']!)).status).toBe('vacant');
    expect((await audits()).map((a) => a.actor)).toEqual([A, MGR]);
    await reserve(A, '李记茶行', '102');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import type { Owner as ClientOwner } from '../../../src/domain/clients/client.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const MGR = 'ou_prd_mgr';
const A1 = 'ou_prd_agent1';
const now = zonedToUtc('2026-11-23', 10, 0, 0, 'Asia/Shanghai');

/** R-POOL-1: the manager locks a client against the recall from the client's own 详情 card too. */
describe('recall lock on the client detail card', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};

  const client = async (name: string, owner: ClientOwner) => {
    const c = await t.app.uow.run((tx) =>
      tx.clients.create(
        {
          name,
          shopName: null,
          contactPerson: null,
          phone: null,
          category: null,
          clientType: null,
          source: null,
          grade: 'B',
          owner,
        },
        now,
      ),
    );
    ids[name] = c.id;
  };
  const detail = async (who: string, name: string) => {
    const body = await t.click(who, { a: 'client.detail', clientId: ids[name]! });
    return unescapeMd(JSON.stringify(body.card?.data ?? body));
  };
  const locked = async (name: string) => t.app.uow.run((tx) => t.app.services.recall.isLocked(tx, ids[name]!));

  beforeAll(async () => {
    t = await startTestApp({
      clock: new ManualClock(now),
      members: {
        [MGR]: { name: '李经理', roles: ['manager'] },
        [A1]: { name: '张招商', roles: ['agent'] },
      },
    });
    await client('详情锁定客户', { kind: 'agent', openId: A1 });
    await client('公海客户', { kind: 'pool' });
  });
  afterAll(async () => t?.close());

  it('R-POOL-1: the manager locks and unlocks from 详情; each change recorded like the 公海回收 lock', async () => {
    const before = await detail(MGR, '详情锁定客户');
    expect(before).toContain('公海回收：未锁定');
    expect(before).toContain(`{"a":"client.recall_lock","clientId":${ids.详情锁定客户},"lock":true}`);

    const body = await t.click(MGR, { a: 'client.recall_lock', clientId: ids.详情锁定客户!, lock: true });
    expect(body.toast.type).toBe('success');
    const after = unescapeMd(JSON.stringify(body.card.data));
    expect(after).toContain('公海回收：已锁定');
    expect(after).toContain(`{"a":"client.recall_lock","clientId":${ids.详情锁定客户},"lock":false}`);
    expect(await locked('详情锁定客户')).toBe(true);

    await t.click(MGR, { a: 'client.recall_lock', clientId: ids.详情锁定客户!, lock: false });
    expect(await locked('详情锁定客户')).toBe(false);
    const audit = await t.app.ds.query(
      `SELECT action, subject_id, rule FROM audit_log WHERE action LIKE 'client.recall_%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'client.recall_locked', subject_id: String(ids.详情锁定客户), rule: 'R-POOL-1' },
      { action: 'client.recall_unlocked', subject_id: String(ids.详情锁定客户), rule: 'R-POOL-1' },
    ]);
  });

  it('R-POOL-1: an agent sees no lock on 详情 and may not lock; a pool client offers none', async () => {
    expect(await detail(A1, '详情锁定客户')).not.toContain('client.recall_lock');
    const denied = await t.click(A1, { a: 'client.recall_lock', clientId: ids.详情锁定客户!, lock: true });
    expect(JSON.stringify(denied)).toContain('招商部经理');
    expect(await locked('详情锁定客户')).toBe(false);
    expect(await detail(MGR, '公海客户')).not.toContain('client.recall_lock');
  });
});

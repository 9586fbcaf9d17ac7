import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import { loadOwnershipHistory } from '../../../src/domain/reception/ownership-history.query.js';
import type { Grade, PipelineState } from '../../../src/domain/clients/client.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const MGR = 'ou_pr_mgr';
const A1 = 'ou_pr_agent1';
const A2 = 'ou_pr_agent2';
const SH = 'Asia/Shanghai';
const at = (date: string, h: number, m = 0) => zonedToUtc(date, h, m, 0, SH);

/**
 * R-POOL-1 end to end: off by default; the manager's week view and 锁定; the morning run recalls an
 * idle client (audited, in its ownership history), spares a locked one and one with a deposit, and
 * warns an agent 3 days ahead with a button to log a follow-up.
 */
describe('pool recall (公海回收)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-09-01', 10));
  const ids: Record<string, number> = {};

  const client = async (name: string, owner: string, grade: Grade, created: Date, state: PipelineState = 'intent') => {
    clock.set(created);
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
          grade,
          owner: { kind: 'agent', openId: owner },
          state,
        },
        created,
      ),
    );
    ids[name] = c.id;
  };
  const owner = async (name: string) => (await t.app.uow.run((tx) => tx.clients.getMany([ids[name]!])))[0]!.owner;
  const lastReply = () => unescapeMd(JSON.stringify(t.lark.messages.at(-1)!.current));
  const cards = (to: string) => t.lark.cardsTo(to).map((c) => unescapeMd(JSON.stringify(c)));
  const tick = async (when: Date) => {
    clock.set(when);
    const report = await t.app.services.jobs.scheduler.tick('poolRecall');
    await t.delivered();
    return report;
  };

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      members: {
        [MGR]: { name: '李经理', roles: ['manager'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [A2]: { name: '周招商', roles: ['agent'] },
      },
    });
    await client('老张五金', A1, 'B', at('2026-09-01', 10)); // B: 45 idle days → due 10-16
    await client('锁定客户', A1, 'B', at('2026-09-01', 11));
    await client('定金客户', A1, 'B', at('2026-09-01', 12), 'deposit');
    await client('提醒客户', A2, 'A', at('2026-10-27', 10)); // A: 30 → due 11-26, 3 days after 11-23
    await client('新客户', A2, 'C', at('2026-11-20', 10));
  });
  afterAll(async () => t?.close());

  it('R-POOL-1: off by default — the morning run recalls nothing', async () => {
    expect(t.config.settings.poolRecall.enabled).toBe(false);
    const [run] = await tick(at('2026-11-20', 7, 30));
    expect(run!.outcome.status).toBe('done');
    expect(await owner('老张五金')).toEqual({ kind: 'agent', openId: A1 });
  });

  it('R-POOL-1: the manager sees what is recalled this week and locks a client; an agent may not', async () => {
    clock.set(at('2026-11-23', 7, 0));
    await t.say(A1, '公海回收');
    expect(lastReply()).toContain('需要：招商部经理');

    await t.say(MGR, '公海回收');
    const week = lastReply();
    expect(week).toContain('老张五金');
    expect(week).toContain('锁定客户');
    expect(week).toContain('提醒客户');
    expect(week).not.toContain('定金客户');
    expect(week).not.toContain('新客户');

    const body = await t.click(MGR, { a: 'recall.lock', clientId: ids.锁定客户, lock: true, page: 0 });
    expect(body.toast.type).toBe('success');
    expect(unescapeMd(JSON.stringify(body.card.data))).toContain(
      '锁定客户** · 张招商 · B 类 · 最后跟进 2026-09-01 · 已锁定',
    );
    const denied = await t.click(A1, { a: 'recall.lock', clientId: ids.锁定客户, lock: false, page: 0 });
    expect(JSON.stringify(denied)).toContain('招商部经理');
  });

  it('R-POOL-1: recall with a lock and a deposit exemption; recorded and in the ownership history', async () => {
    t.config.settings.poolRecall.enabled = true;
    await tick(at('2026-11-23', 7, 30));
    expect(await owner('老张五金')).toEqual({ kind: 'pool' });
    expect(await owner('锁定客户')).toEqual({ kind: 'agent', openId: A1 });
    expect(await owner('定金客户')).toEqual({ kind: 'agent', openId: A1 });
    expect(await owner('新客户')).toEqual({ kind: 'agent', openId: A2 });

    const audit = await t.app.ds.query(`SELECT subject_id, rule FROM audit_log WHERE action = 'client.recalled'`);
    expect(audit).toEqual([{ subject_id: String(ids.老张五金), rule: 'R-POOL-1' }]);
    const history = await t.app.uow.run(async (tx) =>
      loadOwnershipHistory(tx, (await tx.clients.getMany([ids.老张五金!]))[0]!),
    );
    expect(JSON.stringify(history)).toContain('"how":"recall"');
    expect(cards(A1).at(-1)).toContain('客户已回收公海');
    expect(cards(A1).at(-1)).toContain('老张五金');
  });

  it('R-POOL-1: the agent is warned 3 days before, with a button to log a follow-up', async () => {
    const warning = cards(A2).at(-1)!;
    expect(warning).toContain('客户即将回收公海');
    expect(warning).toContain('提醒客户**（A 类）最后跟进 2026-10-27，3 天后（2026-11-26）回收');
    expect(warning).toContain(`{"a":"call.open","clientId":${ids.提醒客户}}`);
    expect(warning).not.toContain('新客户');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock.js';
import type { Tx } from '../../src/domain/shared/tx.js';
import type { TierCriteria } from '../../src/domain/tiers/tier.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';
import { Cluster, jobsConfig, outboxRows, seedDepartment } from './harness.js';

const AGENT = 'ou_tier_agent';
const MANAGER = 'ou_tier_mgr';
const DAY = 24 * 60 * 60 * 1000;
const criteria: TierCriteria = {
  storeAreaSqm: 500,
  storeCount: 2,
  brandLevel: 'city',
  warehouseSqm: null,
  turnoverWanYuan: null,
  manufacturerStrength: null,
};

/** R-TIER-2: the manager's weekly reminder to re-check tiers (job `tierRecheck`, Monday 10:00 by default). */
describe('tier re-check reminder', () => {
  let t: TestDb;
  const clock = new ManualClock('2026-11-23T02:00:05Z'); // Monday 10:00 in Shanghai
  let cluster: Cluster;

  beforeAll(async () => {
    t = await openTestDb();
    cluster = new Cluster(t, clock, {});
    const boot = await cluster.instance('seed');
    await seedDepartment(boot.uow, {
      [AGENT]: { name: '李招商', roles: ['agent'] },
      [MANAGER]: { name: '王经理', roles: ['manager'] },
    });
    const now = clock.now();
    await boot.uow.run(async (tx: Tx) => {
      const client = (
        name: string,
        owner: { kind: 'agent'; openId: string } | { kind: 'pool' } = { kind: 'agent', openId: AGENT },
      ) =>
        tx.clients.create(
          {
            name,
            shopName: null,
            contactPerson: null,
            phone: null,
            category: null,
            clientType: 'merchant',
            source: null,
            grade: 'B',
            owner,
          },
          now,
        );
      const confirmed = async (id: number, daysAgo: number, approvalId: number) => {
        const at = new Date(now.getTime() - daysAgo * DAY);
        await tx.tiers.saveCriteria(id, criteria, '2', at);
        await tx.tiers.propose(id, '2', approvalId, at);
        await tx.tiers.decide(id, approvalId, true, 'ou_leader', at);
      };
      await client('从未分档');
      const criteriaOnly = await client('只填了条件');
      await tx.tiers.saveCriteria(criteriaOnly.id, criteria, '2', now);
      await confirmed((await client('半年前分档')).id, 200, 9001);
      await confirmed((await client('上周刚分档')).id, 10, 9002);
      const pending = await client('等待领导确认');
      await tx.tiers.saveCriteria(pending.id, criteria, '2', now);
      await tx.tiers.propose(pending.id, '1', 9003, now);
      const lost = await client('已流失');
      await tx.clients.update(lost.id, { state: 'lost' }, now);
      await client('公共客户', { kind: 'pool' });
    });
  });
  afterAll(async () => {
    await cluster?.close();
    await t?.close();
  });

  it('R-TIER-2: the default schedule is Monday 10:00, and the age limit is a setting', () => {
    const config = jobsConfig();
    expect(config.settings.schedules.tierRecheck).toBe('0 10 * * 1');
    expect(config.settings.tiers.recheckAfterDays).toBe(90);
  });

  it('R-TIER-2: lists clients never tiered or tiered longer ago than the setting — not recent, pending or lost ones', async () => {
    const r = await (await cluster.instance('probe')).uow.run((tx) =>
      tx.tiers.listDueForRecheck({ confirmedBefore: new Date(clock.now().getTime() - 90 * DAY), limit: 10 }),
    );
    expect(r.total).toBe(4);
    expect(r.items.map((i) => i.name)).toEqual(['从未分档', '只填了条件', '公共客户', '半年前分档']);
    expect(r.items.at(-1)).toMatchObject({ tier: '2', ownerOpenId: AGENT });
    expect(r.items.at(-1)!.confirmedAt!.getTime()).toBe(clock.now().getTime() - 200 * DAY);
    expect(r.items.find((i) => i.name === '公共客户')!.ownerOpenId).toBeNull();
    const page = await (await cluster.instance('probe2')).uow.run((tx) =>
      tx.tiers.listDueForRecheck({ confirmedBefore: new Date(clock.now().getTime() - 90 * DAY), limit: 2 }),
    );
    expect(page).toMatchObject({ total: 4 });
    expect(page.items).toHaveLength(2);
  });

  it('R-TIER-2: on Monday the manager gets one reminder card per week listing them', async () => {
    const a = await cluster.instance('A');
    const report = await a.jobs.scheduler.tick('tierRecheck');
    expect(report.map((r) => [r.job, r.period, r.outcome.status])).toEqual([['tierRecheck', '2026-W48', 'done']]);
    const rows = await outboxRows(t.ds, 'job:tierRecheck:%');
    expect(rows.map((r) => [r.dedupe_key, r.receive_id])).toEqual([['job:tierRecheck:2026-W48:' + MANAGER, MANAGER]]);
    const card = rows[0]!.content;
    for (const name of ['从未分档', '只填了条件', '公共客户', '半年前分档']) expect(card).toContain(name);
    for (const name of ['上周刚分档', '等待领导确认', '已流失']) expect(card).not.toContain(name);
    expect(card).toContain('tier.open');
    // Later the same week: nothing more.
    clock.set('2026-11-25T02:00:05Z');
    await a.jobs.scheduler.tick('tierRecheck');
    expect(await outboxRows(t.ds, 'job:tierRecheck:%')).toHaveLength(1);
  });
});

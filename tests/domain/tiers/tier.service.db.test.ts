import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvalCards } from '../../../src/bot/cards/approval-cards.js';
import { tierCards } from '../../../src/bot/cards/tier-cards.js';
import { loadConfig } from '../../../src/config.js';
import { ApprovalService } from '../../../src/domain/approvals/approval.service.js';
import { MaterialService } from '../../../src/domain/materials/material.service.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { DomainError, FormError } from '../../../src/domain/shared/errors.js';
import { TierService } from '../../../src/domain/tiers/tier.service.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';

const m = (openId: string, name: string, roles: Member['roles']): Member => ({
  openId,
  name,
  roles,
  active: true,
  nameRefreshedAt: null,
});
const MGR = m('ou_t_mgr', '王经理', ['manager']);
const LEADER = m('ou_t_leader', '陈总', ['leader']);
const AGENT = m('ou_t_agent', '李招商', ['agent']);
const KA = m('ou_t_ka', '孙大客户', ['key_account']);

describe('tiers, hand-overs and materials on the database', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let approvals: ApprovalService;
  let tiers: TierService;
  let materials: MaterialService;
  let clientId: number;
  const clock = new ManualClock('2026-11-23T02:00:00Z');

  beforeAll(async () => {
    t = await openTestDb();
    uow = new TypeOrmUnitOfWork(t.db, clock);
    approvals = new ApprovalService({
      clock,
      settings: { resendAfterMinutes: 60 },
      cards: approvalCards('Asia/Shanghai'),
    });
    tiers = new TierService({
      clock,
      settings: loadConfig({}).settings.tiers,
      approvals,
      cards: tierCards('Asia/Shanghai'),
    });
    materials = new MaterialService({ clock });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.truncate();
    clientId = await uow.run(async (tx) => {
      for (const x of [MGR, LEADER, AGENT, KA]) await tx.members.save(x);
      return (
        await tx.clients.create(
          {
            name: '宏达陶瓷',
            shopName: null,
            contactPerson: null,
            phone: null,
            category: null,
            clientType: 'manufacturer',
            source: null,
            grade: 'B',
            owner: { kind: 'agent', openId: AGENT.openId },
          },
          clock.now(),
        )
      ).id;
    });
  });

  const q = (sql: string) => t.ds.query(sql) as Promise<any[]>;
  const criteria = {
    store_area: '1200',
    store_count: '6',
    brand_level: 'province',
    warehouse: '2500',
    turnover: '1500',
    strength: 'strong',
  };

  it('R-TIER-2: the manager records criteria, gets a suggestion, sets a tier; a leader confirms it', async () => {
    const res = await uow.run((tx) => tiers.save(tx, MGR, clientId, { ...criteria, tier: '1' }));
    expect(res.suggestion.tier).toBe('1');
    expect(res.proposed).toBe('1');
    let [row] = await q(
      `SELECT tier, proposed_tier, suggested_tier, status, approval_id FROM client_tier WHERE client_id = ${clientId}`,
    );
    expect(row).toMatchObject({ tier: null, proposed_tier: '1', suggested_tier: '1', status: 'pending' });
    // The leader, not the manager, confirms.
    const err = await uow
      .run((tx) => approvals.decide(tx, MGR, row.approval_id, 'approved', null))
      .catch((e: DomainError) => e);
    expect((err as DomainError).messageKey).toBe('approval.not_approver.leader');
    await uow.run((tx) => approvals.decide(tx, LEADER, row.approval_id, 'approved', '同意'));
    [row] = await q(`SELECT tier, status, confirmed_by FROM client_tier WHERE client_id = ${clientId}`);
    expect(row).toEqual({ tier: '1', status: 'confirmed', confirmed_by: LEADER.openId });
    const audit = await q(
      `SELECT action FROM audit_log WHERE subject_type = 'client' AND subject_id = '${clientId}' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['tier.criteria_saved', 'tier.confirmed']);
  });

  it('R-TIER-2: a rejected tier keeps the old one; bad criteria come back as field errors', async () => {
    await uow.run((tx) => tiers.save(tx, MGR, clientId, { ...criteria, tier: '2' }));
    const [{ approval_id }] = await q(`SELECT approval_id FROM client_tier WHERE client_id = ${clientId}`);
    await uow.run((tx) => approvals.decide(tx, LEADER, approval_id, 'rejected', '偏低'));
    expect((await q(`SELECT tier, status FROM client_tier WHERE client_id = ${clientId}`))[0]).toEqual({
      tier: null,
      status: 'rejected',
    });
    const err = await uow
      .run((tx) => tiers.save(tx, MGR, clientId, { store_area: '-1', tier: '9' }))
      .catch((e: FormError) => e);
    expect(Object.keys((err as FormError).fields).sort()).toEqual(['store_area', 'tier']);
    expect((err as FormError).values.store_area).toBe('-1');
  });

  it('R-TIER-2: an agent cannot set tiers', async () => {
    const err = await uow.run((tx) => tiers.save(tx, AGENT, clientId, criteria)).catch((e: DomainError) => e);
    expect((err as DomainError).messageKey).toBe('tier.only_manager');
  });

  it('R-TIER-1: the agent asks, the manager approves: the owner changes, a record is kept, both sides are told', async () => {
    const a = await uow.run((tx) => tiers.requestHandover(tx, AGENT, clientId, KA.openId, '连锁品牌'));
    expect((await q(`SELECT owner_open_id FROM client WHERE id = ${clientId}`))[0].owner_open_id).toBe(AGENT.openId);
    await uow.run((tx) => approvals.decide(tx, MGR, a.id, 'approved', null));
    expect((await q(`SELECT owner_open_id FROM client WHERE id = ${clientId}`))[0].owner_open_id).toBe(KA.openId);
    const [h] = await q(`SELECT from_open_id, to_open_id, approved_by FROM client_handover`);
    expect(h).toEqual({ from_open_id: AGENT.openId, to_open_id: KA.openId, approved_by: MGR.openId });
    const notices = await q(`SELECT receive_id FROM outbox_message WHERE dedupe_key LIKE 'handover:%'`);
    expect(notices.map((n) => n.receive_id).sort()).toEqual([AGENT.openId, KA.openId].sort());
    const audit = await q(`SELECT action, rule FROM audit_log WHERE action = 'client.owner_changed'`);
    expect(audit).toEqual([{ action: 'client.owner_changed', rule: 'R-TIER-1' }]);
    // The agent keeps the record.
    const mine = await uow.run((tx) => tiers.handoversFor(tx, AGENT));
    expect(mine.map((v) => [v.clientName, v.toName])).toEqual([['宏达陶瓷', '孙大客户']]);
  });

  it("R-TIER-1: a client that is not the agent's, or a target outside key accounts, is refused", async () => {
    const other = m('ou_t_agent2', '周招商', ['agent']);
    await uow.run((tx) => tx.members.save(other));
    const e1 = await uow
      .run((tx) => tiers.requestHandover(tx, other, clientId, KA.openId, null))
      .catch((e: DomainError) => e);
    expect((e1 as DomainError).messageKey).toBe('handover.not_your_client');
    const e2 = await uow
      .run((tx) => tiers.requestHandover(tx, AGENT, clientId, MGR.openId, null))
      .catch((e: DomainError) => e);
    expect((e2 as DomainError).messageKey).toBe('handover.bad_target');
    expect(Number((await q('SELECT COUNT(*) AS n FROM approval'))[0].n)).toBe(0);
  });

  it('R-INFO-1: drafts are for managers only; agents list and receive approved material; agents cannot add', async () => {
    const draft = await uow.run((tx) =>
      materials.add(tx, MGR, { title: '招商政策（草稿）', kind: 'text', body: '免租三个月', approved: false }),
    );
    const pitch = await uow.run((tx) =>
      materials.add(tx, MGR, { title: '项目介绍', kind: 'link', body: 'https://example.com/pitch', approved: true }),
    );
    expect((await uow.run((tx) => materials.list(tx, AGENT))).map((x) => x.title)).toEqual(['项目介绍']);
    expect((await uow.run((tx) => materials.list(tx, MGR))).map((x) => x.id).sort()).toEqual(
      [draft.id, pitch.id].sort(),
    );
    const e1 = await uow.run((tx) => materials.get(tx, AGENT, draft.id)).catch((e: DomainError) => e);
    expect((e1 as DomainError).messageKey).toBe('material.not_found');
    const e2 = await uow
      .run((tx) => materials.add(tx, AGENT, { title: 'x', kind: 'text', body: 'y', approved: true }))
      .catch((e: DomainError) => e);
    expect((e2 as DomainError).messageKey).toBe('material.only_manager');
    await uow.run((tx) => materials.approve(tx, MGR, draft.id));
    expect((await uow.run((tx) => materials.get(tx, AGENT, draft.id))).status).toBe('approved');
    const e3 = await uow.run((tx) => materials.approve(tx, MGR, draft.id)).catch((e: DomainError) => e);
    expect((e3 as DomainError).messageKey).toBe('material.already_approved');
    const e4 = await uow
      .run((tx) => materials.add(tx, MGR, { title: '', kind: 'link', body: 'not a url', approved: false }))
      .catch((e: FormError) => e);
    expect(Object.keys((e4 as FormError).fields).sort()).toEqual(['body', 'title']);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalCardRenderer } from '../../../src/domain/approvals/approval.js';
import { ApprovalService } from '../../../src/domain/approvals/approval.service.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { type DomainError, FormError } from '../../../src/domain/shared/errors.js';
import { compileSchemes } from '../../../src/domain/targets/commission.rules.js';
import { fenToDecimal } from '../../../src/domain/targets/money.js';
import { monthPeriod, quarterPeriod } from '../../../src/domain/targets/period.js';
import { TargetService } from '../../../src/domain/targets/target.service.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';
import { member, signed } from './seed.js';

const MGR = member('ou_tgt_mgr', '王经理', ['manager']);
const LEADER = member('ou_tgt_leader', '赵总', ['leader']);
const A = member('ou_tgt_a', '张三', ['agent']);
const B = member('ou_tgt_b', '李四', ['agent']);

const cards: ApprovalCardRenderer = {
  approverCard: (v) => ({ status: v.approval.status }),
  requesterCard: (v) => ({ status: v.approval.status }),
};

const schemes = compileSchemes([
  {
    from: '2026-01',
    perContractYuan: 0,
    rentMultiples: [
      { minCompletionPct: 90, multiple: 1.5 },
      { minCompletionPct: 70, multiple: 1.2 },
      { minCompletionPct: 0, multiple: 1 },
    ],
    atSigningPct: 80,
    managerBonus: [
      { minCompletionPct: 70, rentMultiple: 0.1, fixedYuan: 0 },
      { minCompletionPct: 0, rentMultiple: 0, fixedYuan: 0 },
    ],
  },
]);

describe('targets on the database', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let clock: ManualClock;
  let approvals: ApprovalService;
  let svc: TargetService;

  beforeAll(async () => {
    t = await openTestDb();
    clock = new ManualClock('2026-12-14T02:00:00Z'); // Monday 2026-12-14, 10:00 in Shanghai
    uow = new TypeOrmUnitOfWork(t.db, clock);
    approvals = new ApprovalService({ clock, settings: { resendAfterMinutes: 60 }, cards });
    svc = new TargetService({
      clock,
      settings: {
        timezone: 'Asia/Shanghai',
        calendar: { holidays: [], makeupWorkdays: [] },
        riskMarginPct: 10,
        schemes,
      },
      approvals,
      render: {
        approvalSummary: (tg) => `${tg.periodKey} · ${tg.contracts}`,
        riskWarning: (r) => ({ risk: r.month, gap: r.department.gapBp }),
      },
    });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.truncate();
    await uow.run(async (tx) => {
      for (const m of [MGR, LEADER, A, B]) await tx.members.save(m);
    });
  });

  const propose = (
    period: string,
    contracts: string,
    split: Record<string, string>,
    extra: { area?: string; rent?: string } = {},
  ) => uow.run((tx) => svc.propose(tx, MGR, period, { contracts, area: extra.area, rent: extra.rent, split }));
  const approve = (approvalId: number) => uow.run((tx) => approvals.decide(tx, LEADER, approvalId, 'approved', '同意'));
  const count = async (table: string) => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('R-TGT-2: a split that does not add up, or a negative target, is refused per field and nothing is saved', async () => {
    const e1 = await propose('2026-12', '10', { [A.openId]: '6', [B.openId]: '3' }).catch((e) => e);
    expect(e1).toBeInstanceOf(FormError);
    expect((e1 as FormError).fields.split).toEqual({ key: 'target.err.split_sum', params: { sum: 9, total: 10 } });
    expect((e1 as FormError).values).toMatchObject({ period: '2026-12', contracts: '10', [`split_${A.openId}`]: '6' });
    const e2 = await propose('2026-12', '-5', { [A.openId]: '-5' }).catch((e) => e);
    expect((e2 as FormError).fields.contracts!.key).toBe('target.err.negative');
    expect((e2 as FormError).fields[`split_${A.openId}`]!.key).toBe('target.err.negative');
    const e3 = await propose('2026-11', '10', { [A.openId]: '10' }).catch((e) => e);
    expect((e3 as FormError).fields.period!.key).toBe('target.err.period_past');
    const e4 = await propose('2026-12', '2', { [A.openId]: '1', ou_not_an_agent: '1' }).catch((e) => e);
    expect((e4 as FormError).fields.split_ou_not_an_agent!.key).toBe('target.err.not_agent');
    expect(await count('target')).toBe(0);
    expect(await count('target_split')).toBe(0);
    expect(await count('approval')).toBe(0);
  });

  it('R-TGT-1: only a manager proposes', async () => {
    const e = await uow
      .run((tx) =>
        svc.propose(tx, A, '2026-12', { contracts: '1', area: undefined, rent: undefined, split: { [A.openId]: '1' } }),
      )
      .catch((x) => x);
    expect((e as DomainError).code).toBe('forbidden');
  });

  it('R-TGT-1: a proposal asks every leader; approved, it is in force with who and when', async () => {
    const { target, approval } = await propose(
      '2026-12',
      '10',
      { [A.openId]: '6/300/720000', [B.openId]: '4/200/480000' },
      { area: '500', rent: '1200000' },
    );
    expect(target.status).toBe('pending');
    expect(approval.approverRole).toBe('leader');
    expect(approval.notified).toEqual([LEADER.openId]);
    expect(await uow.run((tx) => svc.monthTargets(tx, '2026-12'))).toEqual({ department: undefined, perAgent: {} });

    clock.advance(60_000);
    await approve(approval.id);
    const row = (
      await t.ds.query(`SELECT status, decided_by, area_sqm, first_year_rent FROM target WHERE id = ${target.id}`)
    )[0];
    expect(row.status).toBe('approved');
    expect(row.decided_by).toBe(LEADER.openId);
    expect(Number(row.area_sqm)).toBe(500);
    expect(Number(row.first_year_rent)).toBe(1200000);
    const stored = await uow.run((tx) => svc.get(tx, target.id));
    expect(stored.decidedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(await uow.run((tx) => svc.monthTargets(tx, '2026-12'))).toEqual({
      department: 10,
      perAgent: { [A.openId]: 6, [B.openId]: 4 },
    });
  });

  it('R-TGT-1: a change after approval needs approval again; until then the old target stays in force', async () => {
    const first = await propose('2026-12', '10', { [A.openId]: '6', [B.openId]: '4' });
    await approve(first.approval.id);
    const second = await propose('2026-12', '12', { [A.openId]: '7', [B.openId]: '5' });
    const dup = await propose('2026-12', '12', { [A.openId]: '12' }).catch((e) => e);
    expect((dup as DomainError).messageKey).toBe('target.err.pending_exists');
    expect((await uow.run((tx) => svc.monthTargets(tx, '2026-12'))).department).toBe(10);
    await approve(second.approval.id);
    expect((await uow.run((tx) => svc.monthTargets(tx, '2026-12'))).department).toBe(12);
    const rows = await t.ds.query(`SELECT id, status, decided_by FROM target ORDER BY id`);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['superseded', 'approved']);
    expect(rows[0].decided_by).toBe(LEADER.openId); // who approved the old one is kept
  });

  it('R-TGT-1: a rejected proposal changes nothing in force', async () => {
    const p = await propose('2026-12', '10', { [A.openId]: '10' });
    await uow.run((tx) => approvals.decide(tx, LEADER, p.approval.id, 'rejected', '太低'));
    expect((await t.ds.query(`SELECT status FROM target`))[0].status).toBe('rejected');
    expect((await uow.run((tx) => svc.monthTargets(tx, '2026-12'))).department).toBeUndefined();
  });

  it('R-TGT-1: a quarter is the sum of its months unless set explicitly', async () => {
    clock.set('2026-09-14T02:00:00Z');
    try {
      for (const [m, a, b] of [
        ['2026-10', '3', '2'],
        ['2026-11', '4', '1'],
        ['2026-12', '2', '2'],
      ] as const) {
        const p = await propose(m, String(Number(a) + Number(b)), { [A.openId]: a, [B.openId]: b });
        await approve(p.approval.id);
      }
      let q = await uow.run((tx) => svc.targetsFor(tx, quarterPeriod('2026-Q4')));
      expect(q.source).toBe('months');
      expect(q.contracts).toBe(14);
      expect(Object.fromEntries(q.perAgent)).toEqual({ [A.openId]: 9, [B.openId]: 5 });
      const explicit = await propose('2026-Q4', '20', { [A.openId]: '12', [B.openId]: '8' });
      await approve(explicit.approval.id);
      q = await uow.run((tx) => svc.targetsFor(tx, quarterPeriod('2026-Q4')));
      expect(q.source).toBe('approved');
      expect(q.contracts).toBe(20);
    } finally {
      clock.set('2026-12-14T02:00:00Z');
    }
  });

  it('R-TGT-3/4: completion counts contracts by signing date; public-pool contracts count for the department only', async () => {
    const p = await propose('2026-12', '10', { [A.openId]: '5', [B.openId]: '5' });
    await approve(p.approval.id);
    await uow.run(async (tx) => {
      for (const d of ['2026-12-01', '2026-12-03', '2026-12-10', '2026-12-11'])
        await signed(tx, { agent: A.openId, date: d, rent: 10000 });
      await signed(tx, { agent: B.openId, date: '2026-12-02', rent: 8000 });
      await signed(tx, { agent: null, date: '2026-12-04', rent: 20000 }); // public pool
      await signed(tx, { agent: A.openId, date: '2026-11-30', rent: 10000 }); // last month: not counted
    });
    const r = await uow.run((tx) => svc.performance(tx, MGR, monthPeriod('2026-12'), 'all'));
    expect(r.asOf).toBe('2026-12-14');
    expect(r.department).toMatchObject({ target: 10, signed: 6, poolSigned: 1, bp: 6000 });
    const a = r.agents.find((x) => x.agentOpenId === A.openId)!;
    const b = r.agents.find((x) => x.agentOpenId === B.openId)!;
    expect([a.signed, a.bp, b.signed, b.bp]).toEqual([4, 8000, 1, 2000]);
    // A at 80 % → 1.2 × 10000 × 4; B at 20 % → 1.0 × 8000
    expect(fenToDecimal(a.commission.totalFen)).toBe('48000.00');
    expect(fenToDecimal(a.commission.atSigningFen)).toBe('38400.00');
    expect(fenToDecimal(a.commission.atOpeningFen)).toBe('9600.00');
    expect(fenToDecimal(b.commission.totalFen)).toBe('8000.00');
    expect(fenToDecimal(r.department.commissionFen)).toBe('56000.00');
    // Department at 60 % → below the 70 % bonus tier
    expect(r.department.managerBonusFen).toBe(0);

    const mine = await uow.run((tx) => svc.performance(tx, A, monthPeriod('2026-12'), 'mine'));
    expect(mine.scope).toBe('mine');
    expect(mine.agents.map((x) => x.agentOpenId)).toEqual([A.openId]);
  });

  it('R-TGT-4: 开业 makes the opening part due — once per contract, not before signing, not in the future', async () => {
    const p = await propose('2026-12', '2', { [A.openId]: '2' });
    await approve(p.approval.id);
    await uow.run(async (tx) => {
      await signed(tx, { agent: A.openId, date: '2026-12-02', rent: 10000, no: 'HT-OPEN-1' });
      await signed(tx, { agent: A.openId, date: '2026-12-03', rent: 5000, no: 'HT-OPEN-2' });
    });
    const DESK = member('ou_tgt_desk', '孙前台', ['front_desk']);
    await uow.run((tx) => tx.members.save(DESK));
    const err = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: DomainError) => e.messageKey,
      );
    expect(await err(uow.run((tx) => svc.recordOpening(tx, A, 'HT-OPEN-1', '2026-12-10')))).toBe(
      'error.forbidden_role',
    );
    expect(await err(uow.run((tx) => svc.recordOpening(tx, DESK, 'HT-NOPE', '2026-12-10')))).toBe(
      'target.opening.no_contract',
    );
    expect(await err(uow.run((tx) => svc.recordOpening(tx, DESK, 'HT-OPEN-1', '2026-12-01')))).toBe(
      'target.opening.before_signing',
    );
    expect(await err(uow.run((tx) => svc.recordOpening(tx, DESK, 'HT-OPEN-1', '2026-12-15')))).toBe(
      'target.opening.future',
    );
    expect(await err(uow.run((tx) => svc.recordOpening(tx, DESK, 'HT-OPEN-1', '12月10日')))).toBe(
      'target.opening.bad_date',
    );
    // 2/2 = 100 % → 1.5 × 10000 = 15000, of which 20 % at opening
    const res = await uow.run((tx) => svc.recordOpening(tx, DESK, ' ht-open-1 ', '2026-12-10'));
    expect(res).toEqual({
      contractNo: 'HT-OPEN-1',
      openedDate: '2026-12-10',
      agentOpenId: A.openId,
      atOpeningFen: 300000,
    });
    expect(await err(uow.run((tx) => svc.recordOpening(tx, MGR, 'HT-OPEN-1', '2026-12-11')))).toBe(
      'target.opening.duplicate',
    );
    const r = await uow.run((tx) => svc.performance(tx, A, monthPeriod('2026-12'), 'mine'));
    expect(fenToDecimal(r.agents[0]!.commission.atOpeningFen)).toBe('4500.00');
    expect(fenToDecimal(r.agents[0]!.openedFen)).toBe('3000.00');
    // Counted as of a date: before the opening day it is not yet due.
    const before = await uow.run((tx) => svc.compute(tx, monthPeriod('2026-12'), '2026-12-09'));
    expect(before.agents.find((a) => a.agentOpenId === A.openId)!.openedFen).toBe(0);
    expect((await t.ds.query(`SELECT action FROM audit_log WHERE subject_id = 'HT-OPEN-1'`))[0].action).toBe(
      'contract.opened',
    );
  });

  it("R-TGT-4: an agent asking for everyone's figures is refused", async () => {
    const e = await uow.run((tx) => svc.performance(tx, A, monthPeriod('2026-12'), 'all')).catch((x) => x);
    expect((e as DomainError).messageKey).toBe('target.err.agent_all');
  });

  it('R-TGT-5: lagging the elapsed working days by more than the margin warns every manager once a day', async () => {
    const p = await propose('2026-12', '20', { [A.openId]: '10', [B.openId]: '10' });
    await approve(p.approval.id);
    await uow.run(async (tx) => {
      await signed(tx, { agent: A.openId, date: '2026-12-02' });
      await signed(tx, { agent: B.openId, date: '2026-12-07' });
    });
    // 2026-12-14: 10 of 23 working days gone (43.47 %), 2/20 done (10 %) → 33 points behind.
    const res = await uow.run((tx) => svc.warnIfLagging(tx, '2026-12-14'));
    expect(res.report).toMatchObject({ workingDaysElapsed: 10, workingDaysInMonth: 23, signed: 2, target: 20 });
    expect(res.report!.department.gapBp).toBe(4347 - 1000);
    expect(res.report!.laggingAgents.map((a) => a.agentOpenId).sort()).toEqual([A.openId, B.openId].sort());
    expect(res.warned).toEqual([MGR.openId]);
    await uow.run((tx) => svc.warnIfLagging(tx, '2026-12-14'));
    const sent = await t.ds.query(`SELECT receive_id FROM outbox_message WHERE dedupe_key LIKE 'target-risk:%'`);
    expect(sent).toEqual([{ receive_id: MGR.openId }]);
    // On track early in the month: no warning.
    expect(await uow.run((tx) => svc.riskCheck(tx, '2026-12-01'))).toBeNull();
  });
});

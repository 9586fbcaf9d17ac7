import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';
import { WorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { Tx } from '../../../src/domain/shared/tx.js';
import type { JobPorts } from '../../../src/jobs/ports.js';
import { featureSources } from '../../../src/jobs/wiring.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';
import { jobsConfig } from '../harness.js';

const A1 = 'ou_src_agent_1';
const A2 = 'ou_src_agent_2';
const at = (date: string, h: number, m = 0) => zonedToUtc(date, h, m, 0, 'Asia/Shanghai');

/** The job ports over the real forms/contracts/walk-in tables. */
describe('job sources over the feature tables', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let ports: Partial<JobPorts>;
  const now = at('2026-11-23', 12);

  beforeAll(async () => {
    t = await openTestDb();
    uow = new TypeOrmUnitOfWork(t.db, new ManualClock(now));
    ports = featureSources(jobsConfig());
    await uow.run(async (tx) => {
      const client = (name: string, owner: string) =>
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
            owner: { kind: 'agent', openId: owner },
          },
          now,
        );
      const c1 = await client('星光服饰', A1);
      const c2 = await client('老客户', A1);
      const c3 = await client('大华电器', A2);
      const c4 = await client('新来的', A2);
      await tx.revisits.create(
        { clientId: c1.id, agentOpenId: A1, dueDate: '2026-11-23', purpose: '谈铺位', rescheduledFromId: null },
        now,
      );
      await tx.revisits.create(
        { clientId: c2.id, agentOpenId: A1, dueDate: '2026-11-20', purpose: null, rescheduledFromId: null },
        now,
      );
      await tx.revisits.create(
        { clientId: c3.id, agentOpenId: A2, dueDate: '2026-11-24', purpose: null, rescheduledFromId: null },
        now,
      );
      await tx.contracts.addSigningPlan(
        {
          clientId: c3.id,
          agentOpenId: A2,
          depositAmount: 20000,
          paidDate: '2026-11-23',
          signingDate: '2026-11-24',
          unit: 'A-101',
        },
        now,
      );
      await tx.contracts.addSigned(
        {
          contractNo: 'HT-1',
          clientId: c3.id,
          agentOpenId: A2,
          signedDate: '2026-11-23',
          unit: 'A-101',
          area: 50,
          monthlyRent: 8000,
          collectionId: null,
          enteredBy: 'ou_desk',
        },
        now,
      );
      await tx.contracts.addCollection(
        {
          contractNo: 'HT-2',
          clientId: c1.id,
          agentOpenId: A1,
          unit: 'B-2',
          area: 30,
          monthlyRent: 5000,
          termMonths: 12,
          collectedDate: '2026-11-23',
        },
        now,
      );
      const walk = (over: Partial<Parameters<Tx['walkIns']['create']>[0]>) =>
        tx.walkIns.create({
          day: '2026-11-23',
          registeredBy: 'ou_desk',
          arrivedAt: at('2026-11-23', 11),
          name: '周先生',
          phoneTyped: null,
          phone: null,
          cardAgent: null,
          leaderReferral: false,
          note: null,
          rule: 'R-ATT-1',
          status: 'accepted',
          owner: A2,
          clientId: null,
          decidedAt: at('2026-11-23', 11),
          ...over,
        });
      await walk({}); // accepted 11:00, visitor form due 13:00
      await walk({ name: '钱女士', clientId: c4.id, status: 'assigned' }); // registered, no revisit plan yet
    });
  });
  afterAll(async () => t?.close());

  it('R-REM-1: due today and overdue revisits per agent, overdue first and marked', async () => {
    const lists = await uow.run((tx) => ports.revisitReminders!.dueFor(tx, '2026-11-23'));
    expect(lists).toEqual([
      {
        agentOpenId: A1,
        items: [
          { kind: 'revisit', revisitId: expect.any(Number), clientName: '老客户', date: '2026-11-20', overdue: true },
          {
            kind: 'revisit',
            revisitId: expect.any(Number),
            clientName: '星光服饰',
            date: '2026-11-23',
            note: '谈铺位',
            overdue: false,
          },
        ],
      },
    ]);
  });

  it("R-PLAN-1: tomorrow's revisits and signings, plus what is still open from today and before", async () => {
    const plan = await uow.run((tx) => ports.plans!.planFor(tx, { day: '2026-11-24', today: '2026-11-23' }));
    const byAgent = Object.fromEntries(
      plan.map((p) => [
        p.agentOpenId,
        p.items.map((i) => `${i.kind}:${i.clientName}:${i.overdue ? 'overdue' : 'due'}`),
      ]),
    );
    expect(byAgent[A1]).toEqual(['revisit:老客户:overdue', 'revisit:星光服饰:overdue']);
    expect(byAgent[A2]).toEqual(expect.arrayContaining(['revisit:大华电器:due', 'signing:大华电器:due']));
  });

  it('R-REM-1 / R-REV-2: each revisit line carries its revisit id (for the done / reschedule / lost buttons)', async () => {
    const lists = await uow.run((tx) => ports.revisitReminders!.dueFor(tx, '2026-11-23'));
    const open = await uow.run((tx) => tx.revisits.listOpenDueBy('2026-11-23', A1));
    expect(lists[0]!.items.map((i) => i.revisitId).sort()).toEqual(open.map((r) => r.id).sort());
    const plan = await uow.run((tx) => ports.plans!.planFor(tx, { day: '2026-11-24', today: '2026-11-23' }));
    for (const i of plan.flatMap((p) => p.items))
      expect(i.kind === 'revisit' ? typeof i.revisitId : 'none').toBe(i.kind === 'revisit' ? 'number' : 'none');
  });

  it('R-CON-3: a signed contract without a collection form and a collection without a signed contract', async () => {
    const r = await uow.run((tx) => ports.reconciliation!.mismatches(tx, '2026-11-23'));
    expect(r.signedWithoutCollection.map((c) => c.contractNo)).toEqual(['HT-1']);
    expect(r.collectedWithoutSigned.map((c) => c.contractNo)).toEqual(['HT-2']);
  });

  it('R-REM-2: owed forms due today and unfiled — the visitor form of every received walk-in with its client, never a revisit plan for an unregistered client', async () => {
    const calendar = new WorkingCalendar({ holidays: [], makeupWorkdays: [] });
    const lists = await uow.run((tx) => ports.formDeadlines!.unfiledDue(tx, { date: '2026-11-23', now, calendar }));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.agentOpenId).toBe(A2);
    expect(
      lists[0]!.forms.map(
        (f) => `${f.label}:${f.clientName}:${f.dueAt.toISOString()}:${f.overdue ? 'overdue' : 'ahead'}`,
      ),
    ).toEqual([
      `合同领取表:大华电器 HT-1:${now.toISOString()}:overdue`, // handed over (entered as signed) without its collection form (R-CON-2)
      `来访客户登记表:周先生:${at('2026-11-23', 13).toISOString()}:ahead`,
      `来访客户登记表:新来的:${at('2026-11-23', 13).toISOString()}:ahead`,
    ]);
    const later = await uow.run((tx) =>
      ports.formDeadlines!.unfiledDue(tx, { date: '2026-11-23', now: at('2026-11-23', 14), calendar }),
    );
    expect(later[0]!.forms.map((f) => `${f.label}:${f.overdue ? 'overdue' : 'ahead'}`)).toEqual([
      '合同领取表:overdue',
      '来访客户登记表:overdue',
      '来访客户登记表:overdue',
    ]);
  });

  it('R-DIG-3: the review record counts visit logs read and field-visit plans decided in the month', async () => {
    await uow.run(async (tx) => {
      const log = (action: string, subjectType: string, after: unknown, when: Date) =>
        tx.audit.append({ actor: 'ou_mgr', action, subjectType, subjectId: '1', after }, when);
      await log('visit_log.reviewed', 'visit_log', { comment: null }, at('2026-11-10', 10));
      await log('visit_log.reviewed', 'visit_log', { comment: '好' }, at('2026-11-30', 23, 30));
      await log('visit_log.reviewed', 'visit_log', null, at('2026-12-01', 0, 30)); // next month
      await log('approval.approved', 'approval', { kind: 'field_visit' }, at('2026-11-11', 9));
      await log('approval.rejected', 'approval', { kind: 'field_visit' }, at('2026-11-12', 9));
      await log('approval.approved', 'approval', { kind: 'target' }, at('2026-11-12', 9));
      await log('approval.requested', 'approval', { kind: 'field_visit' }, at('2026-11-12', 9));
    });
    const r = await uow.run((tx) => ports.reviews!.reviews(tx, { from: '2026-11-01', to: '2026-11-30' }));
    expect(r).toEqual({ logsReviewed: 2, logsPending: 0, plansDecided: 2 });
  });

  it("R-PLAN-1: tomorrow's approved field visits are on the plan (pending, rejected and other days are not)", async () => {
    await uow.run(async (tx) => {
      const ids = (await t.ds.query(`SELECT id, name FROM client ORDER BY id`)) as Array<{ id: number; name: string }>;
      const idOf = (name: string) => Number(ids.find((r) => r.name === name)!.id);
      const plan = async (
        agent: string,
        date: string,
        clientIds: number[],
        places: string[],
        status: 'approved' | 'pending' | 'rejected',
      ) => {
        const p = await tx.fieldVisits.createPlan(
          { agentOpenId: agent, visitDate: date, purpose: '看铺', clientIds, places },
          now,
        );
        if (status !== 'pending') await tx.fieldVisits.setStatus(p.id, status, now);
        return p;
      };
      await plan(A1, '2026-11-24', [idOf('星光服饰')], ['建材市场'], 'approved');
      await plan(A2, '2026-11-24', [idOf('大华电器')], [], 'pending');
      await plan(A2, '2026-11-24', [], ['灯具城'], 'rejected');
      await plan(A2, '2026-11-25', [idOf('大华电器')], [], 'approved');
    });
    const approved = await uow.run((tx) => tx.fieldVisits.listApprovedOn('2026-11-24'));
    expect(approved.map((p) => [p.agentOpenId, p.status, p.places])).toEqual([[A1, 'approved', ['建材市场']]]);
    const plan = await uow.run((tx) => ports.plans!.planFor(tx, { day: '2026-11-24', today: '2026-11-23' }));
    const visits = plan.flatMap((p) =>
      p.items.filter((i) => i.kind === 'field_visit').map((i) => ({ agent: p.agentOpenId, ...i })),
    );
    expect(visits).toEqual([
      { agent: A1, kind: 'field_visit', clientName: '星光服饰、建材市场', date: '2026-11-24', note: '看铺' },
    ]);
  });
  it('R-PLAN-1: an approved field visit of an earlier day without its 走访日志 is on the plan as overdue until the log is filed', async () => {
    const ids = (await t.ds.query(`SELECT id, name FROM client ORDER BY id`)) as Array<{ id: number; name: string }>;
    const idOf = (name: string) => Number(ids.find((r) => r.name === name)!.id);
    const plans = await uow.run(async (tx) => {
      const make = async (
        agent: string,
        date: string,
        clientIds: number[],
        places: string[],
        status: 'approved' | 'pending',
      ) => {
        const p = await tx.fieldVisits.createPlan(
          { agentOpenId: agent, visitDate: date, purpose: '回访老客户', clientIds, places },
          now,
        );
        if (status === 'approved') await tx.fieldVisits.setStatus(p.id, status, now);
        return p;
      };
      return {
        earlier: await make(A2, '2026-11-20', [idOf('大华电器')], ['五金城'], 'approved'),
        pending: await make(A2, '2026-11-19', [idOf('大华电器')], [], 'pending'), // never approved: no log expected
        today: await make(A1, '2026-11-23', [], ['灯具城'], 'approved'), // its log is due tomorrow 10:00: not overdue yet
      };
    });
    const unlogged = async () => {
      const plan = await uow.run((tx) => ports.plans!.planFor(tx, { day: '2026-11-24', today: '2026-11-23' }));
      return plan.flatMap((p) =>
        p.items.filter((i) => i.kind === 'visit_log').map((i) => ({ agent: p.agentOpenId, ...i })),
      );
    };
    expect(await unlogged()).toEqual([
      {
        agent: A2,
        kind: 'visit_log',
        clientName: '大华电器、五金城',
        date: '2026-11-20',
        note: '回访老客户',
        overdue: true,
      },
    ]);
    await uow.run((tx) =>
      tx.fieldVisits.createLog({
        planId: plans.earlier.id,
        agentOpenId: A2,
        visitDate: '2026-11-20',
        summary: '谈妥续租',
        outcomes: [],
        filedAt: now,
        dueAt: now,
        late: true,
      }),
    );
    expect(await unlogged()).toEqual([]);
  });
});

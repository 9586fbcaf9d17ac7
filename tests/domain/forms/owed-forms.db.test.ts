import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formNotices } from '../../../src/bot/cards/form-notices.js';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';
import { createClientServices, type FormServices } from '../../../src/domain/forms/index.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { Tx } from '../../../src/domain/shared/tx.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';
import { loadConfig } from '../../../src/config.js';
import { ApprovalService } from '../../../src/domain/approvals/approval.service.js';
import { compileSchemes } from '../../../src/domain/targets/commission.rules.js';
import { ExportService } from '../../../src/domain/targets/export.service.js';
import { TargetService } from '../../../src/domain/targets/target.service.js';
import { sheetFor } from '../../../src/exports/sheets.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';
import { Cluster, jobsConfig, outboxRows, seedDepartment, type Instance } from '../../jobs/harness.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, h: number, m = 0, s = 0) => zonedToUtc(date, h, m, s, TZ);
const LI: Member = { openId: 'ou_owed_li', name: '李招商', roles: ['agent'], active: true, nameRefreshedAt: null };
const ZHOU: Member = { openId: 'ou_owed_zhou', name: '周招商', roles: ['agent'], active: true, nameRefreshedAt: null };
const WANG: Member = { openId: 'ou_owed_wang', name: '王招商', roles: ['agent'], active: true, nameRefreshedAt: null };
const DESK = 'ou_owed_desk';
const LEADER = 'ou_owed_leader';
const CHAT = 'oc_owed_dept';
const FULL = { contact: '王先生', category: '五金', client_type: 'merchant', source: 'walk_in', grade: 'B' };

/**
 * R-FORM-3 / R-REM-2 over one week (Mon 2026-11-23 … Sun 11-29), every figure counted by hand:
 *  李: walk-ins W1 (filed 10:30) and W3 (accepted 15:10, filed 16:30), one registration typed in (then
 *      tapped twice: refused; plus one stored double tap from before the fix), a deposit on Wednesday,
 *      a Monday field visit whose log never comes (due Tue 10:00), four revisits left open (Mon–Thu),
 *      a contract entered as signed on Wednesday without its collection form.
 *  周: two registrations, four refused 撞单 attempts on 李's client, walk-in W2 (accepted 14:00, form
 *      never filed, due 16:00), a Monday field visit logged the same evening.
 *  王: walk-in W4, filed. Registration numbers issued: 李 3 + 周 2 + 王 1 = 6.
 */
describe('owed forms in the digests and reminders', () => {
  let t: TestDb;
  const clock = new ManualClock(at('2026-11-23', 9));
  let cluster: Cluster;
  let seed: Instance;
  let forms: FormServices;
  const run = <T>(work: (tx: Tx) => Promise<T>) => seed.uow.run(work);
  const ids: { w1: number; w2: number; w3: number; w4: number; liClient: number; liVisit: number } = {
    w1: 0,
    w2: 0,
    w3: 0,
    w4: 0,
    liClient: 0,
    liVisit: 0,
  };

  const walkIn = (tx: Tx, owner: string, acceptedAt: Date, clientId: number | null, name: string | null) =>
    tx.walkIns.create({
      day: '2026-11-23',
      registeredBy: DESK,
      arrivedAt: acceptedAt,
      name,
      phoneTyped: null,
      phone: null,
      cardAgent: null,
      leaderReferral: false,
      note: null,
      rule: 'R-ATT-1',
      status: 'accepted',
      owner,
      clientId,
      decidedAt: acceptedAt,
    });
  const submit = (m: Member, values: Record<string, string>, origin: { walkInId?: number } = {}) =>
    run((tx) => forms.visitor.submit(tx, m, { ...FULL, ...values }, origin));
  const clientOf = (tx: Tx, name: string, owner: string) =>
    tx.clients.create(
      {
        name,
        shopName: null,
        contactPerson: null,
        phone: null,
        category: null,
        clientType: null,
        source: 'walk_in',
        grade: null,
        owner: { kind: 'agent', openId: owner },
        state: 'intent',
      },
      clock.now(),
    );

  beforeAll(async () => {
    t = await openTestDb();
    cluster = new Cluster(t, clock, {});
    seed = await cluster.instance('seed');
    const config = jobsConfig();
    forms = createClientServices({
      clock,
      settings: { timezone: TZ, ...config.settings.forms },
      notices: formNotices(TZ),
    }).forms;
    await seedDepartment(
      seed.uow,
      {
        [LI.openId]: { name: LI.name, roles: ['agent'] },
        [ZHOU.openId]: { name: ZHOU.name, roles: ['agent'] },
        [WANG.openId]: { name: WANG.name, roles: ['agent'] },
        [DESK]: { name: '前台小张', roles: ['front_desk'] },
        [LEADER]: { name: '赵总', roles: ['leader'] },
      },
      CHAT,
    );

    // Monday 23rd.
    clock.set(at('2026-11-23', 9));
    await run(async (tx) => {
      const plan = await tx.fieldVisits.createPlan(
        { agentOpenId: LI.openId, visitDate: '2026-11-23', purpose: '看铺', clientIds: [], places: ['建材城'] },
        clock.now(),
      );
      await tx.fieldVisits.setStatus(plan.id, 'approved', clock.now());
      ids.liVisit = plan.id;
      const zplan = await tx.fieldVisits.createPlan(
        { agentOpenId: ZHOU.openId, visitDate: '2026-11-23', purpose: '拜访', clientIds: [], places: ['灯具城'] },
        clock.now(),
      );
      await tx.fieldVisits.setStatus(zplan.id, 'approved', clock.now());
      ids.w1 = (await walkIn(tx, LI.openId, at('2026-11-23', 10), null, null)).id;
    });
    clock.set(at('2026-11-23', 10, 30));
    const w1Client = await submit(LI, { name: '老王五金', phone: '13800000011' }, { walkInId: ids.w1 });
    clock.set(at('2026-11-23', 11));
    const typed = await submit(LI, { name: '星光服饰', phone: '13800000012' });
    ids.liClient = typed.client.id;
    clock.set(at('2026-11-23', 11, 0, 2));
    await expect(submit(LI, { name: '星光服饰', phone: '13800000012' })).rejects.toMatchObject({
      messageKey: 'form.duplicate',
    });
    // A double tap stored before it was refused at the door: the same values, three seconds later.
    await run(async (tx) => {
      const first = (await tx.formRecords.listForClient(typed.client.id, 5))[0]!;
      await tx.formRecords.add({
        ...first,
        filedAt: at('2026-11-23', 11, 0, 3),
        dedupeKey: null,
        payload: { ...first.payload, outcome: 'returning' },
      });
    });
    clock.set(at('2026-11-23', 11, 30));
    await submit(ZHOU, { name: '华美灯具', phone: '13900000021' });
    await submit(ZHOU, { name: '金利来', phone: '13900000022' });
    for (let i = 1; i <= 4; i++) {
      clock.set(at('2026-11-23', 12, i));
      const dup = await submit(ZHOU, { name: `老王${i}`, phone: '13800000011', note: `第${i}次` });
      expect(dup.kind).toBe('duplicate');
    }
    expect(w1Client.kind).toBe('created');
    clock.set(at('2026-11-23', 14));
    await run(async (tx) => {
      ids.w2 = (
        await walkIn(tx, ZHOU.openId, clock.now(), (await clientOf(tx, '陈先生', ZHOU.openId)).id, '陈先生')
      ).id;
      ids.w4 = (await walkIn(tx, WANG.openId, clock.now(), null, null)).id;
    });
    const wan = await submit(WANG, { name: '万家建材', phone: '13700000031' }, { walkInId: ids.w4 });
    // 王 also planned the revisit right away: nothing is owed by him today.
    await run((tx) =>
      tx.revisits.create(
        {
          clientId: wan.client.id,
          agentOpenId: WANG.openId,
          dueDate: '2026-12-10',
          purpose: '看样品',
          rescheduledFromId: null,
        },
        clock.now(),
      ),
    );
    clock.set(at('2026-11-23', 15, 10));
    await run(async (tx) => {
      ids.w3 = (
        await walkIn(tx, LI.openId, clock.now(), (await clientOf(tx, '星光灯饰', LI.openId)).id, '星光灯饰')
      ).id;
    });
  });
  afterAll(async () => {
    await cluster?.close();
    await t?.close();
  });

  it('R-REM-2: at 16:00 the agent is reminded of the visitor form of the walk-in they accepted, naming the client, before its deadline; filed forms are not named', async () => {
    clock.set(at('2026-11-23', 16, 0, 5));
    const a = await cluster.instance('A');
    expect((await a.jobs.scheduler.tick('formDeadlines')).map((r) => r.outcome.status)).toEqual(['done']);
    const rows = await outboxRows(t.ds, 'job:formDeadlines:%');
    const to = (m: Member) => rows.filter((r) => r.receive_id === m.openId).map((r) => r.content);
    expect(to(LI)).toHaveLength(1);
    expect(to(LI)[0]).toContain('来访客户登记表（星光灯饰）：截止 17:10');
    // Filed visitor forms are not named again; their clients, now registered, owe a revisit plan by 17:30.
    for (const filed of ['老王五金', '星光服饰']) {
      expect(to(LI)[0]).not.toContain(`来访客户登记表（${filed}`);
      expect(to(LI)[0]).toContain(`回访计划表（${filed}）：截止 17:30`);
    }
    expect(to(LI)[0]).not.toContain('回访计划表（星光灯饰'); // not registered yet: its visitor form is what is owed
    // 周's walk-in was due at 16:00: named as overdue, still to be filed.
    expect(to(ZHOU)[0]).toContain('来访客户登记表（陈先生）：已过截止 16:00');
    // 王 filed everything he owes today: no reminder at all.
    expect(to(WANG)).toEqual([]);
  });

  it('R-FORM-3: the daily digest counts registrations that issued a number, never refused 撞单 or double taps, and the missing visitor form', async () => {
    clock.set(at('2026-11-23', 16, 30));
    await submit(LI, { name: '星光灯饰', phone: '13800000013' }, { walkInId: ids.w3 });
    clock.set(at('2026-11-23', 17));
    await run(async (tx) => {
      const zplan = (await tx.fieldVisits.listApprovedOn('2026-11-23')).find((p) => p.agentOpenId === ZHOU.openId)!;
      const log = await tx.fieldVisits.createLog({
        planId: zplan.id,
        agentOpenId: ZHOU.openId,
        visitDate: '2026-11-23',
        summary: '谈了续租',
        outcomes: [],
        filedAt: clock.now(),
        dueAt: at('2026-11-24', 10),
        late: false,
      });
      await tx.formRecords.add({
        kind: 'visit_log',
        clientId: null,
        agentOpenId: ZHOU.openId,
        filedBy: ZHOU.openId,
        filedAt: clock.now(),
        dueAt: at('2026-11-24', 10),
        late: false,
        incomplete: false,
        missing: [],
        refId: log.id,
        dedupeKey: `visit_log:${zplan.id}`,
        payload: { planId: zplan.id },
      });
    });
    const numbered = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM client WHERE reg_no IS NOT NULL`))[0].n);
    expect(numbered).toBe(6);
    clock.set(at('2026-11-23', 18, 30, 5));
    const a = await cluster.instance('B');
    await a.jobs.scheduler.tick('dailyDigest');
    const [digest] = await outboxRows(t.ds, 'job:dailyDigest:%');
    expect(digest!.receive_id).toBe(CHAT);
    expect(digest!.content).toContain(`到访接待 4，登记 ${numbered}，交定金 0，签约 0`);
    expect(digest!.content).toContain('李招商：接待 2｜登记 3｜定金 0｜签约 0');
    expect(digest!.content).toContain('周招商：接待 1｜登记 2｜定金 0｜签约 0'); // not 6: the four 撞单 were refused
    expect(digest!.content).toContain('王招商：接待 1｜登记 1｜定金 0｜签约 0');
    // Filed: 李 3 visitor forms, 周 2 + the visit log, 王 1. Missing: 周's W2 (due 16:00). The revisit due today and
    // 李's visit log (due tomorrow 10:00) are not missing yet.
    expect(digest!.content).toContain('表单：共 7 份，迟交 0，缺项 0，缺交 1，虚假信息标记 0');
  });

  it('R-REM-2: before 10:00 the agent is reminded of the visit log of yesterday’s approved visit; none for a log already written', async () => {
    clock.set(at('2026-11-24', 9, 0, 5));
    const a = await cluster.instance('C');
    await a.jobs.scheduler.tick('morningFormDeadlines');
    const rows = await outboxRows(t.ds, 'job:morningFormDeadlines:%');
    expect(rows.map((r) => r.receive_id)).toEqual([LI.openId]);
    expect(rows[0]!.content).toContain('走访日志（建材城）：截止 10:00');
    expect(rows[0]!.content).not.toContain('灯具城'); // 周's log is written
  });

  it('R-FORM-3: the weekly summary counts missing visitor forms, unwritten visit logs, overdue revisits and a missing collection form as 缺交, number by number', async () => {
    clock.set(at('2026-11-24', 11));
    await run(async (tx) => {
      for (const day of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']) {
        await tx.revisits.create(
          { clientId: ids.liClient, agentOpenId: LI.openId, dueDate: day, purpose: '谈铺位', rescheduledFromId: null },
          at('2026-11-23', 9),
        );
      }
    });
    clock.set(at('2026-11-25', 10));
    await run((tx) =>
      forms.signingPlan.submit(tx, LI, ids.liClient, {
        deposit: '20000',
        paid_date: '2026-11-25',
        signing_date: '2026-11-30',
        unit: 'A-101',
      }),
    );
    clock.set(at('2026-11-25', 15));
    await run((tx) =>
      tx.contracts.addSigned(
        {
          contractNo: 'HT-OWED-1',
          clientId: ids.liClient,
          agentOpenId: LI.openId,
          signedDate: '2026-11-25',
          unit: 'A-101',
          area: 50,
          monthlyRent: 8000,
          collectionId: null,
          enteredBy: DESK,
        },
        clock.now(),
      ),
    );

    clock.set(at('2026-11-30', 9, 0, 5));
    const a = await cluster.instance('D');
    await a.jobs.scheduler.tick('weeklySummary');
    const [row] = await outboxRows(t.ds, 'job:weeklySummary:%');
    const card = JSON.parse(row!.content) as {
      body?: { elements: Array<Record<string, unknown>> };
      elements?: Array<Record<string, unknown>>;
    };
    const elements = (card.body?.elements ?? card.elements)!;
    // One line per agent (phone width): 接待 · 登记 · 回访 完成/逾期 · 签约 …, then the form problems.
    const text = elements
      .filter((e) => e.tag === 'markdown')
      .map((e) => unescapeMd(String(e.content)))
      .join('\n');
    const line = (who: string) => text.split('\n').find((l) => l.includes(`**${who}**`)) ?? '';
    const counts = (who: string) => {
      const l = line(who);
      const n = (re: RegExp) => re.exec(l)?.[1] ?? '—';
      return [
        n(/接待 (\d+)/),
        n(/登记 (\d+)/),
        n(/回访 完成\/逾期 (\d+\/\d+)/),
        n(/签约 (\d+)/),
        n(/缺交 (\d+)/),
        n(/迟交 (\d+)/),
      ].join('|');
    };
    // 李: missing = visit log 1 + revisits 4 + collection 1; 周: missing = W2; nothing late anywhere.
    expect(counts('李招商')).toBe('2|3|0/4|1|6|—');
    expect(counts('周招商')).toBe('1|2|0/0|0|1|—');
    expect(counts('王招商')).toBe('1|1|0/0|0|—|—');
    expect(counts('部门合计')).toBe('4|6|0/4|1|7|—');
  });

  it('R-FORM-3: the monthly report to leaders shows the same registrations and missing forms', async () => {
    clock.set(at('2026-12-01', 9, 0, 5));
    const a = await cluster.instance('E');
    await a.jobs.scheduler.tick('monthlyReport');
    const [row] = await outboxRows(t.ds, 'job:monthlyReport:%');
    expect(row!.receive_id).toBe(LEADER);
    // Filed: 李 3 visitor forms + the signing plan, 周 2 + the visit log, 王 1 = 8.
    expect(row!.content).toContain('到访接待 4，登记 6，定金 1');
    expect(row!.content).toContain('表单：共 8 份，迟交 0，缺项 0，缺交 7，虚假信息标记 0');
  });

  it('R-FORM-3: the 来访客户登记总表 export leaves out refused 撞单 and lists the never-filed visitor form as 缺交', async () => {
    clock.set(at('2026-12-01', 10));
    const config = loadConfig({});
    const targets = new TargetService({
      clock,
      settings: {
        timezone: TZ,
        calendar: config.settings.calendar,
        riskMarginPct: 10,
        schemes: compileSchemes(config.settings.commission.versions),
      },
      approvals: new ApprovalService({
        clock,
        settings: config.settings.approvals,
        cards: { approverCard: () => ({}), requesterCard: () => ({}) },
      }),
      render: { approvalSummary: () => '', riskWarning: () => ({}) },
    });
    const exports = new ExportService({
      clock,
      settings: { timezone: TZ, exportMaxDays: 366, forms: config.settings.forms },
      targets,
    });
    const manager: Member = {
      openId: 'ou_owed_mgr',
      name: '王经理',
      roles: ['manager'],
      active: true,
      nameRefreshedAt: null,
    };
    const rows = await run(async (tx) => {
      await tx.members.save(manager);
      const req = await exports.prepare(tx, manager, 'visitors', '2026-11-23~2026-11-29', false);
      const out = await exports.rows(tx, req);
      if (out.kind !== 'visitors') throw new Error('not the visitor ledger');
      const all = [];
      for await (const page of out.pages) all.push(...page);
      return all;
    });
    // Filed and counted: 李 3 (one typed in, W1, W3), 周 2, 王 1 — the four refused 撞单 of 周 are not registrations.
    const filed = rows.filter((r) => !r.missing);
    expect(filed.filter((r) => r.agentOpenId === ZHOU.openId)).toHaveLength(2);
    expect(filed.some((r) => r.clientName.startsWith('老王') && r.agentOpenId === ZHOU.openId)).toBe(false);
    // 周's walk-in W2 (accepted Monday 14:00) never got its form: one 缺交 row for 周, nothing filed on it.
    const missing = rows.filter((r) => r.missing);
    expect(missing.map((r) => r.agentOpenId)).toEqual([ZHOU.openId]);
    expect(missing[0]!.filedAt).toBeNull();
    const sheet = sheetFor(
      { kind: 'visitors', range: { from: '2026-11-23', to: '2026-11-29' }, showPhones: false, names: new Map() },
      {
        kind: 'visitors',
        pages: (async function* () {
          yield rows;
        })(),
      },
    );
    const cells: unknown[][] = [];
    for await (const page of sheet.pages) cells.push(...page);
    expect(cells.at(-1)!.at(-1)).toBe('缺交（应填未填）');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../src/domain/clients/client.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { domainError, formErrors, openFormsFixture, type FormsFixture } from './forms-fixture.js';

const count = async (f: FormsFixture, table: string) =>
  Number((await f.t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

describe('forms: revisits, deposits, contracts, reconciliation, flags', () => {
  let f: FormsFixture;
  let li: Member, zhou: Member, mgr: Member, desk: Member;
  let wang: Client, lishi: Client, zhang: Client;
  beforeAll(async () => {
    f = await openFormsFixture();
    li = await f.addMember('ou_li', '李招商', ['agent']);
    zhou = await f.addMember('ou_zhou', '周招商', ['agent']);
    mgr = await f.addMember('ou_mgr', '王经理', ['manager']);
    desk = await f.addMember('ou_desk', '前台小陈', ['front_desk']);
    wang = await f.register(li, { name: '老王五金', phone: '13800000001' });
    lishi = await f.register(li, { name: '李氏建材', phone: '13800000002' });
    zhang = await f.register(zhou, { name: '张记灯饰', phone: '13900000001' });
  });
  afterAll(async () => f?.close());

  it('R-REV-1: a revisit needs a fixed date today or later; 下周 and 2026-02-30 are refused by name', async () => {
    const plan = (date: string) =>
      f.run((tx) => f.forms.revisitPlan.submit(tx, li, wang.id, { date, purpose: '看铺位' }));
    expect(await formErrors(() => plan('下周'))).toEqual({ date: 'form.err.date_format' });
    expect(await formErrors(() => plan('2026-02-30'))).toEqual({ date: 'form.err.date_unreal' });
    expect(await formErrors(() => plan('2026-11-21'))).toEqual({ date: 'form.err.date_past' });
    expect(await count(f, 'revisit')).toBe(0);
    const res = await plan('2026-11-23 +0800');
    expect(res.revisit).toMatchObject({
      dueDate: '2026-11-23',
      status: 'planned',
      purpose: '看铺位',
      agentOpenId: 'ou_li',
    });
    expect(res.client.state).toBe('following');
    expect(res.form).toMatchObject({ kind: 'revisit_plan', late: false, incomplete: false });
  });

  it('R-FORM-1: a revisit plan filed after 17:30 of the contact day is late; without a purpose it is incomplete', async () => {
    f.clock.set('2026-11-22T10:00:00Z'); // 18:00 local, same day as the registration
    const res = await f.run((tx) => f.forms.revisitPlan.submit(tx, li, lishi.id, { date: '11月24日' }));
    expect(res.revisit.dueDate).toBe('2026-11-24');
    expect(res.form).toMatchObject({ late: true, incomplete: true, missing: ['purpose'] });
    f.clock.set('2026-11-22T02:00:00Z');
  });

  it("R-INFO-2: a form for someone else's client is refused, naming the owner; nothing is written", async () => {
    const n = await count(f, 'revisit');
    expect(
      await domainError(() =>
        f.run((tx) => f.forms.revisitPlan.submit(tx, zhou, wang.id, { date: '2026-11-25', purpose: 'x' })),
      ),
    ).toBe('form.not_your_client');
    expect(
      await domainError(() =>
        f.run((tx) =>
          f.forms.signingPlan.submit(tx, zhou, wang.id, {
            deposit: '1000',
            paid_date: '2026-11-22',
            signing_date: '2026-11-30',
            unit: 'A1',
          }),
        ),
      ),
    ).toBe('form.not_your_client');
    expect(await count(f, 'revisit')).toBe(n);
    // A manager may file for anyone.
    await f.run((tx) => f.forms.revisitPlan.submit(tx, mgr, zhang.id, { date: '2026-11-22', purpose: '经理代填' }));
  });

  it('R-REV-2: due and overdue revisits are listed per agent until resolved', async () => {
    f.clock.set('2026-11-24T01:00:00Z');
    const list = await f.run((tx) => f.forms.revisits.dueList(tx, '2026-11-24'));
    const li_ = list.find((a) => a.agentOpenId === 'ou_li')!;
    expect(li_.overdue.map((i) => i.clientName)).toEqual(['老王五金']);
    expect(li_.due.map((i) => i.clientName)).toEqual(['李氏建材']);
    expect(list.find((a) => a.agentOpenId === 'ou_zhou')!.overdue.map((i) => i.clientName)).toEqual(['张记灯饰']);
  });

  it('R-REV-2: done (late when overdue), and a second click on a stale card is refused', async () => {
    const [overdue] = (await f.run((tx) => f.forms.revisits.dueList(tx, '2026-11-24', 'ou_li')))[0]!.overdue;
    const res = await f.run((tx) => f.forms.revisits.done(tx, li, overdue!.revisit.id));
    expect(res.revisit.status).toBe('done');
    expect(res.form).toMatchObject({ kind: 'revisit_outcome', late: true });
    expect(await domainError(() => f.run((tx) => f.forms.revisits.done(tx, li, overdue!.revisit.id)))).toBe(
      'revisit.already_resolved',
    );
    expect(await domainError(() => f.run((tx) => f.forms.revisits.done(tx, zhou, overdue!.revisit.id)))).toBe(
      'revisit.not_yours',
    );
  });

  it('R-REV-2: rescheduled to a new fixed date (never 下周), or closed as lost with a reason', async () => {
    const [due] = (await f.run((tx) => f.forms.revisits.dueList(tx, '2026-11-24', 'ou_li')))[0]!.due;
    expect(
      await formErrors(() => f.run((tx) => f.forms.revisits.reschedule(tx, li, due!.revisit.id, { date: '下周' }))),
    ).toEqual({ date: 'form.err.date_format' });
    expect((await f.run((tx) => tx.revisits.get(due!.revisit.id)))!.status).toBe('planned');
    const res = await f.run((tx) =>
      f.forms.revisits.reschedule(tx, li, due!.revisit.id, { date: '2026-11-28', note: '客户出差' }),
    );
    expect(res.revisit.status).toBe('rescheduled');
    expect(res.next).toMatchObject({ dueDate: '2026-11-28', status: 'planned', rescheduledFromId: due!.revisit.id });

    const [zr] = (await f.run((tx) => f.forms.revisits.dueList(tx, '2026-11-24', 'ou_zhou')))[0]!.overdue;
    expect(await formErrors(() => f.run((tx) => f.forms.revisits.lost(tx, zhou, zr!.revisit.id, {})))).toEqual({
      reason: 'form.err.required',
    });
    const lost = await f.run((tx) => f.forms.revisits.lost(tx, zhou, zr!.revisit.id, { reason: '已租别处' }));
    expect(lost.client).toMatchObject({ state: 'lost', lostReason: '已租别处' });
    expect(
      await domainError(() =>
        f.run((tx) => f.forms.revisitPlan.submit(tx, zhou, zhang.id, { date: '2026-11-30', purpose: 'x' })),
      ),
    ).toBe('form.client_lost');
  });

  it('R-CON-1: a deposit needs a signing plan with a fixed date and moves the client to 已交定金', async () => {
    const sign = (v: Record<string, string>) =>
      f.run((tx) =>
        f.forms.signingPlan.submit(tx, li, wang.id, {
          deposit: '20000',
          paid_date: '2026-11-24',
          signing_date: '2026-11-30',
          unit: 'A区-108',
          ...v,
        }),
      );
    expect(await formErrors(() => sign({ deposit: '-5000' }))).toEqual({ deposit: 'form.err.amount_positive' });
    expect(await formErrors(() => sign({ deposit: '900000000' }))).toEqual({ deposit: 'form.err.amount_too_large' });
    expect(await formErrors(() => sign({ signing_date: '下周' }))).toEqual({ signing_date: 'form.err.date_format' });
    expect(await formErrors(() => sign({ signing_date: '' }))).toEqual({ signing_date: 'form.err.required' });
    expect(
      await formErrors(() => sign({ paid_date: '2026-11-24', signing_date: '2026-11-24', deposit: 'abc' })),
    ).toEqual({ deposit: 'form.err.amount_format' });
    expect(await count(f, 'signing_plan')).toBe(0);
    const res = await sign({ deposit: '2万' });
    expect(res.plan).toMatchObject({
      depositAmount: 20000,
      paidDate: '2026-11-24',
      signingDate: '2026-11-30',
      unit: 'A区-108',
      status: 'planned',
    });
    expect(res.client.state).toBe('deposit');
    expect(res.form).toMatchObject({ late: false, incomplete: false });
    expect(await domainError(() => sign({}))).toBe('form.signing.already_planned');
    expect((await f.run((tx) => tx.contracts.listSigningsDue('2026-11-30'))).map((p) => p.clientId)).toEqual([wang.id]);
  });

  it('R-FORM-1: a signing plan filed after the deposit day is late', async () => {
    const res = await f.run((tx) =>
      f.forms.signingPlan.submit(tx, li, lishi.id, {
        deposit: '5000',
        paid_date: '2026-11-23',
        signing_date: '2026-12-01',
      }),
    );
    expect(res.form).toMatchObject({ late: true, incomplete: true, missing: ['unit'] });
  });

  it('R-CON-2: the collection form comes first; the front desk entry references it; a contract number cannot be used twice', async () => {
    const collect = (v: Record<string, string>, who = li, clientId = wang.id) =>
      f.run((tx) =>
        f.forms.collection.submit(tx, who, clientId, {
          contract_no: 'ZS-2026-001',
          unit: 'A区-108',
          area: '120',
          rent: '15000',
          term: '36',
          ...v,
        }),
      );
    expect(await formErrors(() => collect({ term: '0' }))).toEqual({ term: 'form.err.int_range' });
    expect(await formErrors(() => collect({ area: '-3' }))).toEqual({ area: 'form.err.amount_positive' });
    const c = await collect({ contract_no: 'zs-2026-001' });
    expect(c.collection).toMatchObject({
      contractNo: 'ZS-2026-001',
      area: 120,
      monthlyRent: 15000,
      termMonths: 36,
      collectedDate: '2026-11-24',
    });
    expect(c.form.late).toBe(false);
    expect(await formErrors(() => collect({}, li, lishi.id))).toEqual({ contract_no: 'form.err.contract_no_taken' });

    const enter = (v: Record<string, string>, who = desk) =>
      f.run((tx) =>
        f.forms.signedContract.submit(tx, who, {
          contract_no: 'ZS-2026-001',
          signed_date: '2026-11-24',
          unit: 'A区-108',
          area: '120',
          rent: '15000',
          ...v,
        }),
      );
    expect(await domainError(() => enter({}, li))).toBe('error.forbidden_role');
    expect(await formErrors(() => enter({ signed_date: '2026-11-25' }))).toEqual({
      signed_date: 'form.err.date_future',
    });
    const s = await enter({});
    expect(s).toMatchObject({ withoutCollection: false });
    expect('contract' in s && s.contract).toMatchObject({
      clientId: wang.id,
      agentOpenId: 'ou_li',
      collectionId: c.collection.id,
    });
    expect(s.client.state).toBe('signed');
    expect(await f.run((tx) => tx.contracts.openSigningPlanFor(wang.id))).toBeUndefined();
    expect(await formErrors(() => enter({}))).toEqual({ contract_no: 'form.err.contract_no_taken' });
  });

  it('R-CON-2: a contract entered without a collection form is kept and flagged; a collection filed after hand-over is late', async () => {
    expect(
      await formErrors(() =>
        f.run((tx) =>
          f.forms.signedContract.submit(tx, desk, {
            contract_no: 'ZS-2026-002',
            signed_date: '2026-11-24',
            unit: 'B-2',
            area: '80',
            rent: '9000',
          }),
        ),
      ),
    ).toEqual({ client: 'form.err.client_needed' });
    const s = await f.run((tx) =>
      f.forms.signedContract.submit(tx, desk, {
        contract_no: 'ZS-2026-002',
        client: '13800000002',
        signed_date: '2026-11-24',
        unit: 'B-2',
        area: '80',
        rent: '9000',
      }),
    );
    expect(s).toMatchObject({ withoutCollection: true });
    expect('contract' in s && s.contract.agentOpenId).toBe('ou_li');
    const day24 = await f.run((tx) => f.forms.reconciliation.reconcile(tx, '2026-11-24'));
    expect(day24.mismatches).toEqual([
      { kind: 'missing_collection', contractNo: 'ZS-2026-002', clientId: lishi.id, agentOpenId: 'ou_li' },
    ]);
    f.clock.set('2026-11-25T01:00:00Z');
    const late = await f.run((tx) =>
      f.forms.collection.submit(tx, li, lishi.id, {
        contract_no: 'ZS-2026-002',
        unit: 'B-2',
        area: '80',
        rent: '9000',
        term: '24',
      }),
    );
    expect(late.handedOverAlready).toBe(true);
    expect(late.form.late).toBe(true);
  });

  it('R-CON-3: reconciliation reports every contract on one table and not the other, and disagreeing fields', async () => {
    // 11-25: a collection never signed, and a contract signed with a different rent.
    await f.run((tx) =>
      f.forms.collection.submit(tx, li, lishi.id, {
        contract_no: 'ZS-2026-003',
        unit: 'C-1',
        area: '50',
        rent: '6000',
        term: '12',
      }),
    );
    const other = await f.register(li, { name: '新客户', phone: '13800000009' });
    await f.run((tx) =>
      f.forms.collection.submit(tx, li, other.id, {
        contract_no: 'ZS-2026-004',
        unit: 'D-1',
        area: '60',
        rent: '7000',
        term: '12',
      }),
    );
    await f.run((tx) =>
      f.forms.signedContract.submit(tx, desk, {
        contract_no: 'ZS-2026-004',
        signed_date: '2026-11-25',
        unit: 'D-1',
        area: '60',
        rent: '7500',
      }),
    );

    // The late collection form for ZS-2026-002 (filed on the 25th) now matches the 24th's entry.
    expect((await f.run((tx) => f.forms.reconciliation.reconcile(tx, '2026-11-24'))).mismatches).toEqual([]);
    const day25 = await f.run((tx) => f.forms.reconciliation.reconcile(tx, '2026-11-25'));
    expect(day25.mismatches).toEqual([
      {
        kind: 'field_mismatch',
        contractNo: 'ZS-2026-004',
        clientId: other.id,
        agentOpenId: 'ou_li',
        fields: [{ field: 'rent', signed: 7500, collection: 7000 }],
      },
      { kind: 'missing_signed', contractNo: 'ZS-2026-003', clientId: lishi.id, agentOpenId: 'ou_li' },
    ]);
    expect(day25).toMatchObject({ signed: 1, collected: 3 });
  });

  it('R-FORM-2: a manager flags a form as false; the agent is told; counted with late and incomplete per agent', async () => {
    const form = (await f.run((tx) => tx.formRecords.listForClient(wang.id, 20))).find((r) => r.kind === 'visitor');
    expect(
      await domainError(() => f.run((tx) => f.forms.compliance.flagFalse(tx, li, form!.id, { reason: 'x' }))),
    ).toBe('error.forbidden_role');
    expect(await formErrors(() => f.run((tx) => f.forms.compliance.flagFalse(tx, mgr, form!.id, {})))).toEqual({
      reason: 'form.err.required',
    });
    const flagged = await f.run((tx) => f.forms.compliance.flagFalse(tx, mgr, form!.id, { reason: '电话是空号' }));
    expect(flagged).toMatchObject({ flagged: true, flagReason: '电话是空号', flaggedBy: 'ou_mgr' });
    expect(
      await domainError(() => f.run((tx) => f.forms.compliance.flagFalse(tx, mgr, form!.id, { reason: 'again' }))),
    ).toBe('form.already_flagged');
    expect((await f.outbox()).some((m) => m.receive_id === form!.agentOpenId && m.content.includes('电话是空号'))).toBe(
      true,
    );

    const counts = await f.run((tx) =>
      f.forms.compliance.counts(tx, { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') }),
    );
    const liCount = counts.find((c) => c.agentOpenId === 'ou_li')!;
    expect(liCount.flagged).toBe(1);
    expect(liCount.late).toBeGreaterThanOrEqual(4);
    expect(liCount.incomplete).toBeGreaterThanOrEqual(2);
    expect(liCount.filed).toBeGreaterThan(liCount.late);
  });
});

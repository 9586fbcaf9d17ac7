import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../src/domain/members/roles.js';
import { domainError, formErrors, openFormsFixture, type FormsFixture } from '../forms/forms-fixture.js';
import { unescapeMd } from '../../../src/bot/cards/safe-text.js';

describe('clients: registration, 撞单, R-INFO-2 search', () => {
  let f: FormsFixture;
  let li: Member, zhou: Member, mgr: Member, desk: Member;
  beforeAll(async () => {
    f = await openFormsFixture();
    li = await f.addMember('ou_li', '李招商', ['agent']);
    zhou = await f.addMember('ou_zhou', '周招商', ['agent']);
    mgr = await f.addMember('ou_mgr', '王经理', ['manager']);
    desk = await f.addMember('ou_desk', '前台小陈', ['front_desk']);
  });
  afterAll(async () => f?.close());

  it('registration numbers are sequential per day, never skipping, even after a rolled-back form', async () => {
    const a = await f.register(li, { name: '老王五金', phone: '13800000001' });
    expect(a.regNo).toBe('DJ-20261122-001');
    // A form that fails after the number was taken rolls back: the number is given back.
    await expect(
      f.run(async (tx) => {
        await f.forms.visitor.submit(tx, li, { name: '回滚客户', phone: '13800000099' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const b = await f.register(li, { name: '李氏建材', phone: '13800000002' });
    expect(b.regNo).toBe('DJ-20261122-002');
    expect(await f.run((tx) => tx.clients.findByPhone('13800000099'))).toBeUndefined();
  });

  it('registration numbers stay unique and gapless under concurrent registrations', async () => {
    f.clock.set('2026-11-23T02:00:00Z');
    const regs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => f.register(zhou, { name: `并发客户${i}`, phone: `1390000010${i}` })),
    );
    expect(regs.map((c) => c.regNo).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `DJ-20261123-00${i + 1}`));
    f.clock.set('2026-11-22T02:00:00Z');
  });

  it('R-INFO-2: the same new phone registered twice at once makes one client and no gap in the numbers', async () => {
    f.clock.set('2026-11-24T02:00:00Z');
    const tries = await Promise.allSettled(
      [li, desk, li, desk].map((m, i) =>
        f.run((tx) => f.forms.visitor.submit(tx, m, { name: `同时${i}`, phone: '13700000077' })),
      ),
    );
    const kinds = tries.map((r) =>
      r.status === 'fulfilled' ? r.value.kind : (r.reason as { messageKey?: string }).messageKey,
    );
    expect(kinds.filter((k) => k === 'created')).toHaveLength(1);
    for (const k of kinds) expect(['created', 'returning', 'duplicate', 'client.phone_taken']).toContain(k);
    expect(Number((await f.t.ds.query(`SELECT COUNT(*) AS n FROM client WHERE phone = '13700000077'`))[0].n)).toBe(1);
    const next = await f.register(li, { name: '之后', phone: '13700000078' });
    expect(next.regNo).toBe('DJ-20261124-002');
    f.clock.set('2026-11-22T02:00:00Z');
  });

  it('R-ROT-4: filing the visitor form calls the rotation hook with the walk-in, in the same transaction', async () => {
    f.hookCalls.length = 0;
    const c = await f.register(li, { name: '张记灯饰', phone: '13800000003' }, { walkInId: 41 });
    expect(f.hookCalls).toEqual([{ agentOpenId: 'ou_li', walkInId: 41, clientId: c.id, at: f.clock.now() }]);
    // The same walk-in's form again is a stale card: refused, nothing written.
    expect(await domainError(() => f.register(li, { name: '张记灯饰2', phone: '13800000004' }, { walkInId: 41 }))).toBe(
      'form.visitor.already_filed',
    );
    expect(await f.run((tx) => tx.clients.findByPhone('13800000004'))).toBeUndefined();
  });

  it('R-INFO-2: 撞单 creates no duplicate; the agent learns whose client it is and the owner is notified', async () => {
    const before = (await f.t.ds.query('SELECT COUNT(*) AS n FROM client'))[0].n;
    f.hookCalls.length = 0;
    const res = await f.run((tx) =>
      f.forms.visitor.submit(tx, zhou, { name: '王老板', phone: '+86 138-0000-0001', grade: 'A' }, { walkInId: 42 }),
    );
    expect(res.kind).toBe('duplicate');
    expect(res.kind === 'duplicate' && res.ownerName).toBe('李招商');
    expect(res.client.name).toBe('老王五金');
    expect((await f.t.ds.query('SELECT COUNT(*) AS n FROM client'))[0].n).toEqual(before);
    // The owner's client record is untouched, and the busy state still ends.
    expect((await f.run((tx) => tx.clients.findByPhone('13800000001')))!.grade).toBe('B');
    expect(f.hookCalls[0]?.clientId).toBe(res.client.id);
    const notice = (await f.outbox()).filter((m) => m.receive_id === 'ou_li').at(-1)!;
    expect(notice.content).toContain('周招商');
    expect(unescapeMd(notice.content)).toContain('138****0001');
    expect(notice.content).not.toContain('13800000001');
  });

  it('R-ATT-4: front desk registers for the public pool; 撞单 on a pool client tells the managers', async () => {
    const pool = await f.register(desk, { name: '公共客户甲', phone: '0571-88880001' });
    expect(pool.owner).toEqual({ kind: 'pool' });
    const res = await f.run((tx) => f.forms.visitor.submit(tx, li, { name: 'x', phone: '057188880001' }));
    expect(res.kind === 'duplicate' && res.ownerName).toBeNull();
    expect((await f.outbox()).some((m) => m.receive_id === 'ou_mgr' && m.content.includes('公共客户甲'))).toBe(true);
  });

  it('R-ATT-3: a returning client of the same agent is updated, not duplicated', async () => {
    const res = await f.run((tx) =>
      f.forms.visitor.submit(tx, li, { name: '老王五金', phone: '138 0000 0001', grade: 'A', category: '五金工具' }),
    );
    expect(res.kind).toBe('returning');
    expect(res.client.grade).toBe('A');
    expect(res.client.category).toBe('五金工具');
  });

  it('R-FORM-1: a visitor form filed late or with required fields missing is stored and marked', async () => {
    const accepted = new Date(f.clock.now().getTime() - 3 * 3_600_000);
    const res = await f.run((tx) =>
      f.forms.visitor.submit(
        tx,
        li,
        { name: '迟到客户', phone: '13800000005' },
        { walkInId: 43, acceptedAt: accepted },
      ),
    );
    expect(res.form.late).toBe(true);
    expect(res.form.incomplete).toBe(true);
    expect(res.form.missing).toEqual(['contact', 'category', 'client_type', 'source', 'grade']);
    const onTime = await f.run((tx) =>
      f.forms.visitor.submit(
        tx,
        li,
        {
          name: '准时客户',
          phone: '13800000006',
          contact: '赵',
          category: '建材',
          client_type: 'manufacturer',
          source: 'card',
          grade: 'C',
        },
        { walkInId: 44, acceptedAt: new Date(f.clock.now().getTime() - 3_600_000) },
      ),
    );
    expect(onTime.form).toMatchObject({ late: false, incomplete: false });
  });

  it('R-FORM-1: bad input names the field; nothing is written', async () => {
    const n = (await f.t.ds.query('SELECT COUNT(*) AS n FROM form_record'))[0].n;
    expect(await formErrors(() => f.register(li, { name: '', phone: '12345', grade: 'Z' }))).toEqual({
      name: 'form.err.required',
      phone: 'form.err.phone',
      grade: 'form.err.choice',
    });
    expect((await f.t.ds.query('SELECT COUNT(*) AS n FROM form_record'))[0].n).toEqual(n);
  });

  it('R-INFO-2: only the owner sees contact details; the manager sees the record with the number masked; others see the client and its owner', async () => {
    const search = (m: Member, q: string, inGroup = false) =>
      f.run((tx) => f.clients.search(tx, { member: m, inGroup }, q, 1));
    const own = await search(li, '老王');
    expect(own.items[0]).toMatchObject({
      full: true,
      phone: '13800000001',
      contactPerson: '王先生',
      ownerName: '李招商',
    });
    const other = await search(zhou, '老王');
    expect(other.items[0]).toMatchObject({
      full: false,
      phone: '138****0001',
      contactPerson: null,
      ownerName: '李招商',
    });
    expect((await search(mgr, '老王')).items[0]).toMatchObject({
      full: true,
      phone: '138****0001',
      phoneShown: false,
      canReveal: true,
    });
    // The front desk did not type this number on today's arrival cards.
    expect((await search(desk, '老王')).items[0]).toMatchObject({
      full: false,
      phone: '138****0001',
      phoneShown: false,
      canReveal: false,
    });
    // Group chats never show phones, not even to the owner.
    expect((await search(li, '老王', true)).items[0]).toMatchObject({ full: false, phone: '138****0001' });
  });

  it('R-INFO-2: 查 finds by name prefix, phone prefix, phone tail, and by a fragment inside a name', async () => {
    const names = async (q: string) =>
      (await f.run((tx) => f.clients.search(tx, { member: mgr, inGroup: false }, q, 1))).items.map(
        (v) => v.client.name,
      );
    expect(await names('李氏')).toEqual(['李氏建材']);
    expect(await names('0002')).toEqual(['李氏建材']);
    expect(await names('1380000000')).toHaveLength(5);
    expect(await names('五金')).toEqual(['老王五金']);
    expect(await names('8880001')).toEqual(['公共客户甲']);
    expect(await names('没有这个人')).toEqual([]);
    expect(await names('100%_')).toEqual([]);
  });

  it('我的客户 is paged and filtered by grade and state', async () => {
    const mine = (filter: object, page: number) =>
      f.run((tx) => f.clients.mine(tx, { member: zhou, inGroup: false }, filter, page));
    const p1 = await mine({}, 1);
    expect(p1.total).toBe(8);
    expect(p1.pages).toBe(1);
    const all = await f.run((tx) => tx.clients.listByOwner({ ownerOpenId: 'ou_zhou', offset: 0, limit: 3 }));
    expect(all.items).toHaveLength(3);
    expect((await mine({ grade: 'B' }, 1)).total).toBe(8);
    expect((await mine({ grade: 'A' }, 1)).total).toBe(0);
    expect((await mine({ state: 'intent' }, 1)).total).toBe(8);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, FormError } from '../../../src/domain/shared/errors.js';
import { replay, STATE_EVENTS, type RotationEvent } from '../../../src/domain/rotation/rotation.rules.js';
import { RotationService, SETTING_ROTATION_ORDER } from '../../../src/domain/rotation/rotation.service.js';
import { MORNING, openReceptionFixture, outboxRows, type ReceptionFixture } from '../reception/reception-fixture.js';

let f: ReceptionFixture;
beforeAll(async () => {
  f = await openReceptionFixture({ agents: 3 });
});
afterAll(async () => f?.close());
beforeEach(async () => {
  await f.reset();
});

const desk = () => f.members.ou_desk!;
const mgr = () => f.members.ou_mgr!;
const agent = (i: number) => f.members[`ou_a${i}`]!;
const arrive = (raw: Parameters<ReceptionFixture['reception']['arrive']>[2] = {}) =>
  f.run((tx) => f.reception.arrive(tx, desk(), raw));
const pendingOf = async (walkInId: number) =>
  (await f.run((tx) => tx.walkIns.offersOf(walkInId))).find((o) => o.status === 'pending');

async function respond(what: 'accept' | 'pass', i: number, walkInId: number): Promise<unknown> {
  const offer = (await pendingOf(walkInId))!;
  return f.run<unknown>((tx) =>
    what === 'accept' ? f.reception.accept(tx, agent(i), offer.id) : f.reception.pass(tx, agent(i), offer.id),
  );
}

async function rejects(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('rotation and reception on a real database', () => {
  it('R-ROT-1: the day is created on first use in the configured order with everyone on duty, and logged', async () => {
    await f.run((tx) => tx.settings.set(SETTING_ROTATION_ORDER, ['ou_a3', 'ou_a1']));
    const view = await f.run((tx) => f.rotation.view(tx));
    expect(view.day).toBe('2026-11-23');
    expect(view.members.map((m) => m.openId)).toEqual(['ou_a3', 'ou_a1', 'ou_a2']);
    expect(view.members.every((m) => m.onDuty)).toBe(true);
    expect(view.pointer).toBe('ou_a3');
    const ledger = await f.run((tx) => tx.rotation.ledger('2026-11-23'));
    expect(ledger[0]!.event).toEqual({ type: 'day_started', order: ['ou_a3', 'ou_a1', 'ou_a2'] });
    // startDay is idempotent: the scheduler calling it again changes nothing.
    await f.run((tx) => f.rotation.startDay(tx, '2026-11-23'));
    expect(await f.run((tx) => tx.rotation.ledger('2026-11-23'))).toHaveLength(1);
  });

  it('R-ROT-1: with the "rotate" setting a new day starts from yesterday\'s order rotated by one', async () => {
    const rotating = new RotationService({
      clock: f.clock,
      settings: { ...f.rotation.settings, dailyOrder: 'rotate' },
      timezone: 'Asia/Shanghai',
    });
    await f.run((tx) => rotating.startDay(tx, '2026-11-22'));
    await f.run((tx) => rotating.startDay(tx, '2026-11-23'));
    const d = await f.run((tx) => tx.rotation.findDay('2026-11-23'));
    expect(d!.baseOrder).toEqual(['ou_a2', 'ou_a3', 'ou_a1']);
  });

  it('R-ATT-1: a first natural walk-in is offered to the agent at the pointer, with a stored deadline', async () => {
    const v = await arrive({ name: '张记五金' });
    expect(v.walkIn.rule).toBe('R-ATT-1');
    expect(v.walkIn.status).toBe('offered');
    const offer = await pendingOf(v.walkIn.id);
    expect(offer!.agent).toBe('ou_a1');
    expect(offer!.deadlineAt.toISOString()).toBe(new Date(Date.parse(MORNING) + 180_000).toISOString());
    const out = await outboxRows(f);
    expect(out.some((o) => o.receive_id === 'ou_a1' && o.card_key === `offer:${offer!.id}`)).toBe(true);
    expect(out.some((o) => o.receive_id === 'ou_desk' && o.card_key === `walkin:${v.walkIn.id}:desk`)).toBe(true);
  });

  it('R-ROT-3: the agent at the pointer accepts; the client is created with that owner and the desk card is patched', async () => {
    const v = await arrive({ name: '李女士', phone: '138 1234 5678' });
    const offer = (await pendingOf(v.walkIn.id))!;
    const accepted = await f.run((tx) => f.reception.accept(tx, agent(1), offer.id));
    expect(accepted.walkIn.status).toBe('accepted');
    const client = await f.run((tx) => tx.clients.findByPhone('13812345678'));
    expect(client!.owner).toEqual({ kind: 'agent', openId: 'ou_a1' });
    expect(client!.state).toBe('intent');
    const audit = await f.run((tx) => tx.audit.list({ subjectType: 'client', subjectId: String(client!.id) }));
    expect(audit.map((a) => a.rule)).toContain('R-ATT-1');
    const out = await outboxRows(f);
    expect(out.filter((o) => o.kind === 'patch' && o.card_key === `walkin:${v.walkIn.id}:desk`).length).toBeGreaterThan(
      0,
    );
    const patched = out.filter((o) => o.card_key === `offer:${offer.id}` && o.kind === 'patch').pop()!;
    expect(patched.content).toContain('form.visitor.open');
  });

  it('R-ROT-3: another agent cannot take the offer or claim out of turn, and is told whose turn it is', async () => {
    const v = await arrive({});
    const offer = (await pendingOf(v.walkIn.id))!;
    const e1 = await rejects(f.run((tx) => f.reception.accept(tx, agent(2), offer.id)));
    expect(e1.messageKey).toBe('reception.not_your_offer');
    expect(e1.params.name).toBe('招商员1');
    const e2 = await rejects(f.run((tx) => f.reception.claim(tx, agent(2))));
    expect(e2.messageKey).toBe('reception.not_your_turn_offered');
    expect(e2.params.name).toBe('招商员1');
    // The agent at the pointer claiming by text takes the pending offer.
    const taken = await f.run((tx) => f.reception.claim(tx, agent(1)));
    expect(taken.walkIn.id).toBe(v.walkIn.id);
    expect(taken.walkIn.owner).toBe('ou_a1');
  });

  it('R-ROT-3: with no offer out, only the agent at the pointer may claim the turn directly', async () => {
    const e = await rejects(f.run((tx) => f.reception.claim(tx, agent(3))));
    expect(e.messageKey).toBe('reception.not_your_turn');
    expect(e.params.name).toBe('招商员1');
    const v = await f.run((tx) => f.reception.claim(tx, agent(1)));
    expect(v.walkIn).toMatchObject({ status: 'accepted', owner: 'ou_a1', rule: 'R-ATT-1' });
    const view = await f.run((tx) => f.rotation.view(tx));
    expect(view.pointer).toBe('ou_a2');
  });

  it('R-ROT-4: a pass loses the turn and is counted, a timeout likewise, and the next agent is offered each time', async () => {
    const v = await arrive({});
    const o1 = (await pendingOf(v.walkIn.id))!;
    await f.run((tx) => f.reception.pass(tx, agent(1), o1.id));
    const o2 = (await pendingOf(v.walkIn.id))!;
    expect(o2.agent).toBe('ou_a2');
    f.clock.advance(181_000);
    expect(await f.run((tx) => f.reception.sweepExpiredOffers(tx, f.clock.now()))).toBe(1);
    const o3 = (await pendingOf(v.walkIn.id))!;
    expect(o3.agent).toBe('ou_a3');
    const view = await f.run((tx) => f.rotation.view(tx));
    const by = Object.fromEntries(view.members.map((m) => [m.openId, m]));
    expect(by.ou_a1!.passed).toBe(1);
    expect(by.ou_a2!.passed).toBe(1);
    // Both went behind: a3 (who has not had a turn) is first once free of the offer.
    expect(view.members.map((m) => m.openId)).toEqual(['ou_a3', 'ou_a1', 'ou_a2']);
  });

  it('R-ROT-4: a busy agent is skipped without penalty and gets the next walk-in once the visit is registered', async () => {
    const v1 = await arrive({});
    await f.run(async (tx) => f.reception.accept(tx, agent(1), (await tx.walkIns.offersOf(v1.walkIn.id))[0]!.id));
    const v2 = await arrive({});
    await f.run(async (tx) => f.reception.accept(tx, agent(2), (await tx.walkIns.offersOf(v2.walkIn.id))[0]!.id));
    // a1 and a2 are with clients: a3 gets the third.
    const v3 = await arrive({});
    expect((await pendingOf(v3.walkIn.id))!.agent).toBe('ou_a3');
    await respond('accept', 3, v3.walkIn.id);
    // a2 files the visitor form (the hook the forms service calls): a2 is free, a1 still busy.
    await f.run((tx) =>
      f.rotation.visitorRegistered(tx, {
        agentOpenId: 'ou_a2',
        walkInId: v2.walkIn.id,
        clientId: 1,
        at: f.clock.now(),
      }),
    );
    const v4 = await arrive({});
    expect((await pendingOf(v4.walkIn.id))!.agent).toBe('ou_a2');
    await respond('accept', 2, v4.walkIn.id);
    // a1 presses 接待完成: free, never penalised, and first in line (fewest turns... tied, earliest turn).
    await f.run((tx) => f.rotation.markFree(tx, agent(1), 'ou_a1'));
    const view = await f.run((tx) => f.rotation.view(tx));
    expect(view.members.find((m) => m.openId === 'ou_a1')!.passed).toBe(0);
    expect(view.pointer).toBe('ou_a1');
  });

  it('R-ROT-5: when every on-duty agent is busy or passes, the client goes to the public pool', async () => {
    const v = await arrive({ name: '王先生', phone: '13900001111' });
    for (const i of [1, 2, 3]) {
      const o = (await pendingOf(v.walkIn.id))!;
      expect(o.agent).toBe(`ou_a${i}`);
      await f.run((tx) => f.reception.pass(tx, agent(i), o.id));
    }
    const w = await f.run((tx) => tx.walkIns.get(v.walkIn.id));
    expect(w!.status).toBe('pool');
    const client = await f.run((tx) => tx.clients.findByPhone('13900001111'));
    expect(client!.owner).toEqual({ kind: 'pool' });
    const ledger = await f.run((tx) => tx.rotation.ledger('2026-11-23'));
    expect(ledger.find((e) => e.event.type === 'pool')!.rule).toBe('R-ROT-5');
  });

  it('R-ATT-4: pool clients are listed for the desk, handed out only by the manager and only with a reason', async () => {
    const v = await arrive({ name: '赵总', leaderReferral: true });
    const clientId = v.walkIn.clientId!;
    const list = await f.run((tx) => f.disputes.pool(tx, desk(), 1, 10));
    expect(list.items.map((c) => c.id)).toContain(clientId);
    expect((await rejects(f.run((tx) => f.disputes.pool(tx, agent(1), 1, 10)))).messageKey).toBe('pool.only_desk');
    expect(
      (await rejects(f.run((tx) => f.disputes.assignFromPool(tx, desk(), clientId, 'ou_a1', '老关系')))).messageKey,
    ).toBe('pool.only_manager');
    expect(
      (await rejects(f.run((tx) => f.disputes.assignFromPool(tx, mgr(), clientId, 'ou_a1', ' ')))).messageKey,
    ).toBe('pool.reason_required');
    await f.run((tx) => f.disputes.assignFromPool(tx, mgr(), clientId, 'ou_a1', '客户点名要求'));
    expect((await f.run((tx) => tx.clients.get(clientId)))!.owner).toEqual({ kind: 'agent', openId: 'ou_a1' });
    const audit = await f.run((tx) => tx.audit.list({ subjectType: 'client', subjectId: String(clientId) }));
    expect(audit.find((a) => a.action === 'pool.assigned')).toMatchObject({
      rule: 'R-ATT-4',
      note: '客户点名要求',
      before: { kind: 'pool' },
    });
    expect(
      (await rejects(f.run((tx) => f.disputes.assignFromPool(tx, mgr(), clientId, 'ou_a2', '再分一次')))).messageKey,
    ).toBe('pool.not_in_pool');
  });

  it('R-ATT-2: a business-card client goes straight to that agent and does not consume the rotation', async () => {
    const v = await arrive({ name: '持名片客户', cardAgent: 'ou_a3' });
    expect(v.walkIn).toMatchObject({ rule: 'R-ATT-2', status: 'assigned', owner: 'ou_a3' });
    expect(await pendingOf(v.walkIn.id)).toBeUndefined();
    const view = await f.run((tx) => f.rotation.view(tx));
    const a3 = view.members.find((m) => m.openId === 'ou_a3')!;
    expect(a3.received).toBe(0);
    expect(a3.busyWalkInId).toBe(v.walkIn.id);
    expect(view.pointer).toBe('ou_a1');
    const out = await outboxRows(f);
    // The agent is told why in words (rule IDs are for managers): the business card, no turn used.
    expect(
      out.some((o) => o.receive_id === 'ou_a3' && o.content.includes('名片') && o.content.includes('不占轮次')),
    ).toBe(true);
  });

  it('R-ATT-3: a returning client (same phone however typed) goes to the original agent, who is notified; no turn used', async () => {
    const first = await arrive({ name: '钱老板', phone: '13711112222' });
    await respond('pass', 1, first.walkIn.id);
    await respond('accept', 2, first.walkIn.id);
    await f.run((tx) => f.rotation.markFree(tx, agent(2), 'ou_a2'));
    const before = await f.run((tx) => f.rotation.view(tx));
    const again = await arrive({ phone: '+86 137-1111-2222', cardAgent: 'ou_a3' });
    expect(again.walkIn).toMatchObject({ rule: 'R-ATT-3', status: 'assigned', owner: 'ou_a2' });
    const after = await f.run((tx) => f.rotation.view(tx));
    expect(after.members.map((m) => [m.openId, m.received, m.passed])).toEqual(
      before.members.map((m) => [m.openId, m.received, m.passed]),
    );
    const out = await outboxRows(f);
    expect(
      out.some((o) => o.receive_id === 'ou_a2' && o.content.includes('老客户') && o.content.includes('不占轮次')),
    ).toBe(true);
  });

  it('R-ATT-3: a returning client who gives no phone is matched by the exact name or shop name, unless the name is ambiguous', async () => {
    const first = await arrive({ name: '老周建材', phone: '13722223333' });
    await respond('accept', 1, first.walkIn.id);
    await f.run((tx) => f.rotation.markFree(tx, agent(1), 'ou_a1'));
    const back = await arrive({ name: '老周建材' });
    expect(back.walkIn).toMatchObject({ rule: 'R-ATT-3', status: 'assigned', owner: 'ou_a1' });
    // Two clients answer to the same name: no guess, the rotation decides.
    await f.run((tx) =>
      tx.clients.create(
        {
          name: '老周建材',
          shopName: null,
          contactPerson: null,
          phone: '13744445555',
          category: null,
          clientType: null,
          source: null,
          grade: null,
          owner: { kind: 'agent', openId: 'ou_a3' },
        },
        f.clock.now(),
      ),
    );
    await f.run((tx) => f.rotation.markFree(tx, agent(1), 'ou_a1'));
    const ambiguous = await arrive({ name: '老周建材' });
    expect(ambiguous.walkIn.rule).toBe('R-ATT-1');
  });

  it('R-ATT-5: a leader referral with no prior consultation goes to the pool; one who consulted before keeps the agent', async () => {
    const v = await arrive({ name: '领导介绍的客户', leaderReferral: true });
    expect(v.walkIn).toMatchObject({ rule: 'R-ATT-5', status: 'pool' });
    const first = await arrive({ name: '咨询过的客户', phone: '13655556666' });
    await respond('accept', 1, first.walkIn.id);
    const back = await arrive({ phone: '13655556666', leaderReferral: true });
    expect(back.walkIn).toMatchObject({ rule: 'R-ATT-3', owner: 'ou_a1' });
  });

  it('R-ATT-6: a dispute goes to the manager as a card; the ruling is final, recorded, and both agents are told', async () => {
    const v = await arrive({ name: '孙老板', phone: '13500001234' });
    await respond('accept', 1, v.walkIn.id);
    const raised = await f.run((tx) => f.disputes.raise(tx, agent(2), '135 0000 1234', '上周是我接待的'));
    expect((await rejects(f.run((tx) => f.disputes.raise(tx, agent(2), '孙老板', '再申诉')))).messageKey).toBe(
      'dispute.already_open',
    );
    expect((await rejects(f.run((tx) => f.disputes.raise(tx, agent(1), '孙老板', '')))).messageKey).toBe(
      'dispute.own_client',
    );
    let out = await outboxRows(f);
    expect(out.some((o) => o.receive_id === 'ou_mgr' && o.card_key === `dispute:${raised.dispute.id}:ou_mgr`)).toBe(
      true,
    );
    expect((await rejects(f.run((tx) => f.disputes.decide(tx, agent(3), raised.dispute.id, 'pool')))).messageKey).toBe(
      'dispute.only_manager',
    );
    await f.run((tx) => f.disputes.decide(tx, mgr(), raised.dispute.id, 'claimant'));
    expect((await f.run((tx) => tx.clients.findByPhone('13500001234')))!.owner).toEqual({
      kind: 'agent',
      openId: 'ou_a2',
    });
    expect((await rejects(f.run((tx) => f.disputes.decide(tx, mgr(), raised.dispute.id, 'keep')))).messageKey).toBe(
      'dispute.already_decided_claimant',
    );
    out = await outboxRows(f);
    for (const who of ['ou_a1', 'ou_a2'])
      expect(out.some((o) => o.receive_id === who && o.content.includes('已裁决'))).toBe(true);
    const client = (await f.run((tx) => tx.clients.findByPhone('13500001234')))!;
    const audit = await f.run((tx) => tx.audit.list({ subjectType: 'client', subjectId: String(client.id) }));
    expect(audit.find((a) => a.action === 'dispute.decided_claimant')).toMatchObject({
      rule: 'R-ATT-6',
      before: { kind: 'agent', openId: 'ou_a1' },
      after: { kind: 'agent', openId: 'ou_a2' },
    });
  });

  it('R-ATT-6: a dispute can be raised from a button carrying the client id; an unknown client is refused', async () => {
    const v = await arrive({ name: '按钮申诉客户', phone: '13522223333' });
    await respond('accept', 1, v.walkIn.id);
    const raised = await f.run((tx) => f.disputes.raise(tx, agent(3), { clientId: v.walkIn.clientId! }, '撞单'));
    expect(raised.dispute).toMatchObject({
      claimant: 'ou_a3',
      holder: { kind: 'agent', openId: 'ou_a1' },
      reason: '撞单',
      status: 'open',
    });
    expect((await rejects(f.run((tx) => f.disputes.raise(tx, agent(3), { clientId: 999_999 }, '')))).messageKey).toBe(
      'dispute.client_not_found',
    );
  });

  it('R-ROT-2: only front desk and manager change the rotation; an agent is refused and nothing changes; changes are audited', async () => {
    await f.run((tx) => f.rotation.view(tx));
    const e = await rejects(f.run((tx) => f.rotation.move(tx, agent(3), 'ou_a3', 'up')));
    expect(e.code).toBe('forbidden');
    expect(e.messageKey).toBe('rotation.agents_cannot_change');
    expect((await rejects(f.run((tx) => f.reception.setDuty(tx, agent(1), 'ou_a2', false)))).messageKey).toBe(
      'rotation.agents_cannot_change',
    );
    expect((await rejects(f.run((tx) => f.rotation.reset(tx, agent(1))))).messageKey).toBe(
      'rotation.agents_cannot_change',
    );
    await f.run((tx) => f.rotation.move(tx, desk(), 'ou_a3', 'up'));
    await f.run((tx) => f.reception.setDuty(tx, mgr(), 'ou_a1', false));
    const view = await f.run((tx) => f.rotation.view(tx));
    expect(view.members.map((m) => m.openId)).toEqual(['ou_a1', 'ou_a3', 'ou_a2']);
    expect(view.pointer).toBe('ou_a3');
    const audit = await f.run((tx) => tx.audit.list({ subjectType: 'rotation_day', subjectId: '2026-11-23' }));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['rotation.moved', 'ou_desk'],
      ['rotation.absent', 'ou_mgr'],
    ]);
    expect(audit[0]!.before).toEqual(['ou_a1', 'ou_a2', 'ou_a3']);
    expect(audit[0]!.after).toEqual(['ou_a1', 'ou_a3', 'ou_a2']);
  });

  it("R-AUD-1: the stored rotation state equals the state recomputed from the day's ledger", async () => {
    const v1 = await arrive({ name: 'A' });
    await respond('pass', 1, v1.walkIn.id);
    await respond('accept', 2, v1.walkIn.id);
    await arrive({ cardAgent: 'ou_a1' });
    await f.run((tx) => f.rotation.move(tx, desk(), 'ou_a2', 'up'));
    await f.run((tx) => f.reception.setDuty(tx, desk(), 'ou_a3', false));
    const v2 = await arrive({});
    f.clock.advance(200_000);
    await f.run((tx) => f.reception.sweepExpiredOffers(tx, f.clock.now()));
    await f.run((tx) => f.reception.setDuty(tx, desk(), 'ou_a3', true));
    await f.run((tx) =>
      f.rotation.visitorRegistered(tx, {
        agentOpenId: 'ou_a2',
        walkInId: v1.walkIn.id,
        clientId: 1,
        at: f.clock.now(),
      }),
    );
    void v2;
    const { entries, replayed } = await f.run((tx) => f.rotation.ledger(tx, '2026-11-23'));
    const stored = (await f.run((tx) => tx.rotation.findDay('2026-11-23')))!.state;
    const sort = (s: typeof stored) => [...s.members].sort((a, b) => a.openId.localeCompare(b.openId));
    expect(sort(replayed!)).toEqual(sort(stored));
    expect(replayed!.nextSeq).toBe(stored.nextSeq);
    // every state entry says who, when, before → after and which rule
    const accepted = entries.find((e) => e.event.type === 'accepted')!;
    expect(accepted).toMatchObject({
      actor: 'ou_a2',
      rule: 'R-ATT-1',
      before: { received: 0, busy: null },
      after: { received: 1, busy: v1.walkIn.id },
    });
    const pass = entries.find((e) => e.event.type === 'passed')!;
    expect(pass).toMatchObject({
      actor: 'ou_a1',
      rule: 'R-ROT-4',
      before: { passed: 0, turns: 0 },
      after: { passed: 1, turns: 1 },
    });
    // and the fold is over the ledger only
    const again = replay(
      '2026-11-23',
      entries.map((e) => e.event).filter((e): e is RotationEvent => STATE_EVENTS.has(e.type)),
    );
    expect(sort(again)).toEqual(sort(stored));
  });

  it('R-ATT-3: a phone that is not a Chinese mobile or landline is refused with the form kept filled in; nothing is written', async () => {
    const bad = await rejects(arrive({ name: '张三', phone: '12345' }));
    expect(bad).toBeInstanceOf(FormError);
    expect((bad as FormError).fields.phone!.key).toBe('reception.bad_phone');
    expect((bad as FormError).values.name).toBe('张三');
    expect(Number((await f.t.ds.query('SELECT COUNT(*) AS n FROM walk_in'))[0].n)).toBe(0);
  });

  it('R-ATT-2: a business card naming someone who is not an agent is refused', async () => {
    const card = await rejects(arrive({ cardAgent: 'ou_desk' }));
    expect((card as FormError).fields.card_agent!.key).toBe('reception.card_not_agent');
  });

  it('R-ATT-1: an arrival with nobody on duty is refused with what to do, and nothing is half-written', async () => {
    for (const i of [1, 2, 3]) await f.run((tx) => f.reception.setDuty(tx, desk(), `ou_a${i}`, false));
    const nobody = await rejects(arrive({ name: '没人接', phone: '13800000000' }));
    expect(nobody.messageKey).toBe('reception.nobody_on_duty');
    expect(Number((await f.t.ds.query('SELECT COUNT(*) AS n FROM walk_in'))[0].n)).toBe(0);
    expect(Number((await f.t.ds.query('SELECT COUNT(*) AS n FROM client'))[0].n)).toBe(0);
    expect(
      Number((await f.t.ds.query("SELECT COUNT(*) AS n FROM outbox_message WHERE receive_id = 'ou_desk'"))[0].n),
    ).toBe(0);
  });

  it("R-ROT-3: a button from yesterday's offer is refused; the sweeper sends that walk-in to the pool, not into today's rotation", async () => {
    const v = await arrive({});
    const offer = (await pendingOf(v.walkIn.id))!;
    f.clock.set('2026-11-24T01:00:00Z');
    const stale = await rejects(f.run((tx) => f.reception.accept(tx, agent(1), offer.id)));
    expect(stale.messageKey).toBe('reception.offer_other_day');
    expect(stale.params.day).toBe('2026-11-23');
    await f.run((tx) => f.reception.sweepExpiredOffers(tx, f.clock.now()));
    expect((await f.run((tx) => tx.walkIns.get(v.walkIn.id)))!.status).toBe('pool');
    expect(await f.run((tx) => tx.walkIns.pendingOffers('2026-11-24'))).toHaveLength(0);
  });
});

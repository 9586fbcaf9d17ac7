import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { messageEvent } from '../helpers/lark-request.js';

/**
 * Nothing the bot says is lost: every reply goes through the outbox and the relay, against a stand-in
 * that enforces Feishu's documented limits (5/s per user or chat, 50/s per app; 230020 beyond).
 */
const ADMIN = 'ou_delivery_admin';
const AGENT = 'ou_delivery_agent';
const REPLY = 'POST /open-apis/im/v1/messages/';

describe('one delivery path for every reply', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      fake: { enforceRateLimits: { perRecipientPerSecond: 5, globalPerSecond: 50 } },
      admins: [ADMIN],
      members: { [AGENT]: { name: '钱七', roles: ['agent'] } },
    });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.delivered();
    t.lark.reset();
  });

  /** Sends without waiting for the answer, like a person tapping quickly. */
  const burst = async (
    sender: string,
    texts: string[],
    spacingMs: number,
    mentions?: (i: number) => Array<{ openId: string; name: string }>,
  ) => {
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const ev = messageEvent(sender, text, mentions ? { mentions: mentions(i) } : {});
      ids.push(ev.event.message.message_id);
      const res = await t.post(ev);
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, spacingMs));
    }
    await t.delivered();
    return ids;
  };

  const repliesTo = (messageId: string) => t.lark.messages.filter((m) => m.replyTo === messageId);

  it('a burst of 12 commands from one person in one second gets 12 answers, in order, each once', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `无此客户${String(i + 1).padStart(2, '0')}`);
    const ids = await burst(
      AGENT,
      names.map((n) => `查 ${n}`),
      80,
    );
    for (const id of ids) expect(repliesTo(id)).toHaveLength(1);
    // Answers reach Feishu in the order the commands were sent.
    const order = t.lark.messages.filter((m) => ids.includes(m.replyTo ?? '')).map((m) => ids.indexOf(m.replyTo!));
    expect(order).toEqual(ids.map((_, i) => i));
    for (const [i, name] of names.entries()) expect(JSON.stringify(repliesTo(ids[i]!)[0]!.content)).toContain(name);
    // Paced to Feishu's limit: the stand-in refused at most the first send past it, never more.
    expect(t.lark.refusedForRate).toBeLessThanOrEqual(1);
  });

  it('six 添加成员 in 0.4 s get six confirmations', async () => {
    const people = Array.from({ length: 6 }, (_, i) => ({ openId: `ou_new_member_${i}`, name: `新人${i}` }));
    for (const p of people) t.lark.users[p.openId] = p.name;
    const ids = await burst(
      ADMIN,
      people.map(() => '添加成员 @_user_1 招商员'),
      65,
      (i) => [people[i]!],
    );
    for (const [i, id] of ids.entries()) {
      const [reply] = repliesTo(id);
      expect(reply, `confirmation for ${people[i]!.name}`).toBeDefined();
      expect(JSON.stringify(reply!.content)).toContain(people[i]!.name);
    }
    const [row] = await t.app.ds.query(`SELECT COUNT(*) AS n FROM member WHERE open_id LIKE 'ou_new_member_%'`);
    expect(Number(row.n)).toBe(6);
  });

  it('230020, then 429 with x-ogw-ratelimit-reset, then 500, then a lost answer: the reply arrives once, with one uuid', async () => {
    t.lark.fail({
      match: REPLY,
      times: 1,
      status: 400,
      body: { code: 230020, msg: 'This operation triggers the frequency limit.' },
    });
    t.lark.fail({
      match: REPLY,
      times: 1,
      status: 429,
      body: { code: 99991400, msg: 'request trigger frequency limit' },
      headers: { 'x-ogw-ratelimit-reset': '1' },
    });
    t.lark.fail({ match: REPLY, times: 1, status: 500, body: { code: 500, msg: 'internal error' } });
    t.lark.fail({ match: REPLY, times: 1, status: 200, body: {}, behave: 'drop-after-record' });
    const ev = messageEvent(AGENT, '帮助');
    expect((await t.post(ev)).status).toBe(200);
    const id = ev.event.message.message_id;
    await t.lark.waitFor(() => t.lark.calls.filter((c) => c.path.endsWith(`/${id}/reply`)).length >= 5, 20_000);
    await t.delivered();
    expect(repliesTo(id)).toHaveLength(1);
    const uuids = new Set(
      t.lark.calls.filter((c) => c.path.endsWith(`/${id}/reply`)).map((c) => (c.body as { uuid?: string }).uuid),
    );
    expect(uuids.size).toBe(1);
    const [row] = await t.app.ds.query(`SELECT status FROM outbox_message WHERE reply_to = ?`, [id]);
    expect(row.status).toBe('sent');
  });

  it('a reply Feishu refuses for good (230013) is dead-lettered, listed under 发送失败 by name and reason, and 重发 sends it', async () => {
    t.lark.fail({
      match: REPLY,
      times: 1,
      status: 400,
      body: { code: 230013, msg: 'Bot has NO availability to this user.' },
    });
    const ev = messageEvent(AGENT, '帮助');
    await t.post(ev);
    await t.delivered();
    const id = ev.event.message.message_id;
    expect(repliesTo(id)).toHaveLength(0);

    await t.say(ADMIN, '发送失败');
    await t.delivered();
    const list = JSON.stringify(t.lark.messages.filter((m) => m.msgType === 'interactive').at(-1)!.current);
    expect(list).toContain('钱七');
    expect(list).not.toContain(AGENT);
    expect(list).toContain('不在机器人的可用范围内');
    expect(list).toContain('发送 1 次即被拒收');
    const [dead] = await t.app.ds.query(`SELECT id FROM outbox_message WHERE status = 'dead' AND reply_to = ?`, [id]);
    const res = await t.click(ADMIN, { a: 'outbox.resend', id: Number(dead.id) });
    expect(res.toast.type).toBe('success');
    await t.delivered();
    expect(repliesTo(id)).toHaveLength(1);
  });

  it('a reply to a withdrawn message goes to its chat instead', async () => {
    t.lark.fail({ match: REPLY, times: 1, status: 400, body: { code: 230011, msg: 'The message was withdrawn.' } });
    const ev = messageEvent(AGENT, '帮助');
    await t.post(ev);
    await t.delivered();
    expect(repliesTo(ev.event.message.message_id)).toHaveLength(0);
    expect(t.lark.messages.filter((m) => m.receiveId === AGENT && m.msgType === 'interactive')).toHaveLength(1);
  });
});

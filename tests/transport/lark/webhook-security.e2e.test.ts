import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildLarkRequest, messageEvent, TEST_TOKEN, urlVerification } from '../../helpers/lark-request.js';
import { startTestApp, TEST_ENCRYPT_KEY, type TestApp } from '../../helpers/test-app.js';

const ADMIN = 'ou_admin_security';

/** The receiver refuses what Feishu would never send and causes nothing; what it accepts, it stores once. */
describe('webhook security and delivery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ admins: [ADMIN], fake: { users: { [ADMIN]: '管理员甲' } } });
  });
  afterAll(async () => t?.close());

  const inboxCount = async () => Number((await t.app.ds.query('SELECT COUNT(*) AS n FROM inbox_event'))[0].n);
  const nowSec = () => Math.floor(Date.now() / 1000);
  const repliesTo = (messageId: string) => t.lark.messages.filter((m) => m.replyTo === messageId);
  afterEach(() => vi.restoreAllMocks());

  it('answers an encrypted url_verification with the challenge, unsigned as Feishu sends it', async () => {
    const res = await t.post(urlVerification('chal-123'), { omitSignature: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'chal-123' });
  });

  it('answers a plain url_verification only when its token matches', async () => {
    expect((await t.post(urlVerification('c1'), { encrypt: false, omitSignature: true })).body).toEqual({
      challenge: 'c1',
    });
    const bad = await t.post(urlVerification('c2', 'wrong-token'), { encrypt: false, omitSignature: true });
    expect(bad.status).toBe(401);
    expect(bad.body).not.toHaveProperty('challenge');
  });

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const before = await inboxCount();
    const res = await t.post(messageEvent(ADMIN, '帮助'), { signWith: 'not-the-key' });
    expect(res.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it('refuses an unsigned event with 401', async () => {
    const res = await t.post(messageEvent(ADMIN, '帮助'), { omitSignature: true });
    expect(res.status).toBe(401);
  });

  // Was "more than 5 minutes off": the window for old timestamps now covers Feishu's re-pushes (8 h by default).
  it('E4: refuses a timestamp older than the replay window with 401, and one more than 5 minutes ahead', async () => {
    const before = await inboxCount();
    const old = await t.post(messageEvent(ADMIN, '帮助'), { timestampSec: nowSec() - 8 * 3600 - 60 });
    expect(old.status).toBe(401);
    expect(old.body).toEqual({ error: 'stale_timestamp' });
    const future = await t.post(messageEvent(ADMIN, '帮助'), { timestampSec: nowSec() + 400 });
    expect(future.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it('E4: an event signed an hour ago (a re-push) is accepted once; the same again is acknowledged without a second reply; forged, 401', async () => {
    const hourAgo = nowSec() - 3600;
    const ev = messageEvent(ADMIN, '帮助');
    const first = await t.post(ev, { timestampSec: hourAgo });
    await t.settle();
    expect(first.status).toBe(200);
    expect(repliesTo(ev.event.message.message_id)).toHaveLength(1);

    const again = await t.post(ev, { timestampSec: hourAgo });
    const sixHoursLater = await t.post(ev, { timestampSec: nowSec() - 6 * 3600 - 5 * 60 });
    await t.settle();
    expect(again.status).toBe(200);
    expect(sixHoursLater.status).toBe(200);
    expect(repliesTo(ev.event.message.message_id)).toHaveLength(1);

    const before = await inboxCount();
    const forgedEv = messageEvent(ADMIN, '帮助');
    const forged = await t.post(forgedEv, { timestampSec: hourAgo, signWith: 'not-the-key' });
    await t.settle();
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ error: 'bad_signature' });
    expect(await inboxCount()).toBe(before);
    expect(repliesTo(forgedEv.event.message.message_id)).toHaveLength(0);
  });

  it('refuses an unencrypted event while an Encrypt Key is set (400 encryption_required), even when well signed, and says what to check', async () => {
    const warn = vi.spyOn(t.app.log, 'warn');
    const before = await inboxCount();
    const ev = messageEvent(ADMIN, '帮助');
    const res = await t.post(ev, { encrypt: false });
    await t.settle();
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'encryption_required' });
    expect(await inboxCount()).toBe(before);
    expect(repliesTo(ev.event.message.message_id)).toHaveLength(0);
    expect(warn.mock.calls.flat().join(' ')).toContain('加密策略');
    // Unsigned and unencrypted (what Feishu sends once the console's Encrypt Key is removed): the same answer.
    expect((await t.post(messageEvent(ADMIN, '帮助'), { encrypt: false, omitSignature: true })).body).toEqual({
      error: 'encryption_required',
    });
  });

  it("refuses a body that is not application/json with 415 and stores nothing; Feishu's own content types pass", async () => {
    const before = await inboxCount();
    const send = (contentType: string | undefined) => {
      const req = buildLarkRequest(messageEvent(ADMIN, '帮助'), { encryptKey: TEST_ENCRYPT_KEY });
      const headers: Record<string, string> = { ...req.headers };
      delete headers['content-type'];
      if (contentType) headers['content-type'] = contentType;
      return fetch(`${t.url}/lark/events`, { method: 'POST', headers, body: req.body });
    };
    for (const type of [
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await send(type);
      expect(res.status, type).toBe(415);
      expect(await res.json()).toEqual({ error: 'unsupported_media_type' });
    }
    expect(await inboxCount()).toBe(before);
    for (const type of ['application/json; charset=utf-8', 'application/json;charset=utf-8', 'Application/JSON']) {
      expect((await send(type)).status, type).toBe(200);
    }
    await t.settle();
  });

  it('refuses a body over 1 MB with 413', async () => {
    const huge = messageEvent(ADMIN, 'x'.repeat(1_100_000));
    const res = await t.post(huge);
    expect(res.status).toBe(413);
  });

  it('refuses malformed JSON and malformed ciphertext with 400', async () => {
    const res1 = await fetch(`${t.url}/lark/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"oops',
    });
    expect(res1.status).toBe(400);
    const body = JSON.stringify({ encrypt: 'bm90IGEgY2lwaGVydGV4dA==' });
    const signed = buildLarkRequest({}, { encryptKey: TEST_ENCRYPT_KEY });
    const res2 = await fetch(`${t.url}/lark/events`, { method: 'POST', headers: signed.headers, body });
    expect(res2.status).toBe(400);
  });

  it('refuses a well-signed event whose verification token is wrong', async () => {
    const ev = messageEvent(ADMIN, '帮助');
    ev.header.token = 'some-other-app';
    expect((await t.post(ev)).status).toBe(401);
  });

  it('acknowledges a redelivered event (same event_id) and processes it once', async () => {
    const ev = messageEvent(ADMIN, '帮助');
    const first = await t.post(ev);
    const second = await t.post(ev);
    await t.settle();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({});
    expect(second.status).toBe(200);
    const replies = t.lark.messages.filter((m) => m.replyTo === ev.event.message.message_id);
    expect(replies).toHaveLength(1);
  });

  it('dedupes a message delivered twice under different event_ids (by message_id)', async () => {
    const a = messageEvent(ADMIN, '帮助', { messageId: 'om_same_message_1' });
    const b = messageEvent(ADMIN, '帮助', { messageId: 'om_same_message_1' });
    await t.post(a);
    await t.post(b);
    await t.settle();
    expect(t.lark.messages.filter((m) => m.replyTo === 'om_same_message_1')).toHaveLength(1);
  });

  it('takes card callbacks on /lark/cards as well, and never answers 204', async () => {
    const res = await t.post(messageEvent(ADMIN, '菜单'), {}, '/lark/cards');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  /** 接收消息 v1.0 as Feishu's deprecated event page documents it (a private text message). */
  const v1Message = (openId: string, text: string, messageId: string) => ({
    uuid: `v1${messageId}`,
    token: TEST_TOKEN,
    ts: (Date.now() / 1000).toFixed(6),
    type: 'event_callback',
    event: {
      type: 'message',
      app_id: 'cli_test',
      tenant_key: 'tenant_test',
      root_id: '',
      parent_id: '',
      open_chat_id: `oc_p2p_${openId}`,
      chat_type: 'private',
      msg_type: 'text',
      open_id: openId,
      union_id: `on_${openId}`,
      open_message_id: messageId,
      is_mention: false,
      text,
      text_without_at_bot: text,
    },
  });

  it('E6: a legacy v1.0 帮助 message gets the same menu reply as a v2 one, and a log line says to subscribe to v2 (once)', async () => {
    const warn = vi.spyOn(t.app.log, 'warn');
    const v2 = messageEvent(ADMIN, '帮助');
    await t.post(v2);
    const res = await t.post(v1Message(ADMIN, '帮助', 'om_v1_help_1'));
    await t.post(v1Message(ADMIN, '帮助', 'om_v1_help_2'));
    await t.settle();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    const [v2Reply] = repliesTo(v2.event.message.message_id);
    const [v1Reply] = repliesTo('om_v1_help_1');
    expect(v1Reply?.msgType).toBe('interactive');
    expect(v1Reply!.current).toEqual(v2Reply!.current);
    expect(repliesTo('om_v1_help_2')).toHaveLength(1);
    const v1Lines = warn.mock.calls.map((c) => c.join(' ')).filter((l) => l.includes('im.message.receive_v1'));
    expect(v1Lines).toHaveLength(1);
  });

  it('E6: one message delivered both as v1.0 and as v2.0 (an app subscribed to both) is answered once', async () => {
    await t.post(v1Message(ADMIN, '帮助', 'om_both_versions'));
    await t.post(messageEvent(ADMIN, '帮助', { messageId: 'om_both_versions' }));
    await t.post(v1Message(ADMIN, '帮助', 'om_both_versions'));
    await t.settle();
    expect(repliesTo('om_both_versions')).toHaveLength(1);
  });

  it('E6: a v1.0 message with a wrong verification token, or unencrypted, is refused like a v2 one', async () => {
    const before = await inboxCount();
    const wrong = { ...v1Message(ADMIN, '帮助', 'om_v1_wrong_token'), token: 'some-other-app' };
    expect((await t.post(wrong)).status).toBe(401);
    expect((await t.post(v1Message(ADMIN, '帮助', 'om_v1_plain'), { encrypt: false })).status).toBe(400);
    expect(await inboxCount()).toBe(before);
  });
});

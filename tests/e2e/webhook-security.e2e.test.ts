import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLarkRequest, messageEvent, urlVerification } from '../helpers/lark-request.js';
import { startTestApp, TEST_ENCRYPT_KEY, type TestApp } from '../helpers/test-app.js';

const ADMIN = 'ou_admin_security';

/** The receiver refuses what Feishu would never send and causes nothing; what it accepts, it stores once. */
describe('webhook security and delivery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ admins: [ADMIN], fake: { users: { [ADMIN]: '管理员甲' } } });
  });
  afterAll(async () => t?.close());

  const inboxCount = async () => Number((await t.app.ds.query('SELECT COUNT(*) AS n FROM inbox_event'))[0].n);

  it('answers an encrypted url_verification with the challenge, unsigned as Feishu sends it', async () => {
    const res = await t.post(urlVerification('chal-123'), { omitSignature: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'chal-123' });
  });

  it('answers a plain url_verification only when its token matches', async () => {
    expect((await t.post(urlVerification('c1'), { encrypt: false, omitSignature: true })).body).toEqual({ challenge: 'c1' });
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

  it('refuses a stale timestamp (more than 5 minutes off) with 401, and one from the future', async () => {
    const old = await t.post(messageEvent(ADMIN, '帮助'), { timestampSec: Math.floor(Date.now() / 1000) - 301 });
    expect(old.status).toBe(401);
    const future = await t.post(messageEvent(ADMIN, '帮助'), { timestampSec: Math.floor(Date.now() / 1000) + 400 });
    expect(future.status).toBe(401);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const huge = messageEvent(ADMIN, 'x'.repeat(1_100_000));
    const res = await t.post(huge);
    expect(res.status).toBe(413);
  });

  it('refuses malformed JSON and malformed ciphertext with 400', async () => {
    const res1 = await fetch(`${t.url}/lark/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"oops' });
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
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LarkApiError, type LarkApi } from '../../src/lark/lark-api.js';
import { MESSAGES, openHarness, peakInWindow, type Harness } from './relay-harness.js';

/**
 * The outbox relay against the stand-in Feishu with its limits enforced and faults injected: whatever
 * happens, every row ends sent exactly once (by Feishu's uuid) or dead-lettered, never lost.
 */
describe('outbox relay under faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  beforeEach(async () => h.reset());
  afterAll(async () => h?.close());

  const expectEachSentOnce = async (n: number) => {
    const rows = await h.rows();
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.status === 'sent' && r.message_id)).toBe(true);
    expect(h.fake.messages).toHaveLength(n);
    expect(new Set(h.fake.messages.map((m) => m.uuid)).size).toBe(n);
  };

  it('delivers a fan-out within 5/s per recipient and 50/s overall, each row once', async () => {
    await h.fanOut(6, 8); // 48 messages, 8 to each of 6 people
    await h.drainAll(h.relay());
    await expectEachSentOnce(48);
    // No call was refused: one create call per row.
    expect([...h.createCallsByUuid().values()].every((n) => n === 1)).toBe(true);
    for (let r = 0; r < 6; r++) {
      const times = h.fake.calls
        .filter(
          (c) =>
            c.path === '/open-apis/im/v1/messages' && (c.body as { receive_id: string }).receive_id === `ou_fan_${r}`,
        )
        .map((c) => c.at);
      expect(peakInWindow(times)).toBeLessThanOrEqual(5);
    }
    // Messages to one person arrive in the order they were written.
    const texts = h.fake.messagesTo('ou_fan_0').map((m) => (m.content as { text: string }).text);
    expect(texts).toEqual([...Array(8).keys()].map((i) => `#${i} to 0`));
  });

  it('waits x-ogw-ratelimit-reset after a gateway 429 (99991400), using up no try', async () => {
    await h.fanOut(3, 2);
    h.fake.fail({
      match: MESSAGES,
      times: 1,
      status: 429,
      body: { code: 99991400, msg: 'request trigger frequency limit' },
      headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' },
    });
    const relay = h.relay({ maxAttempts: 1 });
    await relay.drain();
    const creates = () => h.fake.calls.filter((c) => c.path === '/open-apis/im/v1/messages');
    const limitedAt = creates()[0]!.at;
    // Sends already in flight may land; nothing new leaves, and what is left waits with no try used.
    const rows = await h.rows();
    expect(creates().every((c) => c.at - limitedAt < 100)).toBe(true);
    const waiting = rows.filter((r) => r.status === 'pending');
    expect(waiting.length).toBeGreaterThanOrEqual(4);
    expect(waiting.every((r) => r.attempts === 0)).toBe(true);
    expect(rows[0]!.last_error).toContain('99991400');
    expect(rows[0]!.next_attempt_at.getTime() - h.clock.now().getTime()).toBe(1000);
    h.clock.advance(1000);
    await h.drainAll(relay);
    await expectEachSentOnce(6);
    const later = creates().filter((c) => c.at - limitedAt >= 100);
    expect(later.length).toBeGreaterThanOrEqual(4);
    expect(later.every((c) => c.at - limitedAt >= 950)).toBe(true);
  });

  it('backs off one recipient on 400/230020 without using up a try, and never dead-letters for it', async () => {
    await h.fanOut(2, 3);
    h.fake.fail({
      match: MESSAGES,
      times: 4,
      status: 400,
      body: { code: 230020, msg: 'This operation triggers the frequency limit.' },
    });
    await h.drainAll(h.relay({ maxAttempts: 1 }));
    await expectEachSentOnce(6);
    const rows = await h.rows();
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it('retries a 5xx with backoff, counting the tries', async () => {
    await h.fanOut(1, 2);
    h.fake.fail({ match: MESSAGES, times: 2, status: 502, body: { code: 502, msg: 'bad gateway' } });
    const delays: number[] = [];
    await h.drainAll(h.relay({ maxAttempts: 5 }, { backoff: (a) => (delays.push(a), 5_000) }));
    await expectEachSentOnce(2);
    const rows = await h.rows();
    expect(rows[0]!.attempts).toBe(3);
    expect(delays).toEqual([1, 2]);
  });

  it('survives the API being unreachable (network error) and resumes when it is back', async () => {
    await h.fanOut(2, 2);
    const relay = h.relay();
    await h.lark.getBotInfo(); // a token is cached, as in a running service
    const port = Number(new URL(h.fake.url).port);
    await h.fake.stop();
    await relay.drain();
    const failed = await h.rows();
    expect(failed.every((r) => r.status === 'pending')).toBe(true);
    // One try used by the first message to each person; the second waits behind it, untried.
    expect(failed.map((r) => r.attempts)).toEqual([1, 1, 0, 0]);
    await h.fake.start(port);
    await h.drainAll(relay);
    await expectEachSentOnce(4);
  });

  it('fetches a new tenant token on 99991663 and loses nothing', async () => {
    await h.fanOut(2, 1);
    await h.drainAll(h.relay());
    const tokensBefore = h.fake.calls.filter(
      (c) => c.path === '/open-apis/auth/v3/tenant_access_token/internal',
    ).length;
    h.fake.expireTokens();
    await h.fanOut(2, 1, 'ou_second');
    await h.drainAll(h.relay());
    await expectEachSentOnce(4);
    const tokensAfter = h.fake.calls.filter((c) => c.path === '/open-apis/auth/v3/tenant_access_token/internal').length;
    expect(tokensAfter).toBeGreaterThan(tokensBefore);
    // The refused call was repeated with the new token inside the same try.
    expect((await h.rows()).every((r) => r.attempts === 1)).toBe(true);
  });

  it('sends nothing twice when Feishu took the message but the answer was lost (same uuid on retry)', async () => {
    await h.fanOut(3, 2);
    let lose = 3;
    // The call reaches Feishu, then the connection drops before the answer: an ambiguous failure.
    const lossy: LarkApi = Object.assign(Object.create(h.lark) as LarkApi, {
      sendMessage: async (input: Parameters<LarkApi['sendMessage']>[0]) => {
        const res = await h.lark.sendMessage(input);
        if (lose-- > 0) throw new LarkApiError('im.message.create', undefined, undefined, 'socket hang up');
        return res;
      },
    });
    await h.drainAll(h.relay({}, {}, lossy));
    await expectEachSentOnce(6);
    expect([...h.createCallsByUuid().values()].reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('dead-letters after the last try, lists it, and an admin resend delivers it once', async () => {
    await h.enqueue([{ to: { openId: 'ou_dead' }, text: 'important' }]);
    h.fake.fail({ match: MESSAGES, times: 3, status: 500, body: { code: 500, msg: 'internal' } });
    const relay = h.relay({ maxAttempts: 3 });
    await h.drainAll(relay);
    const [dead] = await h.rows();
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead!.last_error).toContain('http=500');
    expect(h.fake.messages).toHaveLength(0);
    expect((await h.store.listDead()).map((r) => r.id)).toEqual([dead!.id]);
    expect(await h.store.countDead()).toBe(1);

    expect(await h.store.resend(dead!.id, h.clock.now())).toBe(true);
    expect(await h.store.resend(dead!.id, h.clock.now())).toBe(false); // no longer dead: a double click does nothing
    await h.drainAll(relay);
    await expectEachSentOnce(1);
    expect(await h.store.countDead()).toBe(0);
  });

  it('dead-letters at once what Feishu refuses for good (230002 bot not in the chat)', async () => {
    await h.enqueue([{ to: { chatId: 'oc_gone' }, text: 'hello' }]);
    h.fake.fail({ match: MESSAGES, times: 1, status: 400, body: { code: 230002, msg: 'Bot is not in the chat' } });
    await h.drainAll(h.relay({ maxAttempts: 8 }));
    expect((await h.rows())[0]).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('holds patches until their card is out, and applies them in the order written', async () => {
    await h.uow.run(async (tx) => {
      await tx.outbox.send({ to: { openId: 'ou_card' }, card: { v: 1 }, cardKey: 'offer:1' });
      await tx.outbox.patchCard('offer:1', { v: 2 });
      await tx.outbox.patchCard('offer:1', { v: 3 });
    });
    // The card fails first; then the first patch fails once: v3 must still land after v2.
    h.fake.fail({ match: MESSAGES, times: 1, status: 503, body: { code: 503, msg: 'unavailable' } });
    const relay = h.relay({}, { backoff: () => 1000 });
    await relay.drain();
    expect(h.fake.messages).toHaveLength(0);
    expect(
      (await h.rows()).filter((r) => r.kind === 'patch').every((r) => r.status === 'pending' && r.attempts === 0),
    ).toBe(true);
    h.clock.advance(1000);
    h.fake.fail({
      match: 'PATCH /open-apis/im/v1/messages/',
      times: 1,
      status: 500,
      body: { code: 500, msg: 'internal' },
    });
    await h.drainAll(relay);
    const [card] = h.fake.messagesTo('ou_card');
    expect(card!.patches).toEqual([{ v: 2 }, { v: 3 }]);
    expect(card!.current).toEqual({ v: 3 });
    expect((await h.rows()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('dead-letters a patch for a card that was never sent', async () => {
    await h.uow.run((tx) => tx.outbox.patchCard('offer:none', { v: 9 }));
    await h.drainAll(h.relay());
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'dead' });
    expect(row!.last_error).toContain('offer:none');
  });
});

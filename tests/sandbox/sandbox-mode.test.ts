import { describe, expect, it } from 'vitest';
import { ChatLog } from '../../src/sandbox/chat-log.js';
import type { SentMessage } from '../../src/sandbox/fake-lark-server.js';
import { sandboxDecision } from '../../src/sandbox/sandbox.js';
import { OffsetClock } from '../../src/sandbox/sandbox-clock.js';
import { isDailyOrRarer, nextRun, offsetSuffix, upcomingRuns } from '../../src/sandbox/schedule-times.js';

describe('when the sandbox runs', () => {
  it('runs with no Lark credential at all, unless SANDBOX=false', () => {
    expect(sandboxDecision({}).wanted).toBe(true);
    expect(sandboxDecision({ SANDBOX: 'true' }).wanted).toBe(true);
    expect(sandboxDecision({ SANDBOX: 'false' }).wanted).toBe(false);
    expect(sandboxDecision({ LARK_APP_ID: '' }).wanted).toBe(true);
  });

  it('never runs when any real credential is set, even with SANDBOX=true', () => {
    for (const k of ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN']) {
      expect(sandboxDecision({ [k]: 'x' }).wanted, k).toBe(false);
      const forced = sandboxDecision({ [k]: 'x', SANDBOX: 'true' });
      expect(forced.wanted).toBe(false);
      expect(forced.note).toContain(k);
    }
  });

  it('a MySQL deployment waiting for its credentials keeps answering 503 unless told SANDBOX=true', () => {
    expect(sandboxDecision({ DATABASE_URL: 'mysql://u:p@db:3306/zs' }).wanted).toBe(false);
    expect(sandboxDecision({ DATABASE_URL: 'mysql://u:p@db:3306/zs', SANDBOX: 'true' }).wanted).toBe(true);
    expect(sandboxDecision({ DATABASE_URL: 'sqlite:./data/x.sqlite' }).wanted).toBe(true);
  });
});

describe('the sandbox clock and schedules', () => {
  it('jumps forward, never back, and tells its listeners', async () => {
    let wall = Date.parse('2026-11-22T10:00:00Z');
    const clock = new OffsetClock(() => wall);
    const seen: string[] = [];
    clock.onJump((from, to) => void seen.push(`${from.toISOString()}→${to.toISOString()}`));
    await clock.jumpTo(new Date('2026-11-23T01:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-23T01:00:00.000Z');
    wall += 1000;
    expect(clock.now().toISOString()).toBe('2026-11-23T01:00:01.000Z');
    await clock.jumpTo(new Date('2020-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-23T01:00:01.000Z');
    expect(seen).toEqual(['2026-11-22T10:00:00.000Z→2026-11-23T01:00:00.000Z']);
  });

  it('finds the next run of a cron pattern in the department time zone', () => {
    // Sunday 2026-11-22 18:44 in Shanghai.
    const after = new Date('2026-11-22T10:44:00Z');
    expect(nextRun('0 18 * * *', after, 'Asia/Shanghai')?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(nextRun('0 9 * * 1', after, 'Asia/Shanghai')?.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(nextRun('0 9 1 * *', after, 'Asia/Shanghai')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(nextRun('30 18 * * *', after, 'Asia/Shanghai')?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(nextRun('not a cron', after, 'Asia/Shanghai')).toBeUndefined();
  });

  it('offers only schedules that fire at most daily as places to jump to', () => {
    expect(isDailyOrRarer('0 9 * * 1')).toBe(true);
    expect(isDailyOrRarer('15 * * * *')).toBe(false);
    expect(isDailyOrRarer('*/15 * * * * *')).toBe(false);
    const runs = upcomingRuns(
      { weeklySummary: '0 9 * * 1', offerSweep: '*/15 * * * * *' },
      new Date('2026-11-22T10:44:00Z'),
      'Asia/Shanghai',
    );
    expect(runs.map((r) => r.name)).toEqual(['weeklySummary']);
  });

  it('writes picker offsets the way Feishu does', () => {
    expect(offsetSuffix(new Date('2026-11-22T00:00:00Z'), 'Asia/Shanghai')).toBe('+0800');
    expect(offsetSuffix(new Date('2026-07-01T00:00:00Z'), 'America/New_York')).toBe('-0400');
  });
});

describe('the chat log places every bot message in its chat', () => {
  const sent = (o: Partial<SentMessage>): SentMessage => ({
    messageId: 'om_1',
    receiveIdType: 'open_id',
    receiveId: 'ou_a',
    msgType: 'text',
    content: { text: 'x' },
    uuid: undefined,
    replyTo: undefined,
    current: { text: 'x' },
    patches: [],
    ...o,
  });

  it('by open_id, chat_id, or as a reply to a typed message; patches update in place', () => {
    const log = new ChatLog(
      () => 1000,
      (id) => (id === 'ou_new' ? '新人' : undefined),
    );
    log.addChat({ chatId: 'oc_a', kind: 'p2p', name: 'A', openId: 'ou_a' });
    log.addChat({ chatId: 'oc_g', kind: 'group', name: 'G' });
    const events: string[] = [];
    log.subscribe((e) => events.push(e.type));
    log.addInbound('om_in', 'oc_g', 'ou_a', '帮助');
    log.onBotMessage(sent({ messageId: 'om_1' }), 'create');
    log.onBotMessage(sent({ messageId: 'om_2', receiveIdType: 'chat_id', receiveId: 'oc_g' }), 'create');
    log.onBotMessage(
      sent({ messageId: 'om_3', receiveIdType: 'reply', receiveId: 'om_in', replyTo: 'om_in' }),
      'create',
    );
    log.onBotMessage(sent({ messageId: 'om_4', receiveId: 'ou_new' }), 'create');
    expect(log.all().map((e) => `${e.id}@${e.chatId}`)).toEqual([
      'om_in@oc_g',
      'om_1@oc_a',
      'om_2@oc_g',
      'om_3@oc_g',
      'om_4@oc_p2p_ou_new',
    ]);
    expect(log.getChat('oc_p2p_ou_new')?.name).toBe('新人');
    log.onBotMessage(sent({ messageId: 'om_1', current: { text: 'y' } }), 'patch');
    expect(log.get('om_1')).toMatchObject({ version: 2, content: { text: 'y' } });
    expect(events).toEqual(['message', 'message', 'message', 'message', 'chat', 'message', 'update']);
  });
});

describe('SANDBOX_START_AT', () => {
  it('starts the clock at a fixed instant, and still runs', () => {
    let wall = Date.parse('2026-12-01T00:00:00Z');
    const clock = new OffsetClock(() => wall, new Date('2026-11-23T09:30:00+08:00'));
    expect(clock.now().toISOString()).toBe('2026-11-23T01:30:00.000Z');
    wall += 60_000;
    expect(clock.now().toISOString()).toBe('2026-11-23T01:31:00.000Z');
  });
});

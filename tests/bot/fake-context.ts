import type { AppConfig } from '../../src/config.js';
import { BotContext } from '../../src/bot/context.js';
import type { Update } from '../../src/bot/update.js';
import { ManualClock } from '../../src/domain/shared/clock.js';
import type { LarkApi } from '../../src/lark/lark-api.js';
import { createLogger } from '../../src/shared/logger.js';

/** A BotContext with no I/O: replies are collected, transactions are refused (pure tests need none). */
export function fakeContext(update: Update): BotContext & { sent: Array<{ msgType: string; content: string }> } {
  const sent: Array<{ msgType: string; content: string }> = [];
  const lark = {
    replyMessage: async (_id: string, m: { msgType: string; content: string }) => (
      sent.push(m), { messageId: 'om_reply' }
    ),
    sendMessage: async (m: { msgType: string; content: string }) => (sent.push(m), { messageId: 'om_send' }),
  } as unknown as LarkApi;
  const ctx = new BotContext(
    update,
    {
      config: {} as AppConfig,
      clock: new ManualClock('2026-11-23T01:00:00Z'),
      log: createLogger('silent'),
      lark,
      uow: {
        run: <T>(): Promise<T> => Promise.reject(new Error('no database in unit tests')),
        read: <T>(): Promise<T> => Promise.reject(new Error('no database in unit tests')),
      },
      botOpenId: () => 'ou_bot',
    },
    createLogger('silent'),
    undefined,
  );
  return Object.assign(ctx, { sent });
}

export const textUpdate = (text: string, o: Partial<Extract<Update, { kind: 'message' }>> = {}): Update => ({
  kind: 'message',
  eventId: 'ev_1',
  messageId: 'om_1',
  chatId: 'oc_1',
  chatType: 'p2p',
  senderOpenId: 'ou_user',
  messageType: 'text',
  text,
  mentions: [],
  ...o,
});

export const cardUpdate = (value: unknown): Update => ({
  kind: 'card',
  eventId: 'ev_card',
  operatorOpenId: 'ou_user',
  messageId: 'om_card',
  chatId: 'oc_1',
  value,
  formValue: undefined,
  inputValue: undefined,
  option: undefined,
  actionName: undefined,
});

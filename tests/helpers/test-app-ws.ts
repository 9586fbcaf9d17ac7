import type { FakeLarkWs, PushOptions, WsAck } from '../../src/sandbox/fake-lark-ws.js';
import { checkCallbackResponse } from './card-conformance.js';
import { cardActionEvent, messageEvent } from './lark-request.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** A real-looking app id: the SDK's WSClient refuses anything but `cli_` and 16 hex digits. */
export const WS_APP_ID = 'cli_a1b2c3d4e5f60718';
export const WS_APP_SECRET = 'secret_test';

export type LarkModeName = 'webhook' | 'ws';
export const LARK_MODES: LarkModeName[] = ['webhook', 'ws'];

export interface WsTestApp extends TestApp {
  ws: FakeLarkWs;
  /** Feishu pushes a payload over the long connection; resolves with the client's acknowledgement. */
  push(payload: unknown, o?: PushOptions): Promise<WsAck>;
}

/**
 * The whole service in LARK_MODE=ws: the real SDK WSClient connects to the stand-in long-connection
 * endpoint, and say/click push events and card callbacks over it — the same API as startTestApp, so
 * one story runs in both modes. The environment has no Encrypt Key or Verification Token on purpose.
 */
export async function startTestAppWs(o: TestAppOptions = {}): Promise<WsTestApp> {
  const t = await startTestApp({
    ...o,
    fake: {
      ...o.fake,
      // Fractions of a second so a dropped connection comes back at once; Feishu sends 120 s / 30 s.
      longConnection: {
        appId: WS_APP_ID,
        appSecret: WS_APP_SECRET,
        pingIntervalSec: 2,
        reconnectIntervalSec: 0.05,
        reconnectNonceSec: 0,
        ...o.fake?.longConnection,
      },
    },
    env: {
      LARK_MODE: 'ws',
      LARK_APP_ID: WS_APP_ID,
      LARK_APP_SECRET: WS_APP_SECRET,
      LARK_ENCRYPT_KEY: '',
      LARK_VERIFICATION_TOKEN: '',
      ...o.env,
    },
  });
  const ws = t.lark.ws!;
  await ws.waitForConnections(1);
  const push = (payload: unknown, po?: PushOptions) => {
    // As the webhook helper does: a reply to the user's message is addressed to its chat.
    const message = (payload as { event?: { message?: { message_id?: string; chat_id?: string } } }).event?.message;
    if (message?.message_id && message.chat_id) t.lark.knowMessage(message.message_id, message.chat_id);
    return ws.push(payload, po);
  };
  const post = async (payload: unknown) => {
    const ack = await push(payload);
    const body = ack.data ?? {};
    checkCallbackResponse(payload, ack.code, body);
    return { status: ack.code, body };
  };
  return {
    ...t,
    ws,
    push,
    post,
    async say(openId, text, mo) {
      const res = await post(messageEvent(openId, text, mo));
      await t.settle();
      return res;
    },
    async click(openId, value, co) {
      const res = await post(cardActionEvent(openId, value, co));
      await t.settle();
      return res.body;
    },
  };
}

/** startTestApp or startTestAppWs, for `describe.each(LARK_MODES)`. */
export function startTestAppIn(mode: LarkModeName, o: TestAppOptions = {}): Promise<TestApp> {
  return mode === 'ws' ? startTestAppWs(o) : startTestApp(o);
}

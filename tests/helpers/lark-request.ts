import { eventFactory } from '../../src/sandbox/lark-events.js';

/**
 * Requests exactly as Feishu sends them (encrypted and signed): the builders live in
 * src/sandbox/lark-events.ts, which the sandbox console uses too; here they are bound to the test app.
 */
export { buildLarkRequest, type CardOpts, type MessageOpts, type SignOptions } from '../../src/sandbox/lark-events.js';

export const TEST_TOKEN = 'vtoken_test_1234567890';

const events = eventFactory({ token: TEST_TOKEN, appId: 'cli_test', tenantKey: 'tenant_test' });

/** `im.message.receive_v1` as documented (official sample shape). */
export const messageEvent = events.messageEvent;
/** `card.action.trigger` (callback schema 2.0). */
export const cardActionEvent = events.cardActionEvent;
export const botAddedEvent = events.botAddedEvent;
export const urlVerification = events.urlVerification;

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { decodeFrame, encodeFrame, headerOf } from '../../../src/sandbox/fake-lark-ws.js';
import { envelopeFromFlat } from '../../../src/transport/lark-ws/envelope.js';
import { explainFailure } from '../../../src/transport/lark-ws/long-connection.js';

/** What the SDK's EventDispatcher hands a handler: schema, then the header's fields, then the event's, spread flat. */
const flatten = (body: { schema: string; header: Record<string, unknown>; event: Record<string, unknown> }) => ({
  schema: body.schema,
  ...body.header,
  ...body.event,
});

describe('long connection: the envelope rebuilt from the SDK handler argument', () => {
  const header = {
    event_id: 'ev1',
    event_type: 'im.message.receive_v1',
    create_time: '1700000000000',
    token: 'vtoken',
    app_id: 'cli_x',
    tenant_key: 'tk',
  };

  it('a message event comes back as {schema, header, event}, without the verification token', () => {
    const event = {
      sender: { sender_id: { open_id: 'ou_a' } },
      message: { message_id: 'om_1', content: '{"text":"帮助"}' },
    };
    const env = envelopeFromFlat(flatten({ schema: '2.0', header, event }));
    expect(env).toEqual({
      schema: '2.0',
      header: {
        event_id: 'ev1',
        event_type: 'im.message.receive_v1',
        create_time: '1700000000000',
        app_id: 'cli_x',
        tenant_key: 'tk',
      },
      event,
    });
  });

  it("a card callback keeps its own token (the c-… update token that overwrote the header's)", () => {
    const event = {
      operator: { open_id: 'ou_a' },
      token: 'c-123',
      action: { value: { a: 'x' } },
      context: { open_message_id: 'om_2' },
    };
    const env = envelopeFromFlat(
      flatten({ schema: '2.0', header: { ...header, event_type: 'card.action.trigger' }, event }),
    );
    expect(env?.event).toEqual(event);
    expect(env?.header.event_type).toBe('card.action.trigger');
  });

  it('something without an event_id is no envelope', () => {
    expect(envelopeFromFlat({ schema: '2.0', event_type: 'im.message.receive_v1' })).toBeUndefined();
  });
});

describe('long connection: the pbbp2 frame codec of the stand-in', () => {
  it('a frame survives encode → decode, fields and headers in order, payload byte for byte', () => {
    const payload = new TextEncoder().encode(JSON.stringify({ hello: '飞书' }));
    const frame = {
      SeqID: 300,
      LogID: 2 ** 40,
      service: 33554678,
      method: 1,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'sum', value: '1' },
      ],
      payload,
    };
    const back = decodeFrame(encodeFrame(frame));
    expect(back).toEqual(frame);
    expect(headerOf(back, 'type')).toBe('event');
  });

  it('a frame without its required fields is refused', () => {
    expect(() => decodeFrame(Uint8Array.from([0x08, 0x01]))).toThrow(/LogID/);
  });
});

describe('long connection: configuration and what the log says', () => {
  it('LARK_MODE=ws needs only LARK_APP_ID and LARK_APP_SECRET', () => {
    const c = loadConfig({ LARK_MODE: 'ws', LARK_APP_ID: 'cli_a1b2c3d4e5f60718', LARK_APP_SECRET: 's' });
    expect(c.missingLark).toEqual([]);
    expect(c.lark?.mode).toBe('ws');
    expect(loadConfig({ LARK_MODE: 'ws', LARK_APP_ID: 'cli_a1b2c3d4e5f60718' }).missingLark).toEqual([
      'LARK_APP_SECRET',
    ]);
  });

  it('the webhook (the default) still needs the Encrypt Key and Verification Token', () => {
    const c = loadConfig({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718', LARK_APP_SECRET: 's' });
    expect(c.lark).toBeUndefined();
    expect(c.missingLark).toEqual(['LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN']);
  });

  it('an unknown LARK_MODE is a configuration error', () => {
    expect(() => loadConfig({ LARK_MODE: 'socket' })).toThrow(/LARK_MODE/);
  });

  it("the endpoint's refusals are explained in the admin's terms", () => {
    expect(explainFailure('pullConnectConfig failed: code=514, msg=auth failed')).toContain('LARK_APP_SECRET');
    expect(explainFailure('pullConnectConfig failed: code=403, msg=forbidden')).toContain('企业自建应用');
    expect(explainFailure('pullConnectConfig failed: code=1000040350, msg=exceed')).toContain('50');
  });
});

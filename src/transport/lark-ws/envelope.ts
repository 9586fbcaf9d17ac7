import { v2EnvelopeSchema, type V2Envelope } from '../lark/envelope.schema.js';

/**
 * The SDK's EventDispatcher hands a handler one flat object: the v2 body's `schema`, then every
 * `header` field, then every `event` field spread over them. The bot's inbox, router and re-dispatch
 * all work on the envelope `{schema, header, event}` the webhook receives, so it is put back together.
 *
 * These are the header's fields (Feishu's event overview). `token` is special: in the header it is
 * the Verification Token, which the long connection does not need, but a card callback's event has a
 * `token` of its own (the `c-…` update token), and that one won the spread. So `token` stays in the
 * event of a `card.action.trigger` and is dropped from every other event.
 */
const HEADER_FIELDS = ['event_id', 'event_type', 'create_time', 'tenant_key', 'app_id'] as const;

export function envelopeFromFlat(flat: Record<string, unknown>): V2Envelope | undefined {
  const header: Record<string, unknown> = {};
  for (const k of HEADER_FIELDS) if (typeof flat[k] === 'string') header[k] = flat[k];
  const event: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    if (k === 'schema' || (HEADER_FIELDS as readonly string[]).includes(k)) continue;
    if (k === 'token' && header.event_type !== 'card.action.trigger') continue;
    event[k] = v;
  }
  const parsed = v2EnvelopeSchema.safeParse({ schema: '2.0', header, event });
  return parsed.success ? parsed.data : undefined;
}

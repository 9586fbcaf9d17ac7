import { z } from 'zod';
import type { V2Envelope } from '../../bot/envelope.js';

export type { V2Envelope };

/** What a verified, decrypted body may be. Anything else is a 400. */
export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(1000),
  token: z.string().optional(),
});

export const v2EnvelopeSchema: z.ZodType<V2Envelope> = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: z.string().min(1).max(100),
    event_type: z.string().min(1).max(100),
    token: z.string().optional(),
    create_time: z.string().optional(),
    tenant_key: z.string().optional(),
    app_id: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});

/**
 * The legacy v1.0 shape (p2p_chat_create, message …): de-duplicated by uuid and reshaped to v2
 * (legacy-v1.ts); a v1 `message` is understood like im.message.receive_v1.
 */
export const v1EnvelopeSchema = z.object({
  uuid: z.string().min(1).max(100),
  type: z.literal('event_callback'),
  token: z.string().optional(),
  ts: z.union([z.string().max(40), z.number()]).optional(),
  event: z.object({ type: z.string().min(1).max(100) }).passthrough(),
});

/**
 * A Feishu event as the bot handles it: the v2 envelope. The webhook receiver validates bodies
 * against this shape (src/transport/lark/envelope.schema.ts); the long connection rebuilds it from
 * the SDK's flattened event; legacy v1 events are reshaped to it.
 */
export interface V2Envelope {
  schema: '2.0';
  header: {
    event_id: string;
    event_type: string;
    token?: string | undefined;
    create_time?: string | undefined;
    tenant_key?: string | undefined;
    app_id?: string | undefined;
  };
  event: Record<string, unknown>;
}

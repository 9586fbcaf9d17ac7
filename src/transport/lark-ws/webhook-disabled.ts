import type Router from '@koa/router';

/**
 * In `ws` mode Feishu reaches the bot over the long connection; a request to the webhook URLs is a
 * left-over console setting (or a probe), and is told so instead of being half-handled.
 */
export function mountWebhookDisabled(router: Router): void {
  const handler = (ctx: { status: number; body: unknown }) => {
    ctx.status = 404;
    ctx.body = {
      error: 'webhook_disabled',
      message:
        'LARK_MODE=ws: Feishu events and card callbacks arrive over the long connection. Set LARK_MODE=webhook (with LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN) to use this request URL.',
    };
  };
  router.post('/lark/events', handler);
  router.post('/lark/cards', handler);
}

import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../shared/logger.js';

export interface HttpDeps {
  log: Logger;
  ready: () => Promise<boolean>;
  /** Routes added by the composition root (the Lark receiver, the sandbox). */
  mount: (router: Router) => void;
}

/** Koa with one top-level error wrapper, health probes, and the routes mounted by the caller. */
export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa();
  const router = new Router();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      ctx.status = status;
      ctx.body = { error: status >= 500 ? 'internal_error' : (err as Error).message };
      if (status >= 500) deps.log.error({ err, path: ctx.path }, 'request failed');
    }
  });
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'up' };
  });
  router.get('/readyz', async (ctx) => {
    const ok = await deps.ready();
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ready' : 'database_unreachable' };
  });
  deps.mount(router);
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.on('error', () => undefined);
  return app;
}

import Router from '@koa/router';
import Koa from 'koa';
import { createServer, type Server } from 'node:http';
import type { Logger } from '../shared/logger.js';

export interface HttpDeps {
  log: Logger;
  ready: () => Promise<boolean>;
  /** Another reason not to take traffic (the long connection is down), as a status word; undefined when none. */
  notReady?: () => string | undefined;
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
    const other = ok ? deps.notReady?.() : undefined;
    ctx.status = ok && !other ? 200 : 503;
    ctx.body = { status: !ok ? 'database_unreachable' : (other ?? 'ready') };
  });
  deps.mount(router);
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.on('error', () => undefined);
  return app;
}

export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/**
 * The node server for the Koa app, closing slow clients: headers must arrive within headersTimeoutMs and
 * the whole request within requestTimeoutMs (then 408 and the socket is closed). Koa's listen() cannot
 * do this — Node checks these timeouts only every connectionsCheckingInterval (30 s by default), which
 * is a constructor option, so one client sending a byte a second would hold its socket far longer.
 */
export function createNodeServer(app: Koa, t: HttpTimeouts): Server {
  return createServer(
    {
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(t.headersTimeoutMs / 4))),
    },
    app.callback(),
  );
}

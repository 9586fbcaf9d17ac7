import type Router from '@koa/router';
import type { Context } from 'koa';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { projectPath } from '../shared/project-root.js';
import { extname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import getRawBody from 'raw-body';
import { z } from 'zod';
import type { ChatLog } from './chat-log.js';
import type { DemoGroup, DemoPerson } from './demo-department.js';
import type { FakeLarkServer } from './fake-lark-server.js';
import { ConsoleError, type SandboxConsole } from './sandbox-console.js';
import { offsetSuffix } from './schedule-times.js';

/**
 * The console's HTTP surface, mounted on the service's own Koa app only in sandbox mode:
 * GET /sandbox (the page), /sandbox/assets/* and /sandbox/vendor/vchart.js (static),
 * GET /sandbox/api/state, GET /sandbox/api/stream (server-sent events),
 * POST /sandbox/api/say | action | clock, GET /sandbox/api/uploads/:key.
 */
export interface ConsoleRouteDeps {
  console: SandboxConsole;
  chats: ChatLog;
  fake: FakeLarkServer;
  people: DemoPerson[];
  group: DemoGroup;
  timezone: string;
  now: () => Date;
}

// From the root, not next to this file: compiled code runs from dist/, the static files stay in src/.
const PUBLIC_DIR = projectPath('src', 'sandbox', 'public');
/** Plain names only (no path): the console's own scripts and styles in ./public. */
const ASSET_NAME = /^[a-z0-9-]+\.(js|css)$/;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const sayBody = z.object({
  chatId: z.string().min(1).max(100),
  senderOpenId: z.string().regex(/^ou_/),
  text: z.string().min(1).max(4000),
  mentionBot: z.boolean().optional(),
});
const actionBody = z.object({
  chatId: z.string().min(1).max(100),
  operatorOpenId: z.string().regex(/^ou_/),
  messageId: z.string().min(1).max(100),
  value: z.record(z.string(), z.unknown()),
  tag: z.string().max(50).optional(),
  name: z.string().max(100).optional(),
  formValue: z.record(z.string(), z.unknown()).optional(),
  option: z.string().max(1000).optional(),
  options: z.array(z.string().max(1000)).max(200).optional(),
  inputValue: z.string().max(10_000).optional(),
  checked: z.boolean().optional(),
});
const clockBody = z.object({
  schedule: z.string().max(100).optional(),
  at: z.string().max(40).optional(),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 40)
    .optional(),
});

export function mountConsoleRoutes(router: Router, d: ConsoleRouteDeps): { closeStreams(): void } {
  const closers = new Set<() => void>();

  router.get('/sandbox', async (ctx) => {
    ctx.type = TYPES['.html']!;
    ctx.set('cache-control', 'no-store');
    ctx.body = await readFile(join(PUBLIC_DIR, 'index.html'));
  });
  router.get('/sandbox/assets/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    if (!ASSET_NAME.test(file)) return void (ctx.status = 404);
    const body = await readFile(join(PUBLIC_DIR, file)).catch(() => undefined);
    if (!body) return void (ctx.status = 404);
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.set('cache-control', 'no-store');
    ctx.body = body;
  });
  router.get('/sandbox/vendor/vchart.js', async (ctx) => {
    ctx.type = TYPES['.js']!;
    ctx.set('cache-control', 'public, max-age=86400');
    ctx.body = await readFile(vchartBundle());
  });

  router.get('/sandbox/api/state', async (ctx) => {
    const now = d.now();
    ctx.set('cache-control', 'no-store');
    ctx.body = {
      bot: { openId: d.fake.botOpenId, name: '招商助手' },
      people: d.people,
      group: d.group,
      chats: d.chats.listChats(),
      messages: d.chats.all(),
      users: d.fake.users,
      now: now.getTime(),
      timezone: d.timezone,
      utcOffset: offsetSuffix(now, d.timezone),
      upcoming: await d.console.upcoming(),
    };
  });

  router.get('/sandbox/api/stream', (ctx) => {
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const stream = new PassThrough();
    ctx.status = 200;
    ctx.body = stream;
    stream.write('retry: 1000\n\n');
    const unsubscribe = d.chats.subscribe((e) => stream.write(`data: ${JSON.stringify(e)}\n\n`));
    // A comment line now and then keeps proxies from closing an idle stream.
    const ping = setInterval(() => stream.write(': ping\n\n'), 15_000);
    ping.unref();
    const close = () => {
      unsubscribe();
      clearInterval(ping);
      closers.delete(close);
      stream.end();
    };
    closers.add(close);
    ctx.req.on('close', close);
  });

  router.post('/sandbox/api/say', async (ctx) => {
    const body = await readJson(ctx, sayBody);
    ctx.body = await d.console.say(body);
  });
  router.post('/sandbox/api/action', async (ctx) => {
    const body = await readJson(ctx, actionBody);
    ctx.body = await d.console.action(body);
  });
  router.post('/sandbox/api/clock', async (ctx) => {
    const body = await readJson(ctx, clockBody);
    const now = await d.console.jump(body);
    ctx.body = { now: now.getTime(), upcoming: await d.console.upcoming() };
  });

  router.get('/sandbox/api/uploads/:key', (ctx) => {
    const up = d.fake.uploads.get(ctx.params.key ?? '');
    if (!up) return void (ctx.status = 404);
    ctx.type = up.contentType;
    if (up.kind === 'file')
      ctx.set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(up.fileName ?? up.key)}`);
    ctx.body = up.bytes;
  });

  return {
    closeStreams() {
      for (const close of [...closers]) close();
    },
  };
}

async function readJson<T>(ctx: Context, schema: z.ZodType<T>): Promise<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await getRawBody(ctx.req, { limit: 256 * 1024 })).toString('utf8'));
  } catch {
    throw new ConsoleError(400, 'body must be JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success)
    throw new ConsoleError(400, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

function vchartBundle(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@visactor/vchart/build/index.min.js');
}

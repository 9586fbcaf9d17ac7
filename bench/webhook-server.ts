/**
 * Child process of `npm run bench:webhook`: either the real service (createApp on MariaDB, Lark
 * pointed at the stand-in) or a bare Koa server that reads the body and answers `{}` — the ceiling.
 * Prints one JSON line `{"url": …}` when listening; stops on SIGTERM.
 */
import Koa from 'koa';
import getRawBody from 'raw-body';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const mode = process.argv[2];

async function main(): Promise<void> {
  if (mode === 'bare') {
    const app = new Koa();
    app.use(async (ctx) => {
      await getRawBody(ctx.req, { limit: 1024 * 1024 });
      ctx.body = {};
    });
    const server = app.listen(0, '127.0.0.1', () => {
      console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    });
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
    return;
  }
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', JOBS_ENABLED: 'false' });
  const app = await createApp(config);
  const url = await app.listen();
  console.log(JSON.stringify({ url }));
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Child process of `npm run bench:webhook`: the real service (createApp on MariaDB, Lark pointed at
 * the stand-in); a bare Koa server that reads the body and answers `{}` (the HTTP ceiling); or Koa
 * plus one raw mysql2 INSERT IGNORE per request into a table shaped like inbox_event (the database
 * ceiling on this machine, as measured in reliability-perf-anchors.md §5.2); `direct` replies from the
 * handler straight to the Open API, the baseline of `npm run bench:reply`.
 * Prints one JSON line `{"url": …}` when listening; stops on SIGTERM.
 */
import Koa from 'koa';
import { createPool } from 'mysql2/promise';
import getRawBody from 'raw-body';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { BotContext } from '../src/bot/context.js';
import { loadConfig } from '../src/config.js';

const mode = process.argv[2];

async function main(): Promise<void> {
  if (mode === 'bare' || mode === 'rawdb') {
    const pool = mode === 'rawdb' ? createPool({ uri: process.env.DATABASE_URL!, connectionLimit: 20 }) : undefined;
    await pool?.query(
      'CREATE TABLE IF NOT EXISTS raw_inbox (id INT AUTO_INCREMENT PRIMARY KEY, event_id VARCHAR(100) NOT NULL UNIQUE, payload LONGTEXT NOT NULL, received_at DATETIME(3) NOT NULL)',
    );
    const app = new Koa();
    app.use(async (ctx) => {
      const raw = await getRawBody(ctx.req, { limit: 1024 * 1024 });
      if (pool)
        await pool.query('INSERT IGNORE INTO raw_inbox (event_id, payload, received_at) VALUES (?, ?, ?)', [
          ctx.get('x-lark-request-nonce'),
          raw.toString('utf8'),
          new Date(),
        ]);
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
  // `ingest`: the acknowledgement path alone (verify, decrypt, inbox insert); events stay unprocessed.
  if (mode === 'ingest') app.dispatcher.enqueue = () => undefined;
  // `direct`: the reply path before the outbox, for comparison — the same service, but a handler's reply
  // goes straight to the Open API from the handler (no outbox, no relay, no pacing, no retry).
  if (mode === 'direct') {
    const sendDirect = async (ctx: BotContext, msgType: 'text' | 'interactive', content: string) => {
      const u = ctx.update;
      if (u.kind === 'message')
        await ctx.deps.lark.replyMessage(u.messageId, { msgType, content, uuid: `direct_${u.eventId}`.slice(0, 50) });
    };
    BotContext.prototype.reply = function (this: BotContext, text: string) {
      return sendDirect(this, 'text', JSON.stringify({ text }));
    };
    BotContext.prototype.replyCard = function (this: BotContext, card: Record<string, unknown>) {
      return sendDirect(this, 'interactive', JSON.stringify(card));
    };
  }
  const url = await app.listen();
  console.log(JSON.stringify({ url }));
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeLarkServer } from '../fakes/fake-lark-server.js';
import { buildLarkRequest, messageEvent, TEST_TOKEN } from '../helpers/lark-request.js';
import { dropMysqlDatabase, freshDatabaseConfig } from '../helpers/test-db.js';

/**
 * kill -9 of the real service between the commit that wrote a reply and its send: after a restart on
 * the same database the reply goes out, once, with the uuid it was written with.
 */
const ENCRYPT_KEY = 'encrypt_key_for_crash_test';
const REPLY = 'POST /open-apis/im/v1/messages/';

describe('a crash between the commit and the send', () => {
  const fake = new FakeLarkServer();
  const db = freshDatabaseConfig();
  const dir = mkdtempSync(join(tmpdir(), 'zs-crash-'));
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await fake.stop();
    if (db.type === 'mysql') await dropMysqlDatabase(db.url);
    db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The service as `npm run dev` runs it, on the shared database, with a 2 s relay lease so the test need not wait a minute. */
  const startService = async (): Promise<{ child: ChildProcess; url: string }> => {
    const settings = JSON.parse(readFileSync('config/settings.json', 'utf8'));
    settings.outbox.leaseSeconds = 2;
    const settingsFile = join(dir, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(settings));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url,
        LARK_APP_ID: 'cli_crash',
        LARK_APP_SECRET: 'secret_crash',
        LARK_ENCRYPT_KEY: ENCRYPT_KEY,
        LARK_VERIFICATION_TOKEN: TEST_TOKEN,
        LARK_BASE_URL: fake.url,
        SETTINGS_FILE: settingsFile,
        JOBS_ENABLED: 'false',
        LOG_LEVEL: 'info',
        SANDBOX: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), 45_000);
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
      child.once('exit', (code) => reject(new Error(`service exited (${code}):\n${out}`)));
    });
    return { child, url };
  };

  it('the reply goes out after the restart, once, with one uuid', async () => {
    await fake.start();
    // Feishu holds the first reply without answering: the service has committed it and is sending when it dies.
    fake.fail({ match: REPLY, times: 1, status: 200, body: {}, behave: 'hang' });
    const first = await startService();
    const ev = messageEvent('ou_crash_user', '帮助');
    const id = ev.event.message.message_id;
    fake.knowMessage(id, ev.event.message.chat_id);
    const req = buildLarkRequest(ev, { encryptKey: ENCRYPT_KEY });
    const res = await fetch(`${first.url}/lark/events`, { method: 'POST', headers: req.headers, body: req.body });
    expect(res.status).toBe(200);
    const replyCalls = () => fake.calls.filter((c) => c.path.endsWith(`/${id}/reply`));
    await fake.waitFor(() => replyCalls().length === 1, 20_000);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(fake.messages.filter((m) => m.replyTo === id)).toHaveLength(0);

    const second = await startService();
    await fake.waitFor(() => fake.messages.some((m) => m.replyTo === id), 30_000);
    // Give a duplicate every chance to show up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.messages.filter((m) => m.replyTo === id)).toHaveLength(1);
    expect(new Set(replyCalls().map((c) => (c.body as { uuid?: string }).uuid)).size).toBe(1);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});

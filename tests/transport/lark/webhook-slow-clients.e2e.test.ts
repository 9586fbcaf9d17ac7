import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../helpers/lark-request.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const ADMIN = 'ou_admin_slow_clients';
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
/** Generous: Node checks the timeouts on an interval, and the machine is shared. Never an exact time. */
const SLACK_MS = 10_000;

interface SlowClient {
  socket: Socket;
  /** Resolves when the server has closed the connection, with what it answered (if anything). */
  closed: Promise<string>;
  isOpen: () => boolean;
}

/** A raw TCP client that sends `head` at once, then `drip` one byte a second, never finishing. */
function slowClient(url: string, head: string, drip: string): SlowClient {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  let open = true;
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => {
      open = false;
      resolve(received);
    }),
  );
  socket.on('connect', () => {
    socket.write(head);
    let i = 0;
    const timer = setInterval(() => {
      if (!open || i >= drip.length) return clearInterval(timer);
      socket.write(drip[i++]!);
    }, 1000);
    socket.on('close', () => clearInterval(timer));
  });
  return { socket, closed, isOpen: () => open };
}

const REQUEST_LINE =
  'POST /lark/events HTTP/1.1\r\nHost: bot.example\r\nContent-Type: application/json; charset=utf-8\r\n';
const slowHeaders = (url: string) => slowClient(url, '', REQUEST_LINE + 'Content-Length: 64\r\n\r\n');
const slowBody = (url: string) =>
  slowClient(url, REQUEST_LINE + 'Content-Length: 4096\r\n\r\n', '{"encrypt":"' + 'A'.repeat(4000));

/** Resolves true if `p` settles within `ms`, false otherwise (the promise keeps running). */
const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

/** Header and body timeouts close slow connections (HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS). */
describe('slow clients', () => {
  let t: TestApp;
  const clients: SlowClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      admins: [ADMIN],
      fake: { users: { [ADMIN]: '管理员慢' } },
      env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
    });
  });
  afterAll(async () => {
    for (const c of clients) c.socket.destroy();
    await t?.close();
  });
  const track = (c: SlowClient) => (clients.push(c), c);

  it('closes a client that sends its request headers at 1 byte/s, answering 408', async () => {
    const c = track(slowHeaders(t.url));
    expect(await within(c.closed, REQUEST_TIMEOUT_MS + SLACK_MS)).toBe(true);
    expect(await c.closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a client that sends its body at 1 byte/s, answering 408', async () => {
    const c = track(slowBody(t.url));
    expect(await within(c.closed, REQUEST_TIMEOUT_MS + SLACK_MS)).toBe(true);
    expect(await c.closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a client that connects and sends nothing', async () => {
    const c = track(slowClient(t.url, '', ''));
    expect(await within(c.closed, REQUEST_TIMEOUT_MS + SLACK_MS)).toBe(true);
  });

  it('40 slow clients do not stop a normal request from being answered, and all of them are closed', async () => {
    const slow = Array.from({ length: 40 }, (_, i) => track(i % 2 ? slowBody(t.url) : slowHeaders(t.url)));
    const res = await t.say(ADMIN, '帮助');
    expect(res.status).toBe(200);
    const ev = messageEvent(ADMIN, '帮助');
    expect((await t.post(ev)).status).toBe(200);
    await t.settle();
    expect(t.lark.messages.filter((m) => m.replyTo === ev.event.message.message_id)).toHaveLength(1);
    expect(await within(Promise.all(slow.map((c) => c.closed)), REQUEST_TIMEOUT_MS + SLACK_MS)).toBe(true);
    expect(slow.filter((c) => c.isOpen())).toHaveLength(0);
  });
});

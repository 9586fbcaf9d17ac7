import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A stand-in for Feishu's long-connection (长连接) endpoint, written from the protocol the official
 * SDK's WSClient speaks, so tests run the real client with no network:
 *
 * 1. `POST {LARK_BASE_URL}/callback/ws/endpoint` with `{AppID, AppSecret}` answers HTTP 200 and
 *    `{code: 0, data: {URL, ClientConfig: {PingInterval, ReconnectCount, ReconnectInterval,
 *    ReconnectNonce}}}` (seconds); a refusal is a non-zero `code` (514 wrong secret, 403 not allowed,
 *    1000040350 too many connections; 1000040343 is the only one the SDK retries).
 * 2. The client opens the returned `ws://…/ws/v2?…&device_id=…&service_id=…&ticket=…`.
 * 3. Every WebSocket message is one protobuf `pbbp2.Frame` (binary): SeqID=1, LogID=2 (uint64),
 *    service=3, method=4 (int32; 0 control, 1 data), headers=5 (repeated Header{key=1, value=2}),
 *    payload_encoding=6, payload_type=7, payload=8 (bytes), LogIDNew=9.
 * 4. Control frames: the client's `type: ping` (service = service_id) is answered with `type: pong`
 *    whose payload is a ClientConfig JSON the client adopts.
 * 5. Data frames: an event is headers `type: event, message_id, sum, seq, trace_id` with the event JSON
 *    as payload, split into `sum` fragments (seq 0-based) when large. The client answers with the same
 *    frame, a `biz_rt` header added, and payload `{"code": 200|500, "data"?: base64(JSON of the
 *    handler's result)}` — for a card callback that result is the toast / card Feishu shows.
 * 6. Feishu pushes an event that was not acknowledged again; with several connections of one app,
 *    each event goes to one of them.
 *
 * The SDK does not export its frame codec, so the small Frame message is encoded here by hand.
 */

export interface FrameHeader {
  key: string;
  value: string;
}

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: FrameHeader[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  LogIDNew?: string;
}

// ── protobuf wire format (varint = 0, length-delimited = 2) ──

function varint(n: number, out: number[]): void {
  let v = n;
  while (v > 127) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function field(no: number, wire: number, out: number[]): void {
  varint(no * 8 + wire, out);
}

function bytesField(no: number, bytes: Uint8Array, out: number[]): void {
  field(no, 2, out);
  varint(bytes.length, out);
  for (const b of bytes) out.push(b);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeFrame(f: Frame): Uint8Array {
  const out: number[] = [];
  field(1, 0, out);
  varint(f.SeqID, out);
  field(2, 0, out);
  varint(f.LogID, out);
  field(3, 0, out);
  varint(f.service, out);
  field(4, 0, out);
  varint(f.method, out);
  for (const h of f.headers) {
    const inner: number[] = [];
    bytesField(1, utf8(h.key), inner);
    bytesField(2, utf8(h.value), inner);
    bytesField(5, Uint8Array.from(inner), out);
  }
  if (f.payloadEncoding !== undefined) bytesField(6, utf8(f.payloadEncoding), out);
  if (f.payloadType !== undefined) bytesField(7, utf8(f.payloadType), out);
  if (f.payload !== undefined) bytesField(8, f.payload, out);
  if (f.LogIDNew !== undefined) bytesField(9, utf8(f.LogIDNew), out);
  return Uint8Array.from(out);
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 127) * mul;
      if (b < 128) return result;
      mul *= 128;
    }
  }
  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.buf.length) throw new Error('truncated field');
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

export function decodeFrame(buf: Uint8Array): Frame {
  const r = new Reader(buf);
  const f: Partial<Frame> & { headers: FrameHeader[] } = { headers: [] };
  while (!r.done) {
    const tag = r.varint();
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (no === 1 && wire === 0) f.SeqID = r.varint();
    else if (no === 2 && wire === 0) f.LogID = r.varint();
    else if (no === 3 && wire === 0) f.service = r.varint();
    else if (no === 4 && wire === 0) f.method = r.varint();
    else if (no === 5 && wire === 2) {
      const hr = new Reader(r.bytes());
      const h: Partial<FrameHeader> = {};
      while (!hr.done) {
        const t = hr.varint();
        if (t === 10) h.key = text(hr.bytes());
        else if (t === 18) h.value = text(hr.bytes());
        else hr.skip(t % 8);
      }
      if (h.key === undefined || h.value === undefined) throw new Error('header without key or value');
      f.headers.push({ key: h.key, value: h.value });
    } else if (no === 6 && wire === 2) f.payloadEncoding = text(r.bytes());
    else if (no === 7 && wire === 2) f.payloadType = text(r.bytes());
    else if (no === 8 && wire === 2) f.payload = Uint8Array.from(r.bytes());
    else if (no === 9 && wire === 2) f.LogIDNew = text(r.bytes());
    else r.skip(wire);
  }
  for (const k of ['SeqID', 'LogID', 'service', 'method'] as const)
    if (f[k] === undefined) throw new Error(`frame without ${k}`);
  return f as Frame;
}

export const headerOf = (f: Frame, key: string): string | undefined => f.headers.find((h) => h.key === key)?.value;

// ── the stand-in ──

export interface FakeLarkWsOptions {
  /** The credentials the endpoint accepts; anything else is answered 514. Unset: any. */
  appId?: string;
  appSecret?: string;
  /** The ClientConfig sent with the URL and in every pong (seconds; fractions are fine in tests). */
  pingIntervalSec?: number;
  reconnectIntervalSec?: number;
  reconnectNonceSec?: number;
  reconnectCount?: number;
  /** Payloads above this many bytes are sent in fragments (sum > 1). */
  fragmentBytes?: number;
}

/** What the client sent back for one event. `data` is the decoded callback response, if any. */
export interface WsAck {
  code: number;
  data: unknown;
  bizRt: string | undefined;
  messageId: string;
}

export interface PushOptions {
  /** Split the payload into this many fragments (default: by fragmentBytes). */
  fragments?: number;
  /** Network loss mid-event: after sending this many fragments, the connection is cut. */
  dropAfterFragments?: number;
}

interface Pending {
  messageId: string;
  traceId: string;
  payload: Uint8Array;
  fragments: number;
  dropAfterFragments: number | undefined;
  resolve: (ack: WsAck) => void;
  sentTo: WebSocket | undefined;
  pushes: number;
}

export class FakeLarkWs {
  readonly endpointCalls: Array<{ AppID?: unknown; AppSecret?: unknown }> = [];
  /** Every ACK frame received, in order. */
  readonly acks: WsAck[] = [];
  pings = 0;
  /** Events pushed again because their acknowledgement never came. */
  redeliveries = 0;
  /** Connections ever accepted. */
  connectionsOpened = 0;
  /** When set, the endpoint answers this refusal instead of a URL (e.g. { code: 1000040343, msg: 'internal error' }). */
  refuse: { code: number; msg: string } | undefined;

  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  /**
   * Connections whose client has sent its first ping. The SDK pings on 'open' but attaches its frame
   * handler a moment later, so a frame sent the instant the socket opens could be missed; the first
   * ping arrives after that, and only then does the stand-in push to the connection.
   */
  private readonly ready = new WeakSet<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly tickets = new Set<string>();
  private seq = 0;
  private baseUrl = '';
  private readonly serviceId = 33554678;

  constructor(private readonly opts: FakeLarkWsOptions = {}) {}

  /** Serves the WebSocket upgrade on the stand-in Open API's own HTTP server. */
  attach(server: Server, baseUrl: string): void {
    this.baseUrl = baseUrl;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** The body of `POST /callback/ws/endpoint` (always HTTP 200, as Feishu answers). */
  endpoint(body: unknown): Record<string, unknown> {
    const b = (body && typeof body === 'object' ? body : {}) as { AppID?: unknown; AppSecret?: unknown };
    this.endpointCalls.push({ AppID: b.AppID, AppSecret: b.AppSecret });
    if (this.refuse) return { code: this.refuse.code, msg: this.refuse.msg, data: {} };
    if (!b.AppID || !b.AppSecret) return { code: 1000040344, msg: 'app_id or app_secret is missing', data: {} };
    if (
      (this.opts.appId && b.AppID !== this.opts.appId) ||
      (this.opts.appSecret && b.AppSecret !== this.opts.appSecret)
    ) {
      return { code: 514, msg: 'auth failed', data: {} };
    }
    const ticket = randomBytes(8).toString('hex');
    this.tickets.add(ticket);
    const wsBase = this.baseUrl.replace(/^http/, 'ws');
    return {
      code: 0,
      msg: 'ok',
      data: {
        // device_id and service_id are read with querystring.parse on the whole URL: they must not come first.
        URL: `${wsBase}/ws/v2?fpid=493&device_id=dev_${++this.seq}&service_id=${this.serviceId}&ticket=${ticket}`,
        ClientConfig: this.clientConfig(),
      },
    };
  }

  /** Open connections whose client is listening (it has pinged). */
  connections(): number {
    return this.open().length;
  }

  private open(): WebSocket[] {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN && this.ready.has(s));
  }

  async waitForConnections(n = 1, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.connections() < n) {
      if (Date.now() > until)
        throw new Error(`fake long connection: ${this.connections()} of ${n} connections after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Feishu pushes an event (or card callback) to one of the app's connections; resolves with the
   * client's acknowledgement — after a redelivery if the connection dropped first.
   */
  push(event: unknown, o: PushOptions = {}): Promise<WsAck> {
    const payload = utf8(JSON.stringify(event));
    const size = this.opts.fragmentBytes ?? 16 * 1024;
    const fragments = Math.max(1, o.fragments ?? Math.ceil(payload.length / size));
    return new Promise<WsAck>((resolve) => {
      const p: Pending = {
        messageId: `msg_${randomBytes(8).toString('hex')}`,
        traceId: randomBytes(6).toString('hex'),
        payload,
        fragments,
        dropAfterFragments: o.dropAfterFragments,
        resolve,
        sentTo: undefined,
        pushes: 0,
      };
      this.pending.set(p.messageId, p);
      this.send(p);
    });
  }

  /** Network loss: every connection is cut without a close handshake. */
  drop(): void {
    for (const s of this.sockets) s.terminate();
  }

  close(): void {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
  }

  private clientConfig() {
    return {
      PingInterval: this.opts.pingIntervalSec ?? 120,
      ReconnectCount: this.opts.reconnectCount ?? -1,
      ReconnectInterval: this.opts.reconnectIntervalSec ?? 120,
      ReconnectNonce: this.opts.reconnectNonceSec ?? 30,
    };
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/ws/v2' || !this.tickets.delete(ticket)) {
      // Feishu says why in handshake headers; the SDK only sees a failed handshake and retries.
      socket.end('HTTP/1.1 403 Forbidden\r\nhandshake-status: 403\r\nhandshake-msg: invalid ticket\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  }

  private connected(ws: WebSocket): void {
    this.sockets.add(ws);
    this.connectionsOpened++;
    ws.on('message', (data: Buffer) => this.receive(ws, data));
    ws.on('close', () => {
      this.sockets.delete(ws);
      for (const p of this.pending.values()) if (p.sentTo === ws) p.sentTo = undefined;
    });
    ws.on('error', () => undefined);
  }

  /** What was pushed and never acknowledged goes out again (Feishu re-pushes unacknowledged events). */
  private flush(): void {
    for (const p of this.pending.values()) {
      if (!p.sentTo) {
        if (p.pushes > 0) this.redeliveries++;
        this.send(p);
      }
    }
  }

  private receive(ws: WebSocket, data: Buffer): void {
    let f: Frame;
    try {
      f = decodeFrame(data);
    } catch {
      ws.close(1002, 'bad frame');
      return;
    }
    if (f.method === 0) {
      if (headerOf(f, 'type') === 'ping') {
        this.pings++;
        const first = !this.ready.has(ws);
        this.ready.add(ws);
        if (first) this.flush();
        const pong: Frame = {
          SeqID: 0,
          LogID: 0,
          service: this.serviceId,
          method: 0,
          headers: [{ key: 'type', value: 'pong' }],
          payload: utf8(JSON.stringify(this.clientConfig())),
        };
        ws.send(encodeFrame(pong));
      }
      return;
    }
    const messageId = headerOf(f, 'message_id') ?? '';
    let body: { code?: number; data?: string } = {};
    try {
      body = JSON.parse(text(f.payload ?? new Uint8Array())) as typeof body;
    } catch {
      /* an unreadable ACK counts as code 0 */
    }
    let decoded: unknown;
    if (typeof body.data === 'string') {
      const raw = Buffer.from(body.data, 'base64').toString('utf8');
      try {
        decoded = JSON.parse(raw);
      } catch {
        decoded = raw;
      }
    }
    const ack: WsAck = { code: body.code ?? 0, data: decoded, bizRt: headerOf(f, 'biz_rt'), messageId };
    this.acks.push(ack);
    const p = this.pending.get(messageId);
    // A 500 is no acknowledgement: Feishu would push again later; the test sees the code.
    if (p) {
      this.pending.delete(messageId);
      p.resolve(ack);
    }
  }

  private send(p: Pending): void {
    const open = this.open();
    if (!open.length) return; // sent when a connection is ready
    const ws = open[Math.floor(Math.random() * open.length)]!;
    p.sentTo = ws;
    p.pushes++;
    const chunk = Math.ceil(p.payload.length / p.fragments);
    const dropAfter = p.pushes === 1 ? p.dropAfterFragments : undefined;
    for (let i = 0; i < p.fragments; i++) {
      if (dropAfter !== undefined && i >= dropAfter) {
        ws.terminate();
        return;
      }
      const frame: Frame = {
        SeqID: ++this.seq,
        LogID: this.seq,
        service: this.serviceId,
        method: 1,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: p.messageId },
          { key: 'sum', value: String(p.fragments) },
          { key: 'seq', value: String(i) },
          { key: 'trace_id', value: p.traceId },
        ],
        payload: p.payload.subarray(i * chunk, (i + 1) * chunk),
      };
      ws.send(encodeFrame(frame));
    }
    if (dropAfter !== undefined && dropAfter >= p.fragments) ws.terminate();
  }
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardTitle, checkCard, formatViolations, type Violation } from '../lark/card-rules.js';
import { FakeLarkWs, type FakeLarkWsOptions } from './fake-lark-ws.js';

/**
 * A stand-in for the Feishu/Lark Open API on 127.0.0.1 (port 0), for every call the bot makes:
 * tenant token, messages create/reply/patch, contact user, bot info, images and files. The real SDK
 * client talks to it through LARK_BASE_URL. It records every call, keeps Feishu's `uuid`
 * idempotency, can enforce Feishu's rate limits, and can be told to fail.
 * It lives in src/ (not tests/) because the sandbox (`npm run sandbox`) runs the service against it.
 */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export interface SentMessage {
  messageId: string;
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  content: unknown;
  uuid: string | undefined;
  replyTo: string | undefined;
  /** The latest content after PATCHes. */
  current: unknown;
  patches: unknown[];
}

/** An uploaded image or file, kept so the sandbox console can show it. */
export interface Upload {
  key: string;
  kind: 'image' | 'file';
  bytes: Buffer;
  contentType: string;
  fileName: string | undefined;
}

export interface Fault {
  /** `METHOD /path-prefix`, e.g. `POST /open-apis/im/v1/messages`. */
  match: string;
  times: number;
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /**
   * Instead of answering with status/body: `drop-after-record` handles the call (a message is
   * recorded) and then drops the connection, so the caller never learns it succeeded; `hang` never
   * answers at all (until the server stops).
   */
  behave?: 'drop-after-record' | 'hang';
}

export interface FakeLarkOptions {
  /** open_id → name for the contact API. */
  users?: Record<string, string>;
  botOpenId?: string;
  enforceRateLimits?: { perRecipientPerSecond: number; globalPerSecond: number };
  /**
   * Check every card sent, patched or delayed-updated against Feishu's documented card JSON 2.0
   * rules (src/lark/card-rules.ts) and refuse a non-conforming one as Feishu does (HTTP 400, 230099).
   */
  checkCards?: boolean;
  /** Also stand in for the long-connection endpoint (LARK_MODE=ws): see fake-lark-ws.ts. */
  longConnection?: FakeLarkWsOptions;
}

/** A card the stand-in found non-conforming: where it was seen, its title, what is wrong. */
export interface CardViolationRecord {
  where: string;
  title: string;
  violations: Violation[];
}

/**
 * Every non-conforming card any stand-in in this process saw (and callback response cards the test
 * helper checks): the test setup fails the test during which one appeared.
 */
export const cardViolationLog: CardViolationRecord[] = [];

export class FakeLarkServer {
  readonly calls: RecordedCall[] = [];
  readonly messages: SentMessage[] = [];
  /** Cards this stand-in refused (see `checkCards`). */
  readonly cardViolations: CardViolationRecord[] = [];
  readonly users: Record<string, string>;
  readonly botOpenId: string;
  private readonly faults: Fault[] = [];
  private readonly byUuid = new Map<string, SentMessage>();
  private readonly tokens = new Set<string>();
  private readonly sendTimes = new Map<string, number[]>();
  /** Callback tokens (`c-…`) → the card message they may update (delayed update API). */
  private readonly callbackTokens = new Map<string, { messageId: string; uses: number }>();
  readonly uploads = new Map<string, Upload>();
  /** Files users sent, by `message_id/file_key`. */
  private readonly resources = new Map<string, Buffer>();
  /** Calls refused with 230020 because they came faster than the limits allow. */
  refusedForRate = 0;
  /** Messages users sent (message_id → chat_id): a reply to one counts against its chat's limit, as on Feishu. */
  private readonly incoming = new Map<string, string>();
  private server: Server | undefined;
  private seq = 0;
  url = '';
  /** Called after each message is recorded (the sandbox pushes it to the browser). */
  onMessage: ((m: SentMessage, kind: 'create' | 'patch') => void) | undefined;
  /** The long-connection endpoint, when asked for. */
  readonly ws: FakeLarkWs | undefined;

  constructor(private readonly opts: FakeLarkOptions = {}) {
    this.users = { ...(opts.users ?? {}) };
    this.botOpenId = opts.botOpenId ?? 'ou_bot_zhaoshang';
    this.ws = opts.longConnection ? new FakeLarkWs(opts.longConnection) : undefined;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.ws?.attach(this.server, this.url);
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.ws?.close();
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** A user's message the bot may reply to, and its chat (the test helper tells it). */
  knowMessage(messageId: string, chatId: string): void {
    this.incoming.set(messageId, chatId);
  }

  /** A file a user sent in message `messageId`: the bot may download it (GET …/resources/:file_key?type=file). */
  registerMessageFile(messageId: string, fileKey: string, bytes: Buffer): void {
    this.resources.set(`${messageId}/${fileKey}`, bytes);
  }

  /** Make the next `times` calls matching `match` fail with this answer. */
  fail(f: Fault): void {
    this.faults.push({ ...f });
  }

  /** Invalidate every issued tenant token: the next call gets 99991663. */
  expireTokens(): void {
    this.tokens.clear();
  }

  messagesTo(receiveId: string): SentMessage[] {
    return this.messages.filter((m) => m.receiveId === receiveId);
  }

  /** Cards (parsed JSON) sent to someone, newest last, with patches applied. */
  cardsTo(receiveId: string): Array<Record<string, unknown>> {
    return this.messagesTo(receiveId)
      .filter((m) => m.msgType === 'interactive')
      .map((m) => m.current as Record<string, unknown>);
  }

  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > until) throw new Error('fake Lark: timed out waiting for the expected call');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * What Feishu does with a card callback's response: the clicked card is replaced in place. The
   * sandbox console posts the callback itself, so it reports the replacement here.
   */
  replaceCard(messageId: string, card: unknown): SentMessage | undefined {
    const target = this.messages.find((x) => x.messageId === messageId);
    if (!target) return undefined;
    // Feishu's client shows an error instead of a non-conforming card; here it is recorded (and shown).
    this.refuseCard(card, `callback response for ${messageId}`);
    target.current = card;
    this.onMessage?.(target, 'patch');
    return target;
  }

  /** A callback's `c-…` token, valid for two delayed updates of its card (POST /interactive/v1/card/update). */
  registerCallbackToken(token: string, messageId: string): void {
    this.callbackTokens.set(token, { messageId, uses: 0 });
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.byUuid.clear();
    this.faults.length = 0;
    this.sendTimes.clear();
    this.callbackTokens.clear();
    this.uploads.clear();
    this.incoming.clear();
    this.resources.clear();
    this.refusedForRate = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    let body: unknown = raw.length ? raw.toString('utf8') : undefined;
    if (isJson && raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, 400, { code: 400, msg: 'bad json' });
      }
    }
    const method = req.method ?? 'GET';
    const path = url.pathname;
    this.calls.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: isJson ? body : `<${raw.length} bytes>`,
      at: Date.now(),
    });

    const fault = this.faults.find((f) => f.times > 0 && `${method} ${path}`.startsWith(f.match));
    if (fault) {
      fault.times--;
      if (fault.behave === 'hang') return;
      if (fault.behave === 'drop-after-record') {
        // Handled as usual below, but the answer never reaches the caller.
        res.writeHead = (() => res) as unknown as typeof res.writeHead;
        res.end = (() => {
          res.socket?.destroy();
          return res;
        }) as unknown as typeof res.end;
      } else return send(res, fault.status, fault.body, fault.headers);
    }

    // The long connection's endpoint takes the app id and secret in its body, no token.
    if (this.ws && method === 'POST' && path === '/callback/ws/endpoint') return send(res, 200, this.ws.endpoint(body));
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const token = `t-fake-${++this.seq}`;
      this.tokens.add(token);
      return send(res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    }
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Bearer '))
      return send(res, 400, { code: 99991661, msg: 'Missing access token for authorization.' });
    if (!this.tokens.has(auth.slice(7)))
      return send(res, 400, { code: 99991663, msg: 'Invalid access token for authorization.' });

    const b = (body ?? {}) as Record<string, unknown>;
    if (method === 'POST' && path === '/open-apis/im/v1/messages') {
      return this.create(res, String(url.searchParams.get('receive_id_type')), String(b.receive_id), b, undefined);
    }
    let m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (method === 'POST' && m) {
      const parent = this.messages.find((x) => x.messageId === m![1]);
      return this.create(res, 'reply', parent?.receiveId ?? this.incoming.get(m[1]!) ?? m[1]!, b, m[1]);
    }
    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && m) {
      const target = this.messages.find((x) => x.messageId === m![1]);
      if (!target) return send(res, 400, { code: 230001, msg: 'message not found' });
      if (this.limited(`msg:${target.messageId}`))
        return send(res, 400, { code: 230020, msg: 'This operation triggers the frequency limit.' });
      const content = parse(b.content);
      const refused = this.refuseCard(content, `PATCH ${target.messageId}`);
      if (refused) return send(res, 400, refused);
      target.patches.push(content);
      target.current = content;
      this.onMessage?.(target, 'patch');
      return send(res, 200, { code: 0, msg: 'success', data: {} });
    }
    m = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const name = this.users[m[1]!];
      if (!name) return send(res, 400, { code: 41050, msg: 'no user authority error' });
      return send(res, 200, { code: 0, msg: 'success', data: { user: { open_id: m[1], name } } });
    }
    if (method === 'GET' && path === '/open-apis/bot/v3/info') {
      return send(res, 200, {
        code: 0,
        msg: 'ok',
        bot: { activate_status: 2, app_name: '招商助手', open_id: this.botOpenId, ip_white_list: [] },
      });
    }
    if (method === 'POST' && path === '/open-apis/interactive/v1/card/update') {
      const entry = typeof b.token === 'string' ? this.callbackTokens.get(b.token) : undefined;
      if (!entry || entry.uses >= 2) return send(res, 400, { code: 200750, msg: 'invalid or used up callback token' });
      entry.uses++;
      const card = parse(b.card);
      // The delayed update takes a bare card or Feishu's `{ type: 'raw', data }` wrapper.
      const data =
        card && typeof card === 'object' && 'data' in card && (card as { type?: unknown }).type === 'raw'
          ? (card as { data: unknown }).data
          : card;
      const refused = this.refuseCard(data, `delayed update of ${entry.messageId}`);
      if (refused) return send(res, 400, refused);
      this.replaceCard(entry.messageId, data);
      return send(res, 200, { code: 0, msg: 'success' });
    }
    if (method === 'POST' && path === '/open-apis/im/v1/images') {
      const key = `img_fake_${++this.seq}`;
      this.keepUpload(key, 'image', raw, req.headers['content-type']);
      return send(res, 200, { code: 0, msg: 'success', data: { image_key: key } });
    }
    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const bytes = this.resources.get(`${m[1]}/${m[2]}`);
      if (!bytes || url.searchParams.get('type') !== 'file')
        return send(res, 400, { code: 234003, msg: 'File not in msg.' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      res.end(bytes);
      return;
    }
    if (method === 'POST' && path === '/open-apis/im/v1/files') {
      const key = `file_fake_${++this.seq}`;
      this.keepUpload(key, 'file', raw, req.headers['content-type']);
      return send(res, 200, { code: 0, msg: 'success', data: { file_key: key } });
    }
    return send(res, 404, { code: 404, msg: `fake Lark has no ${method} ${path}` });
  }

  private create(
    res: ServerResponse,
    receiveIdType: string,
    receiveId: string,
    b: Record<string, unknown>,
    replyTo: string | undefined,
  ): void {
    const uuid = typeof b.uuid === 'string' ? b.uuid : undefined;
    const seen = uuid ? this.byUuid.get(uuid) : undefined;
    // Feishu delivers at most one message per uuid within an hour: a retry gets the first one back.
    if (seen) return send(res, 200, { code: 0, msg: 'success', data: { message_id: seen.messageId } });
    if (this.limited(`to:${receiveId}`))
      return send(res, 400, { code: 230020, msg: 'This operation triggers the frequency limit.' });
    const content = parse(b.content);
    const refused =
      b.msg_type === 'interactive'
        ? this.refuseCard(content, `${replyTo ? 'reply' : 'send'} to ${receiveId}`)
        : undefined;
    if (refused) return send(res, 400, refused);
    const msg: SentMessage = {
      messageId: `om_fake_${++this.seq}`,
      receiveIdType,
      receiveId,
      msgType: String(b.msg_type),
      content,
      uuid,
      replyTo,
      current: content,
      patches: [],
    };
    this.messages.push(msg);
    if (uuid) this.byUuid.set(uuid, msg);
    this.onMessage?.(msg, 'create');
    send(res, 200, {
      code: 0,
      msg: 'success',
      data: { message_id: msg.messageId, chat_id: receiveIdType === 'chat_id' ? receiveId : undefined },
    });
  }

  /**
   * Feishu validates a card's content when it is sent or updated and answers 230099 when it breaks
   * the documented rules; the violation is also recorded so the test that produced it fails.
   */
  private refuseCard(card: unknown, where: string): { code: number; msg: string } | undefined {
    if (!this.opts.checkCards) return undefined;
    // A template card ({ type: 'template', data: { template_id } }) is built by Feishu itself.
    if (card && typeof card === 'object' && (card as { type?: unknown }).type === 'template') return undefined;
    const violations = checkCard(card);
    if (!violations.length) return undefined;
    const record = { where, title: cardTitle(card), violations };
    this.cardViolations.push(record);
    cardViolationLog.push(record);
    // The sandbox runs for days: keep the newest only (a test drains the log after each test).
    if (cardViolationLog.length > 200) cardViolationLog.splice(0, cardViolationLog.length - 200);
    if (this.cardViolations.length > 200) this.cardViolations.splice(0, this.cardViolations.length - 200);
    return {
      code: 230099,
      msg: `Failed to create card content, ext=ErrCode: 200; ErrMsg: ${formatViolations(violations)}`,
    };
  }

  private keepUpload(key: string, kind: 'image' | 'file', raw: Buffer, contentType: string | undefined): void {
    const parts = multipartParts(raw, contentType);
    const part = parts.get(kind);
    if (!part) return;
    // im/v1/files names the file in its own `file_name` field.
    const fileName = parts.get('file_name')?.bytes.toString('utf8') ?? part.fileName;
    this.uploads.set(key, { key, kind, bytes: part.bytes, contentType: part.type, fileName });
  }

  /** Feishu's limits: 5/s to one recipient (or one message for patches), 50/s per app. */
  private limited(key: string): boolean {
    const lim = this.opts.enforceRateLimits;
    if (!lim) return false;
    const now = Date.now();
    const win = (k: string) => (this.sendTimes.get(k) ?? []).filter((t) => t > now - 1000);
    const keyTimes = win(key);
    const all = win('*');
    if (keyTimes.length >= lim.perRecipientPerSecond || all.length >= lim.globalPerSecond) {
      this.refusedForRate++;
      return true;
    }
    keyTimes.push(now);
    all.push(now);
    this.sendTimes.set(key, keyTimes);
    this.sendTimes.set('*', all);
    return false;
  }
}

function parse(content: unknown): unknown {
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/** The parts of a multipart/form-data body by field name (the SDK uploads `image` / `file` this way). */
function multipartParts(
  raw: Buffer,
  contentType: string | undefined,
): Map<string, { bytes: Buffer; type: string; fileName: string | undefined }> {
  const parts = new Map<string, { bytes: Buffer; type: string; fileName: string | undefined }>();
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return parts;
  const delimiter = Buffer.from(`--${b}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(at + delimiter.length, next);
    const headEnd = part.indexOf('\r\n\r\n');
    const head = headEnd >= 0 ? part.subarray(0, headEnd).toString('utf8') : '';
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name !== undefined) {
      parts.set(name, {
        // The part ends with the CRLF that precedes the next delimiter.
        bytes: Buffer.from(part.subarray(headEnd + 4, part.length - 2)),
        type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream',
        fileName: /filename="([^"]*)"/.exec(head)?.[1],
      });
    }
    at = next;
  }
  return parts;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

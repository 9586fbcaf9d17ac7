import { createRequire } from 'node:module';
import type * as LarkSdk from '@larksuiteoapi/node-sdk';
import type { LarkConfig } from '../config.js';
import type { Logger } from '../shared/logger.js';
import { LarkApiError, type LarkApi, type MsgType, type SendMessageInput } from './lark-api.js';

// The SDK is one 6 MB CommonJS file. Imported as ESM, Node parses it once more for its named exports
// (and tsx's loader holds its source): ≈ 65 MB more resident memory than `require`, measured.
const lark = createRequire(import.meta.url)('@larksuiteoapi/node-sdk') as typeof LarkSdk;

// The SDK's axios instance has no timeout by default: a hung Feishu call would hang a relay.
lark.defaultHttpInstance.defaults.timeout = 10_000;

/** A token cache per client (the SDK's default is process-global) that can be dropped on 99991663. */
class TokenCache {
  private values = new Map<string, { value: unknown; expiredTime?: number }>();
  async get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown> {
    const hit = this.values.get(this.k(key, options));
    if (hit && (!hit.expiredTime || hit.expiredTime > Date.now())) return hit.value;
    return undefined;
  }
  async set(
    key: string | Symbol,
    value: unknown,
    expiredTime?: number,
    options?: { namespace?: string },
  ): Promise<boolean> {
    this.values.set(this.k(key, options), { value, ...(expiredTime === undefined ? {} : { expiredTime }) });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
  private k(key: string | Symbol, options?: { namespace?: string }): string {
    return `${options?.namespace ?? ''}/${key.toString()}`;
  }
}

interface LarkEnvelope<T> {
  code?: number;
  msg?: string;
  data?: T;
}

export class SdkLarkApi implements LarkApi {
  private readonly client: LarkSdk.Client;
  private readonly cache = new TokenCache();

  constructor(
    config: LarkConfig,
    private readonly log: Logger,
  ) {
    this.client = new lark.Client({
      appId: config.appId,
      appSecret: config.appSecret,
      domain: config.baseUrl,
      cache: this.cache,
      loggerLevel: lark.LoggerLevel.error,
      logger: {
        error: (...a: unknown[]) => log.debug({ sdk: a.map(String).join(' ').slice(0, 500) }, 'lark sdk error'),
        warn: (...a: unknown[]) => log.debug({ sdk: a.map(String).join(' ').slice(0, 500) }, 'lark sdk warn'),
        info: () => undefined,
        debug: () => undefined,
        trace: () => undefined,
      },
    });
  }

  async sendMessage(input: SendMessageInput): Promise<{ messageId: string }> {
    const res = await this.call('im.message.create', () =>
      this.client.im.message.create({
        params: { receive_id_type: input.receiveIdType },
        data: {
          receive_id: input.receiveId,
          msg_type: input.msgType,
          content: input.content,
          ...(input.uuid ? { uuid: input.uuid } : {}),
        },
      }),
    );
    return { messageId: (res.data as { message_id?: string } | undefined)?.message_id ?? '' };
  }

  async replyMessage(
    messageId: string,
    input: { msgType: MsgType; content: string; uuid?: string },
  ): Promise<{ messageId: string }> {
    const res = await this.call('im.message.reply', () =>
      this.client.im.message.reply({
        path: { message_id: messageId },
        data: { msg_type: input.msgType, content: input.content, ...(input.uuid ? { uuid: input.uuid } : {}) },
      }),
    );
    return { messageId: (res.data as { message_id?: string } | undefined)?.message_id ?? '' };
  }

  async patchCard(messageId: string, content: string): Promise<void> {
    await this.call('im.message.patch', () =>
      this.client.im.message.patch({ path: { message_id: messageId }, data: { content } }),
    );
  }

  async getUserName(openId: string): Promise<string | undefined> {
    const res = await this.call('contact.user.get', () =>
      this.client.contact.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }),
    );
    return (res.data as { user?: { name?: string } } | undefined)?.user?.name || undefined;
  }

  async getBotInfo(): Promise<{ openId: string; appName: string }> {
    const res = (await this.call('bot.info', () =>
      this.client.request({ method: 'GET', url: 'open-apis/bot/v3/info' }),
    )) as LarkEnvelope<unknown> & {
      bot?: { open_id?: string; app_name?: string };
    };
    return { openId: res.bot?.open_id ?? '', appName: res.bot?.app_name ?? '' };
  }

  async uploadImage(image: Buffer): Promise<string> {
    const res = await this.call('im.image.create', async () => {
      const r = await this.client.im.image.create({ data: { image_type: 'message', image } });
      // The SDK unwraps this one call to `{ image_key }` (or null on failure).
      return { code: r ? 0 : -1, msg: r ? 'ok' : 'no image_key', data: r };
    });
    return (res.data as { image_key?: string } | null)?.image_key ?? '';
  }

  async uploadFile(file: Buffer, fileName: string, fileType: 'xls' | 'pdf' | 'stream'): Promise<string> {
    const res = await this.call('im.file.create', async () => {
      const r = await this.client.im.file.create({ data: { file_type: fileType, file_name: fileName, file } });
      return { code: r ? 0 : -1, msg: r ? 'ok' : 'no file_key', data: r };
    });
    return (res.data as { file_key?: string } | null)?.file_key ?? '';
  }

  async downloadMessageFile(messageId: string, fileKey: string, maxBytes: number): Promise<Buffer> {
    const res = await this.call('im.messageResource.get', async () => {
      const r = await this.client.im.messageResource.get({
        path: { message_id: messageId, file_key: fileKey },
        params: { type: 'file' },
      });
      return { code: 0, msg: 'ok', data: r };
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.data!.getReadableStream()) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += b.length;
      // A spreadsheet past the limit is refused before it is held in memory whole.
      if (size > maxBytes)
        throw new LarkApiError('im.messageResource.get', 200, undefined, `file larger than ${maxBytes} bytes`);
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }

  /** Normalises the SDK's two failure shapes (thrown AxiosError, or 200 with code ≠ 0); retries once on a stale token. */
  private async call<T extends LarkEnvelope<unknown>>(method: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.once(method, fn);
    } catch (err) {
      if (err instanceof LarkApiError && err.isTokenInvalid) {
        this.log.warn({ method, code: err.code }, 'tenant token rejected; fetching a new one');
        this.cache.clear();
        return this.once(method, fn);
      }
      throw err;
    }
  }

  private async once<T extends LarkEnvelope<unknown>>(method: string, fn: () => Promise<T>): Promise<T> {
    let res: T;
    try {
      res = await fn();
    } catch (err) {
      throw toLarkError(method, err);
    }
    if (res && typeof res.code === 'number' && res.code !== 0)
      throw new LarkApiError(method, 200, res.code, res.msg ?? '');
    return res;
  }
}

function toLarkError(method: string, err: unknown): LarkApiError {
  const e = err as {
    response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
    message?: string;
  };
  if (e?.response) {
    const reset = Number(e.response.headers?.['x-ogw-ratelimit-reset']);
    return new LarkApiError(
      method,
      e.response.status,
      e.response.data?.code,
      e.response.data?.msg ?? e.message ?? 'request failed',
      Number.isFinite(reset) ? reset : undefined,
    );
  }
  // The token manager throws a plain Error carrying the code in its text.
  const m = /code:\s*(\d+)/.exec(e?.message ?? '');
  return new LarkApiError(method, m ? 200 : undefined, m ? Number(m[1]) : undefined, e?.message ?? String(err));
}

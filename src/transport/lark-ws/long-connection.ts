import { createRequire } from 'node:module';
import type * as LarkSdk from '@larksuiteoapi/node-sdk';
import type { LarkConfig } from '../../config.js';
import type { Logger } from '../../shared/logger.js';
import type { LarkEventSink } from '../lark/receiver.js';
import { envelopeFromFlat } from './envelope.js';

// Required, not imported, for the same reason as in src/lark/sdk-lark-api.ts (≈ 65 MB less resident).
const lark = createRequire(import.meta.url)('@larksuiteoapi/node-sdk') as typeof LarkSdk;

/** The events the bot subscribes to; card buttons arrive as `card.action.trigger` events too. */
export const LONG_CONNECTION_EVENTS = ['im.message.receive_v1', 'im.chat.member.bot.added_v1'] as const;

export type LongConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';

export interface LongConnectionDeps {
  lark: LarkConfig;
  sink: LarkEventSink;
  log: Logger;
  /**
   * After the SDK gives up (a refusal it does not retry, such as a wrong secret or "system busy"),
   * start over after this long: the console setting may be fixed meanwhile. Default 60 s.
   */
  restartAfterFailureMs?: number;
}

/**
 * Feishu's long connection (长连接): the service dials out to Feishu over a WebSocket and receives
 * events and card callbacks on it, so no public URL is needed. The SDK's WSClient does the protocol
 * (endpoint, frames, ping/pong, fragments, reconnects with the backoff Feishu sends it); this class
 * feeds what arrives into the same sink as the webhook, so an event is stored once before the SDK
 * acknowledges it, and a card callback's answer (toast, replaced card) is the acknowledgement's payload.
 */
export class LarkLongConnection {
  private client: LarkSdk.WSClient | undefined;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private failure: string | undefined;
  private readonly log: Logger;

  constructor(private readonly deps: LongConnectionDeps) {
    this.log = deps.log.child({ transport: 'long-connection' });
  }

  start(): void {
    this.stopped = false;
    const { lark: cfg } = this.deps;
    const dispatcher = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.error, logger: this.sdkLogger() });
    const handlers: Record<string, (flat: Record<string, unknown>) => Promise<unknown>> = {};
    for (const type of LONG_CONNECTION_EVENTS) handlers[type] = (flat) => this.onEvent(flat);
    handlers['card.action.trigger'] = (flat) => this.onCard(flat);
    dispatcher.register(handlers as Parameters<typeof dispatcher.register>[0]);

    this.failure = undefined;
    this.client = new lark.WSClient({
      appId: cfg.appId,
      appSecret: cfg.appSecret,
      domain: cfg.baseUrl,
      loggerLevel: lark.LoggerLevel.info,
      logger: this.sdkLogger(),
      autoReconnect: true,
      // A handshake stuck on DNS or a proxy would otherwise hang the reconnect loop for good.
      handshakeTimeoutMs: 15_000,
      // A connection that died without a TCP reset (Wi-Fi gone, NAT timeout) shows only as a missing pong.
      wsConfig: { pingTimeout: 30 },
      onReady: () => {
        this.failure = undefined;
        this.log.info(
          { baseUrl: cfg.baseUrl, appId: cfg.appId },
          'long connection to Feishu is open. Feishu sends events and card callbacks over it only if the app chooses it in the developer console: 事件与回调 → 事件配置 → 使用长连接接收事件, and 回调配置 → 使用长连接接收回调',
        );
      },
      onReconnecting: () =>
        this.log.warn(
          'long connection to Feishu lost; reconnecting with the interval Feishu set (events meanwhile are re-pushed by Feishu, not lost)',
        ),
      onReconnected: () => {
        this.failure = undefined;
        this.log.info('long connection to Feishu is open again');
      },
      onError: (err) => this.onFatal(err),
    });
    // Not awaited: start() resolves before the first handshake; onReady / onError report the outcome.
    void this.client.start({ eventDispatcher: dispatcher }).catch((err) => this.onFatal(err as Error));
    if (!/^cli_[0-9a-fA-F]{16}$/.test(cfg.appId)) {
      // The SDK refuses such an id with one line at error level and never connects.
      this.onFatal(
        new Error(
          `LARK_APP_ID ${cfg.appId} is not an app id (cli_ and 16 hex digits): check 凭证与基础信息 in the developer console`,
        ),
      );
    }
  }

  /** 'connected' only while a socket is open; /readyz reports anything else as not ready. */
  state(): LongConnectionState {
    if (this.stopped) return 'stopped';
    if (this.failure) return 'failed';
    const s = this.client?.getConnectionStatus().state;
    if (s === 'connected') return 'connected';
    if (s === 'reconnecting' || s === 'idle') return 'reconnecting';
    if (s === 'failed') return 'failed';
    return 'connecting';
  }

  /** Stops receiving: events in flight are still stored; Feishu re-pushes what was not acknowledged. */
  stop(): void {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.client?.close({ force: true });
    this.client = undefined;
  }

  private async onEvent(flat: Record<string, unknown>): Promise<undefined> {
    const env = envelopeFromFlat(flat);
    if (!env) {
      this.log.warn(
        { keys: Object.keys(flat).slice(0, 20) },
        'long connection: an event without event_id / event_type was acknowledged and ignored',
      );
      return undefined;
    }
    // Awaited before the SDK sends the acknowledgement: an event that could not be stored (database
    // down) is answered with code 500 instead, and Feishu pushes it again.
    await this.deps.sink.accept(env, JSON.stringify(env));
    return undefined;
  }

  private async onCard(flat: Record<string, unknown>): Promise<Record<string, unknown>> {
    const env = envelopeFromFlat(flat);
    if (!env) {
      this.log.warn('long connection: a card callback without event_id was answered with nothing');
      return {};
    }
    return this.deps.sink.cardAction(env, JSON.stringify(env));
  }

  private onFatal(err: Error): void {
    if (this.stopped) return;
    this.failure = err.message;
    const delay = this.deps.restartAfterFailureMs ?? 60_000;
    this.log.error({ reason: err.message, retryInSeconds: Math.round(delay / 1000) }, explainFailure(err.message));
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.client?.close({ force: true });
      this.start();
    }, delay);
    this.restartTimer.unref();
  }

  /** The SDK's own lines, under ours: its errors as warnings (our onError says what they mean), the rest as debug. */
  private sdkLogger(): LarkSdk.Logger {
    const text = (a: unknown[]) =>
      a
        .map((x) => (typeof x === 'string' ? x : x instanceof Error ? x.message : JSON.stringify(x)))
        .join(' ')
        .slice(0, 500);
    return {
      error: (...a: unknown[]) => this.log.warn({ sdk: text(a) }, 'lark sdk (long connection)'),
      warn: (...a: unknown[]) => this.log.warn({ sdk: text(a) }, 'lark sdk (long connection)'),
      info: (...a: unknown[]) => this.log.debug({ sdk: text(a) }, 'lark sdk (long connection)'),
      debug: (...a: unknown[]) => this.log.trace({ sdk: text(a) }, 'lark sdk (long connection)'),
      trace: () => undefined,
    };
  }
}

/**
 * What an admin should do, from the SDK's final error. The endpoint (POST /callback/ws/endpoint)
 * answers HTTP 200 with a code: 514 when the app id / secret are refused, 403 when the app may not
 * hold a long connection (only self-built apps may), 1000040350 past 50 connections per app. An app
 * that has not chosen the long connection in the console still connects — Feishu just sends its
 * events elsewhere — which is why the "open" line names the console setting.
 */
export function explainFailure(message: string): string {
  const code = /code=(\d+)/.exec(message)?.[1];
  if (code === '514')
    return 'Feishu refused the long connection: the app id or secret is wrong. Check LARK_APP_ID and LARK_APP_SECRET against 凭证与基础信息 in the developer console';
  if (code === '403')
    return 'Feishu does not allow this app a long connection: it must be a self-built app (企业自建应用) of this tenant, with 使用长连接接收事件 chosen under 事件与回调';
  if (code === '1000040350')
    return 'Feishu refused the long connection: this app already holds the most connections Feishu allows (50). Stop old instances';
  if (code) return `Feishu refused the long connection (${message}); will try again`;
  if (/reconnect exhausted/.test(message))
    return 'the long connection could not be re-established after the retries Feishu allows; starting over';
  return `the long connection could not be opened: ${message}`;
}

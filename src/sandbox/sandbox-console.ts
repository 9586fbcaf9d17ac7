import { randomUUID } from 'node:crypto';
import type { ChatLog } from './chat-log.js';
import type { DemoPerson } from './demo-department.js';
import type { FakeLarkServer } from './fake-lark-server.js';
import { buildLarkRequest, eventFactory } from './lark-events.js';
import type { OffsetClock } from './sandbox-clock.js';
import { upcomingRuns, type UpcomingRun } from './schedule-times.js';

/**
 * What the console's buttons do, on the server: a person types → a real `im.message.receive_v1`;
 * a card button or form → a real `card.action.trigger`; both encrypted, signed and POSTed to the
 * service's own /lark/events, exactly as Feishu would. The callback's card replaces the clicked one.
 */
export interface ConsoleDeps {
  fake: FakeLarkServer;
  chats: ChatLog;
  clock: OffsetClock;
  people: DemoPerson[];
  lark: { appId: string; encryptKey: string; verificationToken: string };
  schedules: Record<string, string>;
  timezone: string;
  /** The service's own base URL, known once it listens. */
  serviceUrl: () => string;
}

export interface SayInput {
  chatId: string;
  senderOpenId: string;
  text: string;
  /** In a group the bot only hears messages that @ it: the console @s it unless told not to. */
  mentionBot?: boolean;
}

export interface ActionInput {
  chatId: string;
  operatorOpenId: string;
  messageId: string;
  value: Record<string, unknown>;
  tag?: string;
  name?: string;
  formValue?: Record<string, unknown>;
  option?: string;
  options?: string[];
  inputValue?: string;
  checked?: boolean;
}

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SandboxConsole {
  private readonly events: ReturnType<typeof eventFactory>;

  constructor(private readonly d: ConsoleDeps) {
    this.events = eventFactory({
      token: d.lark.verificationToken,
      appId: d.lark.appId,
      tenantKey: 'tenant_sandbox',
      nowMs: () => d.clock.now().getTime(),
    });
  }

  async say(input: SayInput): Promise<{ status: number; messageId: string }> {
    const chat = this.d.chats.getChat(input.chatId);
    if (!chat) throw new ConsoleError(404, `no chat ${input.chatId}`);
    const text = input.text.trim().slice(0, 4000);
    if (!text) throw new ConsoleError(400, 'empty message');
    const { content, mentions } = this.mentionsIn(text, chat.kind === 'group' && input.mentionBot !== false);
    const messageId = `om_sbx_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    this.d.chats.addInbound(messageId, chat.chatId, input.senderOpenId, text);
    const ev = this.events.messageEvent(input.senderOpenId, content, {
      chatId: chat.chatId,
      chatType: chat.kind,
      messageId,
      mentions,
    });
    const res = await this.post(ev);
    return { status: res.status, messageId };
  }

  async action(input: ActionInput): Promise<{ status: number; toast?: unknown; replaced: boolean }> {
    if (!this.d.chats.get(input.messageId)) throw new ConsoleError(404, `no message ${input.messageId}`);
    const token = `c-${randomUUID()}`;
    this.d.fake.registerCallbackToken(token, input.messageId);
    const ev = this.events.cardActionEvent(input.operatorOpenId, input.value, {
      chatId: input.chatId,
      messageId: input.messageId,
      token,
      ...(input.tag ? { tag: input.tag } : {}),
      ...(input.name ? { name: input.name } : {}),
      ...(input.formValue ? { formValue: input.formValue } : {}),
      ...(input.option !== undefined ? { option: input.option } : {}),
      ...(input.options !== undefined ? { options: input.options } : {}),
      ...(input.inputValue !== undefined ? { inputValue: input.inputValue } : {}),
      ...(input.checked !== undefined ? { checked: input.checked } : {}),
    });
    const res = await this.post(ev);
    const body = (res.body ?? {}) as { toast?: unknown; card?: { type?: string; data?: unknown } };
    let replaced = false;
    // Feishu replaces the clicked card with the card in the response (a `template` one is not expanded here).
    if (res.status === 200 && body.card?.type === 'raw' && body.card.data) {
      replaced = Boolean(this.d.fake.replaceCard(input.messageId, body.card.data));
    }
    return { status: res.status, ...(body.toast ? { toast: body.toast } : {}), replaced };
  }

  private schedule: () => Promise<UpcomingRun[]> = async () =>
    upcomingRuns(this.d.schedules, this.d.clock.now(), this.d.timezone);

  /** The scheduler, once wired, knows better: the admin's schedule changes, working days, titles. */
  useSchedule(source: () => Promise<UpcomingRun[]>): void {
    this.schedule = source;
  }

  async upcoming(): Promise<UpcomingRun[]> {
    try {
      return (await this.schedule()).sort((a, b) => a.at.getTime() - b.at.getTime());
    } catch {
      return upcomingRuns(this.d.schedules, this.d.clock.now(), this.d.timezone);
    }
  }

  /** Jumps to a named schedule's next run, to an instant, or forward by some minutes. */
  async jump(to: { schedule?: string; at?: string; minutes?: number }): Promise<Date> {
    let target: Date | undefined;
    if (to.schedule) target = (await this.upcoming()).find((u) => u.name === to.schedule)?.at;
    else if (to.at) target = new Date(to.at);
    else if (to.minutes) target = new Date(this.d.clock.now().getTime() + to.minutes * 60_000);
    if (!target || Number.isNaN(target.getTime())) throw new ConsoleError(400, 'nowhere to jump to');
    const now = await this.d.clock.jumpTo(target);
    this.d.chats.emit({ type: 'clock', now: now.getTime(), upcoming: await this.upcoming() });
    return now;
  }

  /** `@招商助手` and `@<demo name>` in typed text become Feishu's `@_user_N` keys with mentions. */
  private mentionsIn(
    text: string,
    mentionBot: boolean,
  ): { content: string; mentions: Array<{ openId: string; name: string }> } {
    const mentions: Array<{ openId: string; name: string }> = [];
    const keyFor = (openId: string, name: string) => {
      let i = mentions.findIndex((m) => m.openId === openId);
      if (i < 0) i = mentions.push({ openId, name }) - 1;
      return `@_user_${i + 1}`;
    };
    const botName = '招商助手';
    let content = text;
    if (mentionBot && !content.includes(`@${botName}`)) content = `@${botName} ${content}`;
    content = content.replaceAll(`@${botName}`, () => keyFor(this.d.fake.botOpenId, botName));
    for (const p of this.d.people) content = content.replaceAll(`@${p.name}`, () => keyFor(p.openId, p.name));
    return { content, mentions };
  }

  private async post(payload: unknown): Promise<{ status: number; body: unknown }> {
    const req = buildLarkRequest(payload, { encryptKey: this.d.lark.encryptKey });
    const res = await fetch(`${this.d.serviceUrl()}/lark/events`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  }
}

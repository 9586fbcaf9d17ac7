import type { SentMessage } from './fake-lark-server.js';

/**
 * The console's view of the conversations: what people typed (inbound) and what the bot sent
 * (recorded by the fake Open API), each placed in the chat it belongs to, newest last. Feishu
 * addresses a message by open_id, chat_id or "reply to message X"; all three resolve to a chat here.
 */
export interface Chat {
  chatId: string;
  kind: 'p2p' | 'group';
  name: string;
  /** For a p2p chat: the person on the other side of the bot. */
  openId?: string;
  title?: string;
}

export interface ChatEntry {
  /** The message id (om_…): inbound ones are the sandbox's, outbound ones the fake's. */
  id: string;
  chatId: string;
  /** 'bot', or the sender's open_id. */
  from: string;
  msgType: string;
  /** The current content (a card after its latest update). */
  content: unknown;
  /** Sandbox-clock time it was sent. */
  at: number;
  /** Bumped on each update, so the browser can ignore stale ones. */
  version: number;
}

export type ChatLogEvent =
  | { type: 'message'; entry: ChatEntry }
  | { type: 'update'; entry: ChatEntry }
  | { type: 'chat'; chat: Chat }
  | { type: 'clock'; now: number; upcoming: unknown };

export class ChatLog {
  private readonly chats = new Map<string, Chat>();
  private readonly p2pByOpenId = new Map<string, string>();
  private readonly entries: ChatEntry[] = [];
  private readonly byId = new Map<string, ChatEntry>();
  private readonly listeners = new Set<(e: ChatLogEvent) => void>();

  constructor(
    private readonly nowMs: () => number,
    private readonly nameOf: (openId: string) => string | undefined,
  ) {}

  addChat(chat: Chat): void {
    this.chats.set(chat.chatId, chat);
    if (chat.kind === 'p2p' && chat.openId) this.p2pByOpenId.set(chat.openId, chat.chatId);
  }

  listChats(): Chat[] {
    return [...this.chats.values()];
  }

  getChat(chatId: string): Chat | undefined {
    return this.chats.get(chatId);
  }

  p2pChatOf(openId: string): string {
    const known = this.p2pByOpenId.get(openId);
    if (known) return known;
    // Someone outside the demo department (added through 成员管理, say) gets a chat on first contact.
    const chat: Chat = { chatId: `oc_p2p_${openId}`, kind: 'p2p', name: this.nameOf(openId) ?? openId, openId };
    this.addChat(chat);
    this.emit({ type: 'chat', chat });
    return chat.chatId;
  }

  all(): ChatEntry[] {
    return [...this.entries];
  }

  get(id: string): ChatEntry | undefined {
    return this.byId.get(id);
  }

  subscribe(listener: (e: ChatLogEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: ChatLogEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** A message a person typed in the console, before it is posted to the webhook. */
  addInbound(id: string, chatId: string, from: string, text: string): ChatEntry {
    return this.push({ id, chatId, from, msgType: 'text', content: { text }, at: this.nowMs(), version: 1 });
  }

  /** The fake Open API's hook: a message created or patched by the bot. */
  onBotMessage(m: SentMessage, kind: 'create' | 'patch'): void {
    const existing = this.byId.get(m.messageId);
    if (kind === 'patch' || existing) {
      if (!existing) return;
      existing.content = m.current;
      existing.version++;
      this.emit({ type: 'update', entry: existing });
      return;
    }
    this.push({
      id: m.messageId,
      chatId: this.chatOf(m),
      from: 'bot',
      msgType: m.msgType,
      content: m.current,
      at: this.nowMs(),
      version: 1,
    });
  }

  private chatOf(m: SentMessage): string {
    if (m.receiveIdType === 'chat_id') {
      if (!this.chats.has(m.receiveId)) {
        const chat: Chat = { chatId: m.receiveId, kind: 'group', name: m.receiveId };
        this.addChat(chat);
        this.emit({ type: 'chat', chat });
      }
      return m.receiveId;
    }
    if (m.receiveIdType === 'open_id') return this.p2pChatOf(m.receiveId);
    if (m.replyTo) {
      const parent = this.byId.get(m.replyTo);
      if (parent) return parent.chatId;
    }
    return this.p2pChatOf(m.receiveId);
  }

  private push(entry: ChatEntry): ChatEntry {
    this.entries.push(entry);
    this.byId.set(entry.id, entry);
    this.emit({ type: 'message', entry });
    return entry;
  }
}

/** The narrow set of Open API calls the bot makes. Implemented over the SDK Client; faked only at HTTP. */
export type ReceiveIdType = 'open_id' | 'chat_id';
export type MsgType = 'interactive' | 'text' | 'file' | 'image';

export interface SendMessageInput {
  receiveIdType: ReceiveIdType;
  receiveId: string;
  msgType: MsgType;
  /** JSON string, as Feishu wants it. */
  content: string;
  /** Feishu keeps one message per uuid for an hour: safe retries. */
  uuid?: string;
}

export interface LarkApi {
  sendMessage(input: SendMessageInput): Promise<{ messageId: string }>;
  replyMessage(
    messageId: string,
    input: { msgType: MsgType; content: string; uuid?: string },
  ): Promise<{ messageId: string }>;
  patchCard(messageId: string, content: string): Promise<void>;
  getUserName(openId: string): Promise<string | undefined>;
  getBotInfo(): Promise<{ openId: string; appName: string }>;
  uploadImage(image: Buffer): Promise<string>;
  uploadFile(file: Buffer, fileName: string, fileType: 'xls' | 'pdf' | 'stream'): Promise<string>;
  /** A file a user sent the bot (GET /im/v1/messages/:message_id/resources/:file_key?type=file), at most `maxBytes`. */
  downloadMessageFile(messageId: string, fileKey: string, maxBytes: number): Promise<Buffer>;
}

/** A non-zero Open API code or an HTTP failure, with what a retry policy needs. */
export class LarkApiError extends Error {
  constructor(
    readonly method: string,
    readonly httpStatus: number | undefined,
    readonly code: number | undefined,
    readonly larkMsg: string,
    /** Seconds from `x-ogw-ratelimit-reset`, when the gateway sent it. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Lark ${method} failed: http=${httpStatus ?? '-'} code=${code ?? '-'} ${larkMsg}`);
    this.name = 'LarkApiError';
  }

  get isGatewayRateLimit(): boolean {
    return this.code === 99991400 || this.httpStatus === 429;
  }
  get isRecipientRateLimit(): boolean {
    return (
      this.code === 230020 || this.code === 232019 || this.code === 11232 || this.code === 11233 || this.code === 11247
    );
  }
  get isTokenInvalid(): boolean {
    return this.code === 99991663 || this.code === 99991661 || this.code === 99991677;
  }
  /** The message to reply to was withdrawn or deleted: a reply can still go to its chat. */
  get isMessageGone(): boolean {
    return this.code === 230011 || this.code === 231003;
  }
  /** Network errors and 5xx are worth another try; a bad request is not. */
  get isTransient(): boolean {
    return (
      this.httpStatus === undefined || this.httpStatus >= 500 || this.isGatewayRateLimit || this.isRecipientRateLimit
    );
  }
}

import type { LarkApi } from './lark-api.js';

/** Stands in when no Lark credentials are set: nothing can reach the bot, and nothing goes out. */
export class DisabledLarkApi implements LarkApi {
  private fail(): never {
    throw new Error(
      'Lark is not configured: set LARK_APP_ID, LARK_APP_SECRET, LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN',
    );
  }
  sendMessage = async () => this.fail();
  replyMessage = async () => this.fail();
  patchCard = async () => this.fail();
  getUserName = async () => this.fail();
  getBotInfo = async () => this.fail();
  uploadImage = async () => this.fail();
  uploadFile = async () => this.fail();
  downloadMessageFile = async () => this.fail();
}

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptError';
  }
}

let cached: { key: string; digest: Buffer } | undefined;

/** sha256(Encrypt Key), kept for the one key a service uses rather than hashed on every request. */
function keyOf(encryptKey: string): Buffer {
  if (cached?.key !== encryptKey)
    cached = { key: encryptKey, digest: createHash('sha256').update(encryptKey, 'utf8').digest() };
  return cached.digest;
}

/** AES-256-CBC with key sha256(encrypt key); the first 16 bytes of the base64 payload are the IV. */
export function decryptEnvelope(encrypt: string, encryptKey: string): string {
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new DecryptError('ciphertext has the wrong length');
  try {
    const decipher = createDecipheriv('aes-256-cbc', keyOf(encryptKey), buf.subarray(0, 16));
    return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptError('ciphertext does not decrypt with LARK_ENCRYPT_KEY');
  }
}

/** The inverse, as Feishu does it: used by tests, the benchmark and the sandbox. */
export function encryptEnvelope(plain: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

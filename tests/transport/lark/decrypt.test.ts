import { describe, expect, it } from 'vitest';
import { decryptEnvelope, DecryptError, encryptEnvelope } from '../../../src/transport/lark/decrypt.js';

/** lark-platform.md §2.3 (algorithm) and §2.5 (vectors). */
describe('Feishu event decryption (AES-256-CBC, key sha256(Encrypt Key), IV first 16 bytes)', () => {
  it('decrypts the official vector: "test key" → hello world', () => {
    expect(decryptEnvelope('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('decrypts the node-sdk challenge vector (mazhe.nerd)', () => {
    const encrypt =
      'tT1xP+ovuc0T3b/rnZX3ax76exqAn0ANQ6/U45GcciC0mgNBc8JtvqOJGNAPMKpgRs2dVU1NYk9VDeqS8T4SYtU0hzNU54aS84WnxvZ3VFfDcy/RyABlNqlUiGyLDzFI0yxdCMT4KR/YEQXlt6nZi50KwRlZ+A75r645KesZuLMljezYyY8VeeXEVjPw35+e';
    const plain = decryptEnvelope(encrypt, 'mazhe.nerd');
    expect(plain).toBe(
      '{"challenge":"5634b122-c042-4634-bc7f-b07a3c3e77ad","token":"iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6","type":"url_verification"}',
    );
    expect(JSON.parse(plain).challenge).toBe('5634b122-c042-4634-bc7f-b07a3c3e77ad');
  });

  it('encrypts the §2.5 deterministic vector (IV 00..0f) and reads it back', () => {
    const iv = Buffer.from([...Array(16).keys()]);
    const plain = '{"challenge":"c1","token":"t1","type":"url_verification"}';
    const encrypted = encryptEnvelope(plain, 'test key', iv);
    expect(encrypted).toBe(
      'AAECAwQFBgcICQoLDA0OD+IYGLa3VZJR7EU+faBqn70epahV5qo/Grd5Ls02TQb7cKy6QoXNUpq44CEwyvj2VlW/XD12AROxZ0bSSh912ZY=',
    );
    expect(decryptEnvelope(encrypted, 'test key')).toBe(plain);
  });

  it('round-trips Chinese text with a random IV', () => {
    const plain = JSON.stringify({ text: '招商助手 你好' });
    const a = encryptEnvelope(plain, 'k');
    expect(a).not.toBe(encryptEnvelope(plain, 'k'));
    expect(decryptEnvelope(a, 'k')).toBe(plain);
  });

  it('refuses the wrong key, a truncated payload, and non-ciphertext with DecryptError', () => {
    // A fixed IV: with a random one, a wrong key yields valid padding about once in 256 runs.
    const good = encryptEnvelope('{"a":1}', 'right', Buffer.alloc(16, 7));
    expect(() => decryptEnvelope(good, 'wrong')).toThrow(DecryptError);
    expect(() => decryptEnvelope(good.slice(0, 20), 'right')).toThrow(DecryptError);
    expect(() => decryptEnvelope('bm90IGEgY2lwaGVydGV4dA==', 'right')).toThrow(DecryptError);
    expect(() => decryptEnvelope('', 'right')).toThrow(DecryptError);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CodeCipher } from '../../subgraphs/catalog/services/code-crypto';

describe('card code encryption at rest', () => {
  const cipher = new CodeCipher(randomBytes(32));

  it('round-trips a code, with a fresh IV each time', () => {
    const a = cipher.encrypt('IQY-1M-ABCD-2345', 7);
    const b = cipher.encrypt('IQY-1M-ABCD-2345', 7);
    assert.notEqual(a, b);
    assert.doesNotMatch(a, /ABCD/);
    assert.equal(cipher.decrypt(a, 7), 'IQY-1M-ABCD-2345');
    assert.equal(cipher.decrypt(b, 7), 'IQY-1M-ABCD-2345');
  });

  it('binds a ciphertext to its pool and detects tampering', () => {
    const stored = cipher.encrypt('CODE-0001', 1);
    assert.throws(() => cipher.decrypt(stored, 2));
    const raw = Buffer.from(stored.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    assert.throws(() => cipher.decrypt(`v1.${raw.toString('base64url')}`, 1));
  });

  it('hashes equal codes equally under one key and differently under another', () => {
    assert.equal(cipher.hash('CODE-0001'), cipher.hash('CODE-0001'));
    assert.notEqual(cipher.hash('CODE-0001'), cipher.hash('CODE-0002'));
    assert.notEqual(new CodeCipher(randomBytes(32)).hash('CODE-0001'), cipher.hash('CODE-0001'));
  });

  it('refuses a configured key that is not 32 bytes', () => {
    const saved = process.env.PERKMALL_CODE_ENCRYPTION_KEY;
    process.env.PERKMALL_CODE_ENCRYPTION_KEY = randomBytes(16).toString('base64');
    try {
      assert.throws(() => new CodeCipher(), /32 bytes/);
      process.env.PERKMALL_CODE_ENCRYPTION_KEY = randomBytes(32).toString('hex');
      const configured = new CodeCipher();
      assert.equal(configured.decrypt(configured.encrypt('X-123', 3), 3), 'X-123');
    } finally {
      if (saved === undefined) delete process.env.PERKMALL_CODE_ENCRYPTION_KEY;
      else process.env.PERKMALL_CODE_ENCRYPTION_KEY = saved;
    }
  });
});

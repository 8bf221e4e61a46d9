import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { isProduction, keysDir } from '../../../core/config';

const KEY_FILE = 'code-encryption.key';

/**
 * The key that protects card codes at rest: `PERKMALL_CODE_ENCRYPTION_KEY` (32 bytes, base64 or
 * hex) or, outside production, a key generated once under the keys dir (like the dev signing keys).
 */
function loadKey(): Buffer {
  const configured = process.env.PERKMALL_CODE_ENCRYPTION_KEY;
  if (configured) return parseKey(configured, 'PERKMALL_CODE_ENCRYPTION_KEY');
  const file = path.join(keysDir(), KEY_FILE);
  if (!fs.existsSync(file)) {
    if (isProduction()) throw new Error('PERKMALL_CODE_ENCRYPTION_KEY is required in production');
    fs.mkdirSync(keysDir(), { recursive: true, mode: 0o700 });
    try {
      // Exclusive create: concurrent starters agree on whichever key was written first.
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return parseKey(fs.readFileSync(file, 'utf8').trim(), file);
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes (base64 or hex)`);
  return key;
}

/** AES-256-GCM for codes, bound to their pool; a separate HMAC key (derived) for duplicate detection. */
export class CodeCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(master: Buffer = loadKey()) {
    // Two purposes, two keys: a hash can never be used to attack the cipher and vice versa.
    this.encKey = createHmac('sha256', master).update('perkmall/code/encrypt').digest();
    this.macKey = createHmac('sha256', master).update('perkmall/code/hash').digest();
  }

  encrypt(code: string, kindId: number): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(`kind:${kindId}`));
    const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(stored: string, kindId: number): string {
    const raw = Buffer.from(stored.replace(/^v1\./, ''), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`kind:${kindId}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash of the normalised code: equal codes collide within a pool, nothing else is learnt. */
  hash(code: string): string {
    return createHmac('sha256', this.macKey).update(code).digest('base64url');
  }
}

let shared: CodeCipher | undefined;
export function codeCipher(): CodeCipher {
  shared ??= new CodeCipher();
  return shared;
}

import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { isProduction, keysDir } from './config';

/**
 * Secrets a subgraph must be able to read back (card codes, carriers' callback secrets) are kept
 * encrypted at rest with a 32-byte master key: from `envName` (base64 or hex) or, outside
 * production, a key generated once under the keys dir (like the dev signing keys).
 */
export function loadMasterKey(envName: string, devFileName: string): Buffer {
  const configured = process.env[envName];
  if (configured) return parseKey(configured, envName);
  const file = path.join(keysDir(), devFileName);
  if (!fs.existsSync(file)) {
    if (isProduction()) throw new Error(`${envName} is required in production`);
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

export function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes (base64 or hex)`);
  return key;
}

/** A key for one purpose, derived from the master key: one purpose's key never serves another. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return createHmac('sha256', master).update(purpose).digest();
}

/**
 * AES-256-GCM with a random IV; `context` is bound as associated data, so a sealed value copied to
 * another row (another pool, another carrier) fails to open. Format: `v1.<base64url(iv|tag|body)>`.
 */
export class SealedBox {
  constructor(private readonly key: Buffer) {}

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

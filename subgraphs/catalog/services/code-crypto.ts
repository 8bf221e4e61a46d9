import { createHmac } from 'node:crypto';
import { SealedBox, deriveKey, loadMasterKey } from '../../../core/sealed-box';

/**
 * The key that protects card codes at rest: `PERKMALL_CODE_ENCRYPTION_KEY` (32 bytes, base64 or
 * hex) or, outside production, a key generated once under the keys dir.
 */
const loadKey = (): Buffer => loadMasterKey('PERKMALL_CODE_ENCRYPTION_KEY', 'code-encryption.key');

/** AES-256-GCM for codes, bound to their pool; a separate HMAC key (derived) for duplicate detection. */
export class CodeCipher {
  private readonly box: SealedBox;
  private readonly macKey: Buffer;

  constructor(master: Buffer = loadKey()) {
    // Two purposes, two keys: a hash can never be used to attack the cipher and vice versa.
    this.box = new SealedBox(deriveKey(master, 'perkmall/code/encrypt'));
    this.macKey = deriveKey(master, 'perkmall/code/hash');
  }

  encrypt(code: string, kindId: number): string {
    return this.box.seal(code, `kind:${kindId}`);
  }

  decrypt(stored: string, kindId: number): string {
    return this.box.open(stored, `kind:${kindId}`);
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

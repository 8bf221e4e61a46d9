import { randomBytes } from 'node:crypto';
import { SealedBox, deriveKey, loadMasterKey } from '../../../core/sealed-box';

/**
 * Seals suppliers' partner-endpoint secrets at rest with `PERKMALL_PARTNER_SECRET_KEY` (32 bytes,
 * base64 or hex; a dev key is generated outside production), like carriers' callback secrets. Each
 * sealed secret is bound to its supplier, so a sealed value copied to another row does not open.
 */
export class PartnerSecrets {
  private readonly box: SealedBox;

  constructor(master: Buffer = loadMasterKey('PERKMALL_PARTNER_SECRET_KEY', 'partner-secret.key')) {
    this.box = new SealedBox(deriveKey(master, 'perkmall/partner/endpoint-secret'));
  }

  /** A new random secret (shown once to the supplier). */
  static generate(): string {
    return randomBytes(32).toString('base64url');
  }

  seal(supplierId: number, secret: string): string {
    return this.box.seal(secret, `partner:${supplierId}`);
  }

  /** The secret, or null when it does not open (wrong key, tampered). */
  open(supplierId: number, sealed: string): string | null {
    try {
      return this.box.open(sealed, `partner:${supplierId}`);
    } catch {
      return null;
    }
  }
}

let shared: PartnerSecrets | undefined;
export function partnerSecrets(): PartnerSecrets {
  shared ??= new PartnerSecrets();
  return shared;
}

import { randomBytes } from 'node:crypto';
import { SealedBox, deriveKey, loadMasterKey } from '../../../core/sealed-box';
import type { Carrier } from '../entities/carrier';

/**
 * Seals carriers' callback secrets at rest with `PERKMALL_CARRIER_SECRET_KEY` (32 bytes, base64 or
 * hex; a dev key is generated outside production). Each sealed secret is bound to its carrier code.
 */
export class CarrierSecrets {
  private readonly box: SealedBox;

  constructor(master: Buffer = loadMasterKey('PERKMALL_CARRIER_SECRET_KEY', 'carrier-secret.key')) {
    this.box = new SealedBox(deriveKey(master, 'perkmall/carrier/callback-secret'));
  }

  /** A new random secret to hand to a carrier (shown once). */
  static generate(): string {
    return randomBytes(32).toString('base64url');
  }

  seal(code: string, secret: string): string {
    return this.box.seal(secret, `carrier:${code}`);
  }

  /**
   * The secrets a callback from this carrier may be signed with right now (current first). A value
   * stored before secrets were sealed (no `v1.` prefix: dev databases seeded earlier) is taken as
   * it is; one that does not open (wrong key, tampered) matches nothing, so the callback is refused.
   */
  accepted(carrier: Carrier, now = new Date()): string[] {
    const stored = [carrier.secretSealed];
    if (
      carrier.previousSecretSealed &&
      carrier.previousSecretUntil &&
      carrier.previousSecretUntil.getTime() > now.getTime()
    )
      stored.push(carrier.previousSecretSealed);
    return stored.flatMap((value) => {
      if (!value.startsWith('v1.')) return [value];
      try {
        return [this.box.open(value, `carrier:${carrier.code}`)];
      } catch {
        return [];
      }
    });
  }
}

let shared: CarrierSecrets | undefined;
export function carrierSecrets(): CarrierSecrets {
  shared ??= new CarrierSecrets();
  return shared;
}

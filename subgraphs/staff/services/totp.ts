import { generateSecret, generateURI, verify } from 'otplib';
import { SealedBox, deriveKey, loadMasterKey } from '../../../core/sealed-box';

/** What authenticator apps show as the account's issuer. */
export const TOTP_ISSUER = 'Perkmall';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s) second factors. Secrets are sealed at rest with
 * `PERKMALL_STAFF_SECRET_KEY` (32 bytes, base64 or hex; a dev key is generated outside production),
 * each bound to its member, because checking a code needs the secret itself.
 */
export class TotpSecrets {
  private readonly box: SealedBox;

  constructor(master: Buffer = loadMasterKey('PERKMALL_STAFF_SECRET_KEY', 'staff-secret.key')) {
    this.box = new SealedBox(deriveKey(master, 'perkmall/staff/totp-secret'));
  }

  /** A new random secret (base32, 160 bits). */
  static generate(): string {
    return generateSecret();
  }

  /** The `otpauth://` URI an authenticator app reads (as a QR code or pasted). */
  static uri(loginName: string, secret: string): string {
    return generateURI({ issuer: TOTP_ISSUER, label: loginName, secret });
  }

  seal(memberId: number, secret: string): string {
    return this.box.seal(secret, `staff-member:${memberId}`);
  }

  open(memberId: number, sealed: string): string {
    return this.box.open(sealed, `staff-member:${memberId}`);
  }

  /**
   * The 30-second step a code belongs to, or null when it matches none. One step either side is
   * accepted for clock drift; the caller must still refuse a step already used (replay).
   */
  static async stepOf(secret: string, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({ secret, token: code, epochTolerance: 30 });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}

let shared: TotpSecrets | undefined;
export function totpSecrets(): TotpSecrets {
  shared ??= new TotpSecrets();
  return shared;
}

import { createHash, randomBytes } from 'node:crypto';
import { raw, type SqlEntityManager } from '@mikro-orm/knex';
import { StaffRecoveryCode } from '../entities/recovery-code';

/** How many recovery codes a member holds after enrolment or regeneration. */
export const RECOVERY_CODE_COUNT = 10;
/** 10 characters of a 32-letter alphabet: 50 random bits per code. */
const CODE_LENGTH = 10;
/** Crockford's base32: no i, l, o or u, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

const hashCode = (normalised: string) => createHash('sha256').update(`staff-recovery:${normalised}`).digest('hex');

/** As typed: case, spaces and dashes do not matter, and the letters people confuse with digits count as those digits. */
export function normaliseRecoveryCode(raw: string): string {
  return raw.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
}

/** Whether a second-factor answer looks like a recovery code rather than a 6-digit TOTP code. */
export const looksLikeRecoveryCode = (raw: string) =>
  raw.length <= 40 && normaliseRecoveryCode(raw).length === CODE_LENGTH;

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * TOTP recovery codes: ten single-use codes a member keeps on paper for the day their
 * authenticator is gone. Shown once when issued; stored as SHA-256 only; each accepted once at
 * sign-in in place of a TOTP code (a conditional update claims it, so two sign-ins racing with the
 * same code cannot both pass). Issuing a new set forgets the old one; a TOTP reset forgets them all.
 */
export class RecoveryCodes {
  constructor(private readonly em: SqlEntityManager) {}

  /** A fresh set for the member, replacing any earlier one; the codes in clear, to be shown once. */
  async issue(staffMemberId: number): Promise<string[]> {
    await this.forget(staffMemberId);
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
    const now = new Date();
    for (const code of codes)
      this.em.persist(
        this.em.create(StaffRecoveryCode, {
          staffMemberId,
          codeHash: hashCode(normaliseRecoveryCode(code)),
          createdAt: now,
        }),
      );
    await this.em.flush();
    return codes;
  }

  /** Spends one unused code of the member; false when it is not one of theirs or was used. */
  async redeem(staffMemberId: number, raw: string): Promise<boolean> {
    const normalised = normaliseRecoveryCode(raw);
    if (normalised.length !== CODE_LENGTH) return false;
    const claimed = await this.em.nativeUpdate(
      StaffRecoveryCode,
      { staffMemberId, codeHash: hashCode(normalised), usedAt: null },
      { usedAt: new Date() },
    );
    return claimed === 1;
  }

  async forget(staffMemberId: number): Promise<void> {
    await this.em.nativeDelete(StaffRecoveryCode, { staffMemberId });
  }
}

/** Unused codes per member, for a DataLoader: one grouped COUNT for the whole page (0 for none). */
export async function unusedRecoveryCodesOf(
  em: SqlEntityManager,
  staffMemberIds: readonly number[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(staffMemberIds.map((id) => [String(id), 0]));
  if (staffMemberIds.length === 0) return out;
  const rows = await em
    .createQueryBuilder(StaffRecoveryCode, 'rc')
    .select(['rc.staff_member_id', raw('count(*) as n')])
    .where({ staffMemberId: { $in: [...staffMemberIds] }, usedAt: null })
    .groupBy('rc.staff_member_id')
    .execute<{ staff_member_id: number; n: number | string }[]>('all', false);
  for (const r of rows) out.set(String(r.staff_member_id), Number(r.n));
  return out;
}

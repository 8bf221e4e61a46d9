import type { EntityManager } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { Bank } from '../entities/bank';
import { actingBankId, BANK_ADMIN_ROLES, BANK_SETTINGS } from './access';

/**
 * True for an IANA zone name this runtime knows (Asia/Shanghai, Europe/London, UTC). Offsets
 * ("+08:00") and abbreviations ("CST", ambiguous) are refused: a region's name keeps its rules
 * (daylight saving included) when they change.
 */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+){1,2})$/.test(zone) || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Settings of the bank itself (its admins, or the platform naming the bank). */
export class BankService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  /** The zone applies to orders placed from now on (each order keeps the zone it was placed under). */
  async setTimeZone(bankIdArg: string | null | undefined, timeZone: string): Promise<Bank> {
    requireRoleAndPermission(this.principal, BANK_ADMIN_ROLES, BANK_SETTINGS);
    const bankId = actingBankId(this.principal, bankIdArg, BANK_ADMIN_ROLES);
    let zone = timeZone.trim();
    if (!isIanaTimeZone(zone)) {
      throw badInput(
        `"${zone.slice(0, 64)}" is not an IANA time zone; use a region name such as Asia/Shanghai or Asia/Hong_Kong.`,
        [{ field: 'timeZone', message: 'not an IANA time zone' }],
      );
    }
    zone = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone; // canonical spelling
    const em = this.em.fork();
    const bank = await em.findOne(Bank, bankId);
    if (!bank) throw notFound('Bank', bankId);
    bank.timeZone = zone;
    await em.flush();
    return bank;
  }
}

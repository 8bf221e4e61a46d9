import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound, type FieldProblem as Problem } from '../../../core/errors';
import { PLATFORM_ROLES, requirePermission, requireRole, type Principal } from '../../../core/identity';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { affectedRows, inTransaction } from '../../../core/sql';
import { Bank, PriceGuardAction } from '../entities/bank';
import { Mall } from '../entities/mall';
import { actingBankId, assertSameBank, BANK_ADMIN_ROLES, idOf, requireBankAdministration } from './access';
import { isIanaTimeZone } from './bank.service';

/** A bank's points and settlement terms; on an update, what is left out stays as it is. */
export interface BankTerms {
  name?: string | null;
  timeZone?: string | null;
  pointsPerYuan?: number | null;
  maxPointsShareBp?: number | null;
  settlementTermDays?: number | null;
  /** Price guard (issue 22): what happens to a listing a supplier price change puts below the rule. */
  priceGuardAction?: PriceGuardAction | null;
  /** Price guard: minimum margin over the supplier price, basis points. */
  priceGuardMinMarginBp?: number | null;
}

/** Bounds a bank's security and finance reviewers would sign: generous, but never absurd. */
export const BANK_LIMITS = {
  /** Points worth one CNY: 1 (1 point = 1 CNY) … 10,000 (1 point = 0.01 fen). */
  pointsPerYuan: { min: 1, max: 10_000 },
  /** Share of a cash price points may cover: 0–100 %. */
  maxPointsShareBp: { min: 0, max: 10_000 },
  settlementTermDays: { min: 0, max: 180 },
  /** The price guard's minimum margin over the supplier price: 0–100 %. */
  priceGuardMinMarginBp: { min: 0, max: 10_000 },
  name: { min: 2, max: 200 },
} as const;

const BANK_CODE = /^[A-Z0-9-]{2,40}$/;

/**
 * Bringing a bank onto the platform: the platform creates the bank and its malls; the bank's admins
 * then keep their own terms and malls (another bank's are NOT_FOUND).
 */
export class OnboardingService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** Every bank, oldest first (the platform's onboarding list). */
  async banks(first?: number | null, after?: string | null): Promise<Connection<Bank>> {
    requireRole(this.principal, ...PLATFORM_ROLES, 'SERVICE');
    requirePermission(this.principal, 'MANAGE_TENANTS');
    const limit = pageSize(first);
    const where = after ? { id: { $gt: Number(decodeCursor(after, 1)[0]) } } : {};
    const rows = await this.em.find(Bank, where, { orderBy: { id: 'ASC' }, limit: limit + 1 });
    return toConnection(rows, limit, (b) => [b.id], Boolean(after));
  }

  async createBank(code: string, terms: BankTerms & { name: string }): Promise<Bank> {
    requireRole(this.principal, ...PLATFORM_ROLES, 'SERVICE');
    requirePermission(this.principal, 'MANAGE_TENANTS');
    const problems: Problem[] = [];
    const trimmedCode = code.trim();
    if (!BANK_CODE.test(trimmedCode))
      problems.push({ field: 'code', message: 'must be 2–40 capital letters, digits or dashes, e.g. HZBANK' });
    const values = checkTerms(terms, problems);
    throwIfAny(problems);
    return this.unique(`Bank code ${trimmedCode} is already used; choose another.`, async (em) => {
      const bank = em.create(Bank, {
        code: trimmedCode,
        name: values.name!,
        timeZone: values.timeZone ?? 'Asia/Shanghai',
        pointsPerYuan: values.pointsPerYuan ?? 100,
        maxPointsShareBp: values.maxPointsShareBp ?? 10_000,
        settlementTermDays: values.settlementTermDays ?? 30,
        createdAt: new Date(),
      });
      await em.flush();
      return bank;
    });
  }

  /**
   * A bank's admins change their own bank's name, points terms, settlement terms, time zone and
   * price guard (MANAGE_BANK_SETTINGS); the platform any bank's. Terms apply to orders placed from now on: each
   * order keeps the terms it was priced and settled under.
   */
  async updateBank(bankRef: string | null | undefined, terms: BankTerms): Promise<Bank> {
    requireBankAdministration(this.principal, 'MANAGE_BANK_SETTINGS');
    const bankId = actingBankId(this.principal, bankRef, BANK_ADMIN_ROLES);
    const problems: Problem[] = [];
    const values = checkTerms(terms, problems);
    throwIfAny(problems);
    if (Object.values(values).every((v) => v === undefined)) throw badInput('Nothing to change.');
    return inTransaction(this.em, async (em) => {
      const bank = await em.findOne(Bank, { id: bankId });
      if (!bank) throw notFound('Bank', bankRef ?? bankId);
      const ppyChanged = values.pointsPerYuan !== undefined && values.pointsPerYuan !== bank.pointsPerYuan;
      for (const [key, value] of Object.entries(values)) if (value !== undefined) Object.assign(bank, { [key]: value });
      await em.flush();
      // The mall search sorts and bands prices by their value on the bank's points scale: one set-based rewrite.
      if (ppyChanged)
        await affectedRows(
          em,
          'UPDATE listing SET price_value = price_points * 100 + price_fen * ? WHERE bank_id = ?',
          [bank.pointsPerYuan, bank.id],
        );
      return bank;
    });
  }

  async createMall(bankRef: string | null | undefined, name: string): Promise<Mall> {
    // Opening a mall is an onboarding step, so the platform's; a bank's admins may open more of their own.
    requireBankAdministration(this.principal, 'MANAGE_BANK_SETTINGS');
    const bankId = actingBankId(this.principal, bankRef, BANK_ADMIN_ROLES);
    const display = mallName(name);
    return inTransaction(this.em, async (em) => {
      if ((await em.count(Bank, { id: bankId })) === 0) throw notFound('Bank', bankRef ?? bankId);
      if ((await em.count(Mall, { bank: bankId })) >= MAX_MALLS_PER_BANK)
        throw conflict(`A bank may have at most ${MAX_MALLS_PER_BANK} malls; rename one instead.`);
      const mall = em.create(Mall, { bank: bankId, name: display, createdAt: new Date() });
      await em.flush();
      return mall;
    });
  }

  async updateMall(mallRef: string, name: string): Promise<Mall> {
    requireBankAdministration(this.principal, 'MANAGE_BANK_SETTINGS');
    const id = idOf('Mall', mallRef);
    const display = mallName(name);
    return inTransaction(this.em, async (em) => {
      const mall = await em.findOne(Mall, { id });
      if (!mall) throw notFound('Mall', mallRef);
      assertSameBank(this.principal, mall.bank.id, 'Mall', mallRef);
      mall.name = display;
      await em.flush();
      return mall;
    });
  }

  private async unique<T>(message: string, work: (em: SqlEntityManager) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.em, work);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw conflict(message);
      throw e;
    }
  }
}

/** A handful per bank (`Bank.malls` is not paged). */
export const MAX_MALLS_PER_BANK = 20;

function mallName(name: string): string {
  const display = name.trim();
  if (display.length < 2 || display.length > 200)
    throw badInput('name must be 2–200 characters.', [{ field: 'name', message: 'length 2–200' }]);
  return display;
}

function between(
  problems: Problem[],
  field: keyof typeof BANK_LIMITS,
  value: number | null | undefined,
  what: string,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const { min, max } = BANK_LIMITS[field];
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push({ field, message: `${what}: a whole number from ${min} to ${max}` });
    return undefined;
  }
  return value;
}

/** Checks every given term; problems name the field and the accepted range. */
function checkTerms(terms: BankTerms, problems: Problem[]): BankTerms {
  const out: BankTerms = {};
  if (terms.name !== null && terms.name !== undefined) {
    const name = terms.name.trim();
    if (name.length < BANK_LIMITS.name.min || name.length > BANK_LIMITS.name.max)
      problems.push({ field: 'name', message: `must be ${BANK_LIMITS.name.min}–${BANK_LIMITS.name.max} characters` });
    else out.name = name;
  }
  if (terms.timeZone !== null && terms.timeZone !== undefined) {
    const zone = terms.timeZone.trim();
    if (!isIanaTimeZone(zone))
      problems.push({
        field: 'timeZone',
        message: `"${zone.slice(0, 64)}" is not an IANA time zone; use a region name such as Asia/Shanghai`,
      });
    else out.timeZone = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  }
  out.pointsPerYuan = between(problems, 'pointsPerYuan', terms.pointsPerYuan, 'points worth 1 CNY');
  out.maxPointsShareBp = between(
    problems,
    'maxPointsShareBp',
    terms.maxPointsShareBp,
    'basis points of a cash price points may cover (0 = 0 %, 10000 = 100 %)',
  );
  out.settlementTermDays = between(problems, 'settlementTermDays', terms.settlementTermDays, 'days');
  if (terms.priceGuardAction !== null && terms.priceGuardAction !== undefined) {
    if (!Object.values(PriceGuardAction).includes(terms.priceGuardAction))
      problems.push({ field: 'priceGuardAction', message: 'must be PAUSE or FLAG' });
    else out.priceGuardAction = terms.priceGuardAction;
  }
  out.priceGuardMinMarginBp = between(
    problems,
    'priceGuardMinMarginBp',
    terms.priceGuardMinMarginBp,
    'basis points of margin over the supplier price (0 = only below cost, 10000 = 100 %)',
  );
  return out;
}

function throwIfAny(problems: Problem[]): void {
  if (problems.length === 0) return;
  throw badInput(
    `Check ${problems.map((p) => p.field).join(', ')}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
    problems,
  );
}

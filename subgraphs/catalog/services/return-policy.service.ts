import type { SqlEntityManager } from '@mikro-orm/knex';
import { intFromEnv } from '../../../core/config';
import { badInput, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  requireRoleAndPermission,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { Category } from '../entities/category';
import { SkuKind } from '../entities/sku';

/** The category tree is the platform's catalog work (as createCategory). */
const RUN_CATALOG: StaffPermissions = { platform: 'MANAGE_SUPPLIERS' };
/** Longest return window a category may set. */
export const MAX_RETURN_DAYS = 365;

/** Days after delivery for categories that set none (7-day no-reason returns); PERKMALL_DEFAULT_RETURN_DAYS overrides. */
export function defaultReturnDays(): number {
  return Math.min(intFromEnv('PERKMALL_DEFAULT_RETURN_DAYS', 7), MAX_RETURN_DAYS);
}

/** A SKU's return window: none for virtual goods (card codes, perks); else its category's, or the default. */
export function returnDaysOf(kind: SkuKind, categoryReturnDays: number | null | undefined): number {
  if (kind === SkuKind.VIRTUAL) return 0;
  return categoryReturnDays ?? defaultReturnDays();
}

/** Return windows per category: set by the platform, read by orders at checkout (with the SKU's facts). */
export class ReturnPolicyService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal | undefined,
  ) {}

  async setCategoryReturnDays(categoryId: string, returnDays: number | null): Promise<Category> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CATALOG);
    if (returnDays !== null && (!Number.isSafeInteger(returnDays) || returnDays < 0 || returnDays > MAX_RETURN_DAYS))
      throw badInput(`returnDays must be 0 (no returns) to ${MAX_RETURN_DAYS}, or null for the platform default.`, [
        { field: 'returnDays', message: `0 to ${MAX_RETURN_DAYS}` },
      ]);
    const id = Number(categoryId);
    const category = Number.isSafeInteger(id) ? await this.em.findOne(Category, id) : null;
    if (!category) throw notFound('Category', categoryId);
    category.returnDays = returnDays;
    await this.em.flush();
    return category;
  }
}

import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  isSupplier,
  requireOneOf,
  requirePermission,
  requireRole,
  SUPPLIER_ROLES,
  type Principal,
} from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { affectedCount, inTransaction } from '../../../core/sql';
import { Brand } from '../entities/brand';
import { Supplier } from '../entities/supplier';
import { SupplierApplication, SupplierApplicationStatus, SupplierBrand } from '../entities/supplier-application';
import { actorOf, ownSupplierOnly } from './visibility';

/** What an applicant sends. */
export interface ApplicationDraft {
  supplierCode?: string | null;
  companyName?: string | null;
  registrationNumber?: string | null;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  brandIds?: readonly string[] | null;
  newBrandNames?: readonly string[] | null;
  note?: string | null;
}

/** Tighter than the API's list cap: an application is read by a person. */
export const MAX_APPLICATION_BRANDS = 100;
export const MAX_NEW_BRANDS = 20;
const SUPPLIER_CODE = /^[A-Z0-9-]{2,40}$/;
/** GB 32100-2015 unified social credit code: 18 of digits and capitals without I, O, S, V, Z. */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 -]{4,28}$/;

/**
 * Which brands each supplier may sell, and how a supplier comes to the platform: an application,
 * approved or rejected by the platform (MANAGE_SUPPLIERS).
 */
export class SupplierOnboardingService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /**
   * A new company's application (the platform records it) or an existing supplier's request for more
   * brands (its admin, for itself). Every problem is reported at once, by field.
   */
  async submit(draft: ApplicationDraft): Promise<SupplierApplication> {
    requireOneOf(
      this.principal,
      [...PLATFORM_ROLES, 'SUPPLIER_ADMIN'],
      'Supplier applications are sent by a supplier admin or recorded by the platform',
    );
    requirePermission(this.principal, isSupplier(this.principal) ? 'MANAGE_CATALOG' : 'MANAGE_SUPPLIERS');
    const own = ownSupplierOnly(this.principal);
    const problems: FieldProblem[] = [];
    const text = (field: keyof ApplicationDraft, value: string | null | undefined, max: number, required: boolean) => {
      const v = value?.trim() || null;
      if (!v) {
        if (required) problems.push({ field, message: 'required' });
        return null;
      }
      if (v.length > max) problems.push({ field, message: `at most ${max} characters` });
      return v;
    };
    const existing = own === null ? null : await this.em.findOne(Supplier, { id: own });
    if (own !== null && !existing) throw notFound('Supplier', own);
    const newCompany = existing === null;
    const supplierCode = existing?.code ?? text('supplierCode', draft.supplierCode, 40, true);
    if (newCompany && supplierCode && !SUPPLIER_CODE.test(supplierCode))
      problems.push({ field: 'supplierCode', message: '2–40 capital letters, digits or dashes' });
    const companyName = text('companyName', draft.companyName, 200, newCompany) ?? existing?.name ?? '';
    const registrationNumber = text('registrationNumber', draft.registrationNumber, 18, newCompany);
    if (registrationNumber && !CREDIT_CODE.test(registrationNumber))
      problems.push({ field: 'registrationNumber', message: 'an 18-character unified social credit code' });
    const contactName = text('contactName', draft.contactName, 100, newCompany);
    const contactEmail = text('contactEmail', draft.contactEmail, 254, newCompany);
    if (contactEmail && !EMAIL.test(contactEmail))
      problems.push({ field: 'contactEmail', message: 'not an e-mail address' });
    const contactPhone = text('contactPhone', draft.contactPhone, 30, false);
    if (contactPhone && !PHONE.test(contactPhone))
      problems.push({ field: 'contactPhone', message: 'digits, spaces, dashes, optional +' });
    const note = text('note', draft.note, 500, false);
    const brandIds = [...new Set(draft.brandIds ?? [])];
    const newBrandNames = [...new Set((draft.newBrandNames ?? []).map((n) => n.trim()))];
    if (brandIds.length > MAX_APPLICATION_BRANDS)
      problems.push({ field: 'brandIds', message: `at most ${MAX_APPLICATION_BRANDS} brands per application` });
    if (newBrandNames.length > MAX_NEW_BRANDS)
      problems.push({ field: 'newBrandNames', message: `at most ${MAX_NEW_BRANDS} new brands per application` });
    if (newBrandNames.some((n) => n.length < 1 || n.length > 200))
      problems.push({ field: 'newBrandNames', message: 'each 1–200 characters' });
    if (brandIds.length + newBrandNames.length === 0)
      problems.push({ field: 'brandIds', message: 'name at least one brand to sell (brandIds or newBrandNames)' });
    const ids = numericIds(brandIds);
    if (problems.length === 0 && ids.length > 0) {
      const found = new Set((await this.em.find(Brand, { id: { $in: ids } })).map((b) => String(b.id)));
      const missing = brandIds.filter((id) => !found.has(id));
      if (missing.length) problems.push({ field: 'brandIds', message: `no brand ${missing.slice(0, 5).join(', ')}` });
    }
    if (problems.length)
      throw badInput(`Check the application: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    return inTransaction(this.em, async (em) => {
      if (newCompany && (await em.count(Supplier, { code: supplierCode! })))
        throw conflict(`Supplier code ${supplierCode} is already used; ask for another.`);
      const application = em.create(SupplierApplication, {
        supplierId: own,
        supplierCode: supplierCode!,
        companyName,
        registrationNumber,
        contactName,
        contactEmail,
        contactPhone,
        brandIds: ids,
        newBrandNames,
        note,
        status: SupplierApplicationStatus.PENDING,
        submittedBy: actorOf(this.principal),
        createdAt: new Date(),
      });
      await em.flush();
      return application;
    });
  }

  /** Oldest first (a review queue): the platform sees all, a supplier its own. */
  async page(
    status: SupplierApplicationStatus,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<SupplierApplication>> {
    requireRole(this.principal, ...PLATFORM_ROLES, ...SUPPLIER_ROLES);
    const limit = pageSize(first);
    const own = ownSupplierOnly(this.principal);
    const where: Record<string, unknown> = { status };
    if (own !== null) where.supplierId = own;
    if (after) where.id = { $gt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(SupplierApplication, where, { orderBy: { id: 'ASC' }, limit: limit + 1 });
    return toConnection(rows, limit, (a) => [a.id], Boolean(after));
  }

  /** One application; another supplier's (or a new company's, for a supplier) is NOT_FOUND. */
  async one(ref: string): Promise<SupplierApplication> {
    requireRole(this.principal, ...PLATFORM_ROLES, ...SUPPLIER_ROLES);
    const id = numericIds([ref])[0];
    const application = id ? await this.em.findOne(SupplierApplication, { id }) : null;
    const own = ownSupplierOnly(this.principal);
    if (!application || (own !== null && application.supplierId !== own)) throw notFound('Supplier application', ref);
    return application;
  }

  /**
   * Approval, in one transaction: the supplier (a new company's), the new brands (a name that became
   * a brand meanwhile is used as it is), and the supplier's authorisation for every brand asked for.
   */
  async approve(ref: string): Promise<{ application: SupplierApplication; supplier: Supplier }> {
    this.requireReviewer();
    const pending = await this.pending(ref);
    try {
      return await inTransaction(this.em, async (em) => {
        const application = await em.findOneOrFail(SupplierApplication, { id: pending.id });
        let supplierId = application.supplierId ?? null;
        if (supplierId === null) {
          const supplier = em.create(Supplier, {
            code: application.supplierCode,
            name: application.companyName,
            createdAt: new Date(),
          });
          await em.flush();
          supplierId = supplier.id;
        }
        const brandIds = [...application.brandIds];
        if (application.newBrandNames.length) {
          const existing = await em.find(Brand, { name: { $in: application.newBrandNames } });
          const byName = new Map(existing.map((b) => [b.name, b.id]));
          for (const name of application.newBrandNames) {
            if (!byName.has(name)) {
              const brand = em.create(Brand, { name, createdAt: new Date() });
              await em.flush();
              byName.set(name, brand.id);
            }
            brandIds.push(byName.get(name)!);
          }
        }
        await this.grantIn(em, supplierId, brandIds);
        await this.decide(em, application.id, {
          status: SupplierApplicationStatus.APPROVED,
          supplierId,
        });
        return {
          application: await em.findOneOrFail(SupplierApplication, { id: application.id }, { refresh: true }),
          supplier: await em.findOneOrFail(Supplier, { id: supplierId }),
        };
      });
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict(
          `Supplier code ${pending.supplierCode} was taken meanwhile; reject the application with a reason.`,
        );
      throw e;
    }
  }

  /** Rejection needs a reason the applicant can act on. */
  async reject(ref: string, reason: string): Promise<SupplierApplication> {
    this.requireReviewer();
    const why = reason.trim();
    if (why.length < 2 || why.length > 500)
      throw badInput('Give the applicant a reason (2–500 characters).', [{ field: 'reason', message: 'length 2–500' }]);
    const pending = await this.pending(ref);
    return inTransaction(this.em, async (em) => {
      await this.decide(em, pending.id, { status: SupplierApplicationStatus.REJECTED, rejectionReason: why });
      return em.findOneOrFail(SupplierApplication, { id: pending.id }, { refresh: true });
    });
  }

  /**
   * The brands a supplier may sell, by brand id: its own (a supplier), any supplier's (the platform);
   * another supplier's list is NOT_FOUND. Brand rows come through the request's loader.
   */
  async authorisedBrandIds(
    supplierRef: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<{ brandId: number }>> {
    requireRole(this.principal, ...PLATFORM_ROLES, ...SUPPLIER_ROLES);
    const supplierId = numericIds([supplierRef])[0];
    const own = ownSupplierOnly(this.principal);
    if (!supplierId || (own !== null && own !== supplierId)) throw notFound('Supplier', supplierRef);
    const limit = pageSize(first);
    const where: Record<string, unknown> = { supplierId };
    if (after) where.brandId = { $gt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(SupplierBrand, where, {
      orderBy: { brandId: 'ASC' },
      limit: limit + 1,
      fields: ['brandId'],
    });
    return toConnection(
      rows.map((r) => ({ brandId: r.brandId })),
      limit,
      (r) => [r.brandId],
      Boolean(after),
    );
  }

  /** The platform authorises a supplier for brands directly (idempotent). */
  async grant(supplierRef: string, brandRefs: readonly string[]): Promise<Supplier> {
    this.requireReviewer();
    if (brandRefs.length === 0 || brandRefs.length > MAX_APPLICATION_BRANDS)
      throw badInput(`brandIds: 1 to ${MAX_APPLICATION_BRANDS} brands.`, [{ field: 'brandIds', message: 'length' }]);
    const supplier = await this.em.findOne(Supplier, { id: numericIds([supplierRef])[0] ?? 0 });
    if (!supplier) throw notFound('Supplier', supplierRef);
    const ids = numericIds(brandRefs);
    const found = new Set((await this.em.find(Brand, { id: { $in: ids } })).map((b) => b.id));
    const missing = brandRefs.filter((r) => !found.has(Number(r)));
    if (missing.length)
      throw badInput(`No brand ${missing.slice(0, 5).join(', ')}.`, [{ field: 'brandIds', message: 'unknown brand' }]);
    await inTransaction(this.em, (em) => this.grantIn(em, supplier.id, [...found]));
    return supplier;
  }

  /** Inserts the authorisations the supplier lacks (a concurrent duplicate is a unique key, retried by the caller). */
  async grantIn(em: SqlEntityManager, supplierId: number, brandIds: readonly number[]): Promise<void> {
    const wanted = [...new Set(brandIds)];
    if (wanted.length === 0) return;
    const have = new Set(
      (await em.find(SupplierBrand, { supplierId, brandId: { $in: wanted } })).map((r) => r.brandId),
    );
    const missing = wanted.filter((b) => !have.has(b));
    if (missing.length === 0) return;
    await em.insertMany(
      SupplierBrand,
      missing.map((brandId) => ({ supplierId, brandId, grantedBy: actorOf(this.principal), createdAt: new Date() })),
    );
  }

  private requireReviewer(): void {
    requireRole(this.principal, ...PLATFORM_ROLES);
    requirePermission(this.principal, 'MANAGE_SUPPLIERS');
  }

  private async pending(ref: string): Promise<SupplierApplication> {
    const id = numericIds([ref])[0];
    const application = id ? await this.em.findOne(SupplierApplication, { id }) : null;
    if (!application) throw notFound('Supplier application', ref);
    if (application.status !== SupplierApplicationStatus.PENDING)
      throw conflict(`Supplier application ${ref} was already ${application.status.toLowerCase()}.`);
    return application;
  }

  /** The one door out of PENDING: a conditional UPDATE, so two reviewers cannot both decide. */
  private async decide(em: SqlEntityManager, id: number, change: Partial<SupplierApplication>): Promise<void> {
    const moved = await em
      .createQueryBuilder(SupplierApplication)
      .update({ ...change, decidedBy: actorOf(this.principal), decidedAt: new Date() })
      .where({ id, status: SupplierApplicationStatus.PENDING })
      .execute('run');
    if (affectedCount(moved) !== 1) throw conflict(`Supplier application ${id} was decided meanwhile.`);
  }
}

/**
 * The brands of `brandIds` the supplier is not authorised to sell. The platform acting for a
 * supplier is not held to it (it grants authorisations anyway); suppliers are.
 */
export async function unauthorisedBrands(
  em: SqlEntityManager,
  principal: Principal,
  supplierId: number,
  brandIds: readonly number[],
): Promise<number[]> {
  if (!isSupplier(principal) || brandIds.length === 0) return [];
  const wanted = [...new Set(brandIds)];
  const have = new Set((await em.find(SupplierBrand, { supplierId, brandId: { $in: wanted } })).map((r) => r.brandId));
  return wanted.filter((b) => !have.has(b));
}

export const brandNotAuthorised = (brandIds: readonly number[]) =>
  forbidden(
    `Your supplier is not authorised to sell brand ${brandIds.slice(0, 5).join(', ')}; apply for it (submitSupplierApplication with brandIds) or propose a new brand.`,
  );

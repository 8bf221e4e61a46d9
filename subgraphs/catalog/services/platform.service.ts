import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  requireRole,
  requireRoleAndPermission,
  SUPPLIER_ROLES,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../core/pagination';
import { Brand, BrandProposal, BrandProposalStatus } from '../entities/brand';
import { Category } from '../entities/category';
import { Supplier } from '../entities/supplier';
import { affectedCount, inTransaction } from '../../../core/sql';
import { actorOf, EDIT_CATALOG, ownSupplierOnly } from './visibility';
import { SupplierOnboardingService } from './supplier-onboarding.service';

const MAX_CATEGORY_DEPTH = 8;

/** Suppliers, brands and the category tree are the platform's supplier administration. */
const RUN_CATALOG: StaffPermissions = { platform: 'MANAGE_SUPPLIERS' };

/** The platform operator's part of the catalogue: suppliers, brands and the category tree. */
export class PlatformCatalogService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async createSupplier(code: string, name: string): Promise<Supplier> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CATALOG);
    if (!/^[A-Z0-9-]{2,40}$/.test(code))
      throw badInput('code must be 2–40 capital letters, digits or dashes.', [{ field: 'code', message: 'format' }]);
    const display = this.name(name, 200);
    return this.unique(`Supplier code ${code} is already used.`, async (em) => {
      const supplier = em.create(Supplier, { code, name: display, createdAt: new Date() });
      await em.flush();
      return supplier;
    });
  }

  async createBrand(name: string): Promise<Brand> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CATALOG);
    const display = this.name(name, 200);
    return this.unique(`Brand ${display} already exists.`, async (em) => {
      const brand = em.create(Brand, { name: display, createdAt: new Date() });
      await em.flush();
      return brand;
    });
  }

  // ---------- brand proposals: suppliers propose, the platform decides ----------

  /**
   * A supplier asks for a new brand. The name must not be an existing brand's (use that one), nor
   * one of the supplier's own proposals still pending. Other suppliers' proposals are never looked at,
   * so a proposal reveals nothing about theirs.
   */
  async proposeBrand(name: string, note: string | null | undefined): Promise<BrandProposal> {
    requireRoleAndPermission(this.principal, SUPPLIER_ROLES, EDIT_CATALOG);
    const supplierId = ownSupplierOnly(this.principal)!;
    const display = this.name(name, 200);
    const why = note?.trim() || null;
    if (why && why.length > 500)
      throw badInput('note must be at most 500 characters.', [{ field: 'note', message: 'at most 500 characters' }]);
    return inTransaction(this.em, async (em) => {
      const existing = await em.findOne(Brand, { name: display });
      if (existing)
        throw conflict(`Brand "${display}" already exists (id ${existing.id}); use it instead of proposing it.`);
      if (await em.count(BrandProposal, { supplierId, name: display, status: BrandProposalStatus.PENDING })) {
        throw conflict(`You already proposed "${display}"; it is waiting for the platform's decision.`);
      }
      const proposal = em.create(BrandProposal, {
        supplierId,
        name: display,
        note: why,
        status: BrandProposalStatus.PENDING,
        proposedBy: actorOf(this.principal),
        createdAt: new Date(),
      });
      await em.flush();
      return proposal;
    });
  }

  /** Proposals, oldest first (a review queue): the platform sees every supplier's, a supplier only its own. */
  async brandProposals(
    status: BrandProposalStatus,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<BrandProposal>> {
    requireRole(this.principal, ...SUPPLIER_ROLES_OR_PLATFORM);
    const limit = pageSize(first);
    const own = ownSupplierOnly(this.principal);
    const where: Record<string, unknown> = { status };
    if (own !== null) where.supplierId = own;
    if (after) where.id = { $gt: Number(decodeCursor(after, 1)[0]) };
    const rows = await this.em.find(BrandProposal, where, { orderBy: { id: 'ASC' }, limit: limit + 1 });
    return toConnection(rows, limit, (p) => [p.id], Boolean(after));
  }

  /**
   * Approval creates the brand under the proposed name, once, and authorises the proposer to sell it
   * (others apply for it like for any brand).
   */
  async approveBrandProposal(proposalRef: string): Promise<{ proposal: BrandProposal; brand: Brand }> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CATALOG);
    const id = await this.pendingProposal(proposalRef);
    return this.unique(
      'A brand with this name already exists; reject the proposal and point the supplier to it.',
      async (em) => {
        const proposal = await em.findOneOrFail(BrandProposal, { id });
        const brand = em.create(Brand, { name: proposal.name, createdAt: new Date() });
        await em.flush();
        await new SupplierOnboardingService(em, this.principal).grantIn(em, proposal.supplierId, [brand.id]);
        await this.decide(em, id, { status: BrandProposalStatus.APPROVED, brandId: brand.id });
        return { proposal: await em.findOneOrFail(BrandProposal, { id }, { refresh: true }), brand };
      },
    );
  }

  /** Rejection needs a reason the supplier can act on. */
  async rejectBrandProposal(proposalRef: string, reason: string): Promise<BrandProposal> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CATALOG);
    const why = reason.trim();
    if (why.length < 2 || why.length > 500)
      throw badInput('Give the supplier a reason (2–500 characters).', [{ field: 'reason', message: 'length 2–500' }]);
    const id = await this.pendingProposal(proposalRef);
    return inTransaction(this.em, async (em) => {
      await this.decide(em, id, { status: BrandProposalStatus.REJECTED, rejectionReason: why });
      return em.findOneOrFail(BrandProposal, { id }, { refresh: true });
    });
  }

  private async pendingProposal(ref: string): Promise<number> {
    const id = numericIds([ref])[0];
    const proposal = id ? await this.em.findOne(BrandProposal, { id }) : null;
    if (!proposal) throw notFound('Brand proposal', ref);
    if (proposal.status !== BrandProposalStatus.PENDING)
      throw conflict(`Brand proposal ${ref} was already ${proposal.status.toLowerCase()}.`);
    return proposal.id;
  }

  /** The one door out of PENDING: a conditional UPDATE, so two reviewers cannot both decide. */
  private async decide(em: SqlEntityManager, id: number, change: Partial<BrandProposal>): Promise<void> {
    const moved = await em
      .createQueryBuilder(BrandProposal)
      .update({ ...change, decidedBy: actorOf(this.principal), decidedAt: new Date() })
      .where({ id, status: BrandProposalStatus.PENDING })
      .execute('run');
    if (affectedCount(moved) !== 1) throw conflict(`Brand proposal ${id} was decided meanwhile.`);
  }

  /** A category under `parentId` (or at the top); its path is the parent's plus its own id. */
  async createCategory(name: string, parentId: string | null | undefined): Promise<Category> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CATALOG);
    const display = this.name(name, 120);
    return inTransaction(this.em, async (em) => {
      let parent: Category | null = null;
      if (parentId != null) {
        parent = await em.findOne(Category, { id: numericIds([parentId])[0] ?? 0 });
        if (!parent) throw notFound('Category', parentId);
        if (parent.path.split('/').filter(Boolean).length >= MAX_CATEGORY_DEPTH)
          throw badInput(`Categories nest at most ${MAX_CATEGORY_DEPTH} deep.`);
      }
      // The path needs the new id: insert with a placeholder, then set it in the same transaction.
      const category = em.create(Category, { name: display, parent: parent?.id ?? null, path: '/' });
      await em.flush();
      category.path = `${parent?.path ?? '/'}${category.id}/`;
      await em.flush();
      return category;
    });
  }

  /**
   * A new name for a category. Only the name changes: its id (in its descendants' paths and in every
   * SKU's copied path) stays, so nothing else is rewritten; no other table copies the name.
   */
  async renameCategory(ref: string, name: string): Promise<Category> {
    requireRoleAndPermission(this.principal, PLATFORM_ROLES, RUN_CATALOG);
    const display = this.name(name, 120);
    const id = numericIds([ref])[0];
    return inTransaction(this.em, async (em) => {
      const category = id ? await em.findOne(Category, { id }) : null;
      if (!category) throw notFound('Category', ref);
      category.name = display;
      await em.flush();
      return category;
    });
  }

  private name(value: string, max: number): string {
    const trimmed = value.trim();
    if (trimmed.length < 1 || trimmed.length > max)
      throw badInput(`name must be 1–${max} characters.`, [{ field: 'name', message: `length 1–${max}` }]);
    return trimmed;
  }

  private async unique<T>(
    message: string,
    work: (em: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<T>,
  ): Promise<T> {
    try {
      return await inTransaction(this.em, work);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw conflict(message);
      throw e;
    }
  }
}

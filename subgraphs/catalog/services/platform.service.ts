import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, notFound } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { Brand } from '../entities/brand';
import { Category } from '../entities/category';
import { Supplier } from '../entities/supplier';
import { inTransaction } from '../../../core/sql';

const MAX_CATEGORY_DEPTH = 8;

/** The platform operator's part of the catalogue: suppliers, brands and the category tree. */
export class PlatformCatalogService {
  constructor(private readonly em: SqlEntityManager, private readonly principal: Principal) {}

  async createSupplier(code: string, name: string): Promise<Supplier> {
    requireRole(this.principal, 'PLATFORM_ADMIN');
    if (!/^[A-Z0-9-]{2,40}$/.test(code)) throw badInput('code must be 2–40 capital letters, digits or dashes.', [{ field: 'code', message: 'format' }]);
    const display = this.name(name, 200);
    return this.unique(`Supplier code ${code} is already used.`, async (em) => {
      const supplier = em.create(Supplier, { code, name: display, createdAt: new Date() });
      await em.flush();
      return supplier;
    });
  }

  async createBrand(name: string): Promise<Brand> {
    requireRole(this.principal, 'PLATFORM_ADMIN');
    const display = this.name(name, 200);
    return this.unique(`Brand ${display} already exists.`, async (em) => {
      const brand = em.create(Brand, { name: display, createdAt: new Date() });
      await em.flush();
      return brand;
    });
  }

  /** A category under `parentId` (or at the top); its path is the parent's plus its own id. */
  async createCategory(name: string, parentId: string | null | undefined): Promise<Category> {
    requireRole(this.principal, 'PLATFORM_ADMIN');
    const display = this.name(name, 120);
    return inTransaction(this.em, async (em) => {
      let parent: Category | null = null;
      if (parentId != null) {
        parent = await em.findOne(Category, { id: numericIds([parentId])[0] ?? 0 });
        if (!parent) throw notFound('Category', parentId);
        if (parent.path.split('/').filter(Boolean).length >= MAX_CATEGORY_DEPTH) throw badInput(`Categories nest at most ${MAX_CATEGORY_DEPTH} deep.`);
      }
      // The path needs the new id: insert with a placeholder, then set it in the same transaction.
      const category = em.create(Category, { name: display, parent: parent?.id ?? null, path: '/' });
      await em.flush();
      category.path = `${parent?.path ?? '/'}${category.id}/`;
      await em.flush();
      return category;
    });
  }

  private name(value: string, max: number): string {
    const trimmed = value.trim();
    if (trimmed.length < 1 || trimmed.length > max) throw badInput(`name must be 1–${max} characters.`, [{ field: 'name', message: `length 1–${max}` }]);
    return trimmed;
  }

  private async unique<T>(message: string, work: (em: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.em, work);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw conflict(message);
      throw e;
    }
  }
}

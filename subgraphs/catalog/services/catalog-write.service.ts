import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { enqueueEvent } from '../../../core/outbox';
import { AppError, badInput, notFound, type FieldProblem } from '../../../core/errors';
import { numericIds } from '../../../core/loaders';
import { requireRoleAndPermission, type Principal } from '../../../core/identity';
import { brandNotAuthorised, unauthorisedBrands } from './supplier-onboarding.service';
import { Brand } from '../entities/brand';
import { Category } from '../entities/category';
import { Product } from '../entities/product';
import { AccountRule, API_DELIVERY_MODES, DeliveryMode, Sku, SkuKind, SkuStatus } from '../entities/sku';
import { Stock, StockAdjustment, StockAdjustmentMode } from '../entities/stock';
import { Supplier } from '../entities/supplier';
import { VirtualCardKind } from '../entities/virtual-card';
import { actorOf, assertVisible, canChangePrices, CATALOG_WRITERS, EDIT_CATALOG, writeScope } from './visibility';
import { inTransaction, isMySql } from '../../../core/sql';
import { LockMode } from '@mikro-orm/core';
import { SKU_SALE_STATUS_CHANGED, SKU_SUPPLIER_PRICE_CHANGED } from '../events';

/** Rows per bulk mutation: large enough for a supplier's spreadsheet, small enough for one transaction. */
export const MAX_BULK_ROWS = 1000;
/** Rows per SKU import job (one file), all checked together and written in one transaction. */
export const MAX_IMPORT_ROWS = 20_000;

/**
 * `upsertSkus` for an import job (up to MAX_IMPORT_ROWS rows): in the job's `em` — no transaction
 * while checking (dry run), its one write transaction otherwise — with the SKUs of its codes locked
 * when `lock` is set.
 */
export interface ImportJobOptions {
  em: SqlEntityManager;
  lock: boolean;
}
const MAX_NAME_VALUES = 30;
/** Reason on the audit row a new SKU's starting stock gets. */
export const INITIAL_STOCK_REASON = 'initial stock';

export interface NameValueRow {
  name: string;
  value: string;
}

export interface ProductRow {
  code: string;
  title: string;
  brandId: string;
  categoryId: string;
  description?: string | null;
  images?: string[] | null;
  attributes?: NameValueRow[] | null;
}

export interface ProductPatch {
  productId: string;
  title?: string | null;
  brandId?: string | null;
  categoryId?: string | null;
  description?: string | null;
  images?: string[] | null;
  attributes?: NameValueRow[] | null;
}

export interface SkuRow {
  code: string;
  /** The product, by the supplier's code (bulk uploads) or by id. Needed to create, ignored on update. */
  productCode?: string | null;
  productId?: string | null;
  specs?: NameValueRow[] | null;
  barcode?: string | null;
  supplierPriceFen?: number | null;
  listPriceFen?: number | null;
  weightGrams?: number | null;
  /** Makes the SKU VIRTUAL, drawing codes from this kind's pool. Only when creating. */
  virtualCardKindId?: string | null;
  /** Makes a new SKU VIRTUAL delivered this way (CODE_POOL needs the card kind; the others take none). */
  deliveryMode?: DeliveryMode | null;
  /** DIRECT_TOPUP: what the customer enters as the account to credit. */
  accountRule?: AccountRule | null;
  /** DIRECT_TOPUP / PARTNER_ISSUED: the partner's product code. */
  partnerProductCode?: string | null;
  status?: SkuStatus | null;
  /** Available units of a new SKU (default 0). */
  initialStock?: number | null;
}

export interface SkuPatch {
  skuId: string;
  specs?: NameValueRow[] | null;
  barcode?: string | null;
  supplierPriceFen?: number | null;
  listPriceFen?: number | null;
  weightGrams?: number | null;
  status?: SkuStatus | null;
  deliveryMode?: DeliveryMode | null;
  accountRule?: AccountRule | null;
  partnerProductCode?: string | null;
}

/**
 * The delivery settings a virtual SKU ends up with, checked together: CODE_POOL needs a card kind and
 * nothing else; DIRECT_TOPUP an account rule and a partner product code; PARTNER_ISSUED a partner
 * product code; BANK_SYSTEM neither. Problems go to `add(field, message)`.
 */
export function checkDelivery(
  mode: DeliveryMode | null,
  hasCardKind: boolean,
  accountRule: AccountRule | null,
  partnerProductCode: string | null,
  add: (field: string, message: string) => void,
): void {
  if (mode === null) {
    if (accountRule) add('accountRule', 'is only for DIRECT_TOPUP SKUs');
    if (partnerProductCode) add('partnerProductCode', 'is only for DIRECT_TOPUP and PARTNER_ISSUED SKUs');
    return;
  }
  if (mode === DeliveryMode.CODE_POOL && !hasCardKind) add('virtualCardKindId', 'is required for CODE_POOL delivery');
  if (mode !== DeliveryMode.CODE_POOL && hasCardKind)
    add('virtualCardKindId', `is only for CODE_POOL delivery, not ${mode}`);
  if (mode === DeliveryMode.DIRECT_TOPUP && !accountRule) add('accountRule', 'is required for DIRECT_TOPUP delivery');
  if (mode !== DeliveryMode.DIRECT_TOPUP && accountRule) add('accountRule', 'is only for DIRECT_TOPUP SKUs');
  const api = API_DELIVERY_MODES.includes(mode);
  if (partnerProductCode !== null) {
    if (!api) add('partnerProductCode', 'is only for DIRECT_TOPUP and PARTNER_ISSUED SKUs');
    else if (!/^[\x21-\x7e]{1,64}$/.test(partnerProductCode))
      add('partnerProductCode', 'must be 1–64 printable ASCII characters without spaces');
  } else if (api) add('partnerProductCode', `is required for ${mode} delivery`);
}

export interface UpsertResult<T> {
  created: T[];
  updated: T[];
}

type Mode = 'create' | 'update' | 'upsert';

/** Collects problems of one batch; a single problem anywhere means nothing is written. */
class Problems {
  readonly list: FieldProblem[] = [];
  constructor(private readonly single: boolean) {}
  add(index: number, field: string, message: string): void {
    this.list.push(this.single ? { field, message } : { index, field, message });
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const first = this.list[0]!;
    const where = this.single ? first.field : `row ${first.index}, ${first.field}`;
    const more = this.list.length > 1 ? ` (and ${this.list.length - 1} more problem(s))` : '';
    throw badInput(`Nothing was saved: ${where}: ${first.message}${more}.`, this.list);
  }
}

function text(
  p: Problems,
  i: number,
  field: string,
  value: string | null | undefined,
  max: number,
  required: boolean,
): void {
  if (value === null || value === undefined) {
    if (required) p.add(i, field, 'is required');
    return;
  }
  if (value.trim().length === 0) p.add(i, field, 'must not be blank');
  else if (value.length > max) p.add(i, field, `must be at most ${max} characters`);
}

function nonNegativeInt(
  p: Problems,
  i: number,
  field: string,
  value: number | null | undefined,
  max = 2_000_000_000,
): void {
  if (value === null || value === undefined) return;
  if (!Number.isSafeInteger(value) || value < 0 || value > max)
    p.add(i, field, `must be a whole number from 0 to ${max}`);
}

function nameValues(
  p: Problems,
  i: number,
  field: string,
  rows: NameValueRow[] | null | undefined,
): Record<string, string> | undefined {
  if (rows === null || rows === undefined) return undefined;
  if (rows.length > MAX_NAME_VALUES) p.add(i, field, `at most ${MAX_NAME_VALUES} entries`);
  const out: Record<string, string> = {};
  for (const { name, value } of rows) {
    if (!name.trim() || name.length > 40) p.add(i, field, 'names must be 1–40 characters');
    else if (value.length > 100) p.add(i, field, `value of ${name} must be at most 100 characters`);
    else if (name in out) p.add(i, field, `${name} appears twice`);
    else out[name.trim()] = value.trim();
  }
  return out;
}

function skuTitle(productTitle: string, specs: Record<string, string>): string {
  const values = Object.values(specs).filter(Boolean);
  return (values.length ? `${productTitle} ${values.join(' ')}` : productTitle).slice(0, 200);
}

/**
 * Suppliers' writes to their own catalogue: products and SKUs, one at a time or in batches of up to
 * 1,000 rows (all-or-nothing, every problem reported by row and field). Batches cost a handful of
 * statements: one lookup per referenced table, then multi-row INSERTs and batched UPDATEs at flush.
 */
export class CatalogWriteService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  // ---------- products ----------

  async upsertProducts(
    supplierRef: string | null | undefined,
    rows: ProductRow[],
    mode: Mode = 'upsert',
  ): Promise<UpsertResult<Product>> {
    const supplierId = writeScope(this.principal, supplierRef);
    const single = mode !== 'upsert';
    if (rows.length === 0) throw badInput('rows must not be empty.');
    if (rows.length > MAX_BULK_ROWS) throw badInput(`At most ${MAX_BULK_ROWS} rows per batch; split the upload.`);
    return inTransaction(this.em, async (em) => {
      await this.requireSupplier(em, supplierId);
      const p = new Problems(single);
      const seen = new Map<string, number>();
      const attributesOf: (Record<string, string> | undefined)[] = [];
      rows.forEach((r, i) => {
        text(p, i, 'code', r.code, 64, true);
        text(p, i, 'title', r.title, 200, true);
        if (r.description && r.description.length > 20_000) p.add(i, 'description', 'must be at most 20000 characters');
        if (r.images && (r.images.length > 20 || r.images.some((u) => !/^https?:\/\/\S{1,500}$/.test(u)))) {
          p.add(i, 'images', 'at most 20 http(s) URLs');
        }
        attributesOf.push(nameValues(p, i, 'attributes', r.attributes));
        const dup = seen.get(r.code);
        if (dup !== undefined) p.add(i, 'code', `duplicates row ${dup}`);
        else seen.set(r.code, i);
      });
      const [brands, categories, existing] = await Promise.all([
        em.find(Brand, { id: { $in: numericIds(rows.map((r) => r.brandId)) } }),
        em.find(Category, { id: { $in: numericIds(rows.map((r) => r.categoryId)) } }),
        em.find(Product, { supplier: supplierId, code: { $in: rows.map((r) => r.code) } }),
      ]);
      const brandById = new Map(brands.map((b) => [String(b.id), b]));
      const categoryById = new Map(categories.map((c) => [String(c.id), c]));
      const existingByCode = new Map(existing.map((e) => [e.code, e]));
      rows.forEach((r, i) => {
        if (!brandById.has(String(r.brandId))) p.add(i, 'brandId', `brand ${r.brandId} does not exist`);
        if (!categoryById.has(String(r.categoryId))) p.add(i, 'categoryId', `category ${r.categoryId} does not exist`);
        const exists = existingByCode.has(r.code);
        if (mode === 'create' && exists) p.add(i, 'code', `product code ${r.code} is already used`);
      });
      p.throwIfAny();
      const unauthorised = await unauthorisedBrands(
        em,
        this.principal,
        supplierId,
        numericIds(rows.map((r) => r.brandId)),
      );
      if (unauthorised.length) throw brandNotAuthorised(unauthorised);

      const created: Product[] = [];
      const updated: Product[] = [];
      rows.forEach((r, i) => {
        const attributes = attributesOf[i];
        const current = existingByCode.get(r.code);
        if (current) {
          current.title = r.title.trim();
          current.brand = em.getReference(Brand, Number(r.brandId)) as never;
          current.category = em.getReference(Category, Number(r.categoryId)) as never;
          if (r.description != null) current.description = r.description;
          if (r.images != null) current.images = r.images;
          if (attributes) current.attributes = attributes;
          updated.push(current);
        } else {
          created.push(
            em.create(Product, {
              supplier: supplierId,
              code: r.code.trim(),
              title: r.title.trim(),
              brand: Number(r.brandId),
              category: Number(r.categoryId),
              description: r.description ?? '',
              images: r.images ?? [],
              attributes: attributes ?? {},
              createdAt: new Date(),
              updatedAt: new Date(),
            }),
          );
        }
      });
      await this.propagateToSkus(em, updated, categoryById);
      await em.flush();
      return { created, updated };
    });
  }

  async updateProduct(patch: ProductPatch): Promise<Product> {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, EDIT_CATALOG);
    return inTransaction(this.em, async (em) => {
      const product = await em.findOne(Product, { id: numericIds([patch.productId])[0] ?? 0 });
      if (!product) throw notFound('Product', patch.productId);
      assertVisible(this.principal, product.supplier.id, 'Product', patch.productId);
      writeScope(this.principal, String(product.supplier.id));
      const p = new Problems(true);
      if (patch.title != null) text(p, 0, 'title', patch.title, 200, true);
      const attributes = nameValues(p, 0, 'attributes', patch.attributes);
      // The same rule as a new product's images (the console's editor sends them as typed).
      if (patch.images && (patch.images.length > 20 || patch.images.some((u) => !/^https?:\/\/\S{1,500}$/.test(u))))
        p.add(0, 'images', 'at most 20 http(s) URLs');
      const categories = new Map<string, Category>();
      if (patch.brandId != null && !(await em.findOne(Brand, { id: numericIds([patch.brandId])[0] ?? 0 }))) {
        p.add(0, 'brandId', `brand ${patch.brandId} does not exist`);
      }
      if (patch.categoryId != null) {
        const category = await em.findOne(Category, { id: numericIds([patch.categoryId])[0] ?? 0 });
        if (!category) p.add(0, 'categoryId', `category ${patch.categoryId} does not exist`);
        else categories.set(String(category.id), category);
      }
      p.throwIfAny();
      if (patch.brandId != null) {
        const unauthorised = await unauthorisedBrands(
          em,
          this.principal,
          product.supplier.id,
          numericIds([patch.brandId]),
        );
        if (unauthorised.length) throw brandNotAuthorised(unauthorised);
      }
      if (patch.title != null) product.title = patch.title.trim();
      if (patch.brandId != null) product.brand = em.getReference(Brand, Number(patch.brandId)) as never;
      if (patch.categoryId != null) product.category = em.getReference(Category, Number(patch.categoryId)) as never;
      if (patch.description != null) product.description = patch.description;
      if (patch.images != null) product.images = patch.images;
      if (attributes) product.attributes = attributes;
      await this.propagateToSkus(em, [product], categories);
      await em.flush();
      return product;
    });
  }

  /** SKUs carry copies of their product's title, brand and category for pool search; keep them in step. */
  private async propagateToSkus(
    em: SqlEntityManager,
    products: Product[],
    categoryById: Map<string, Category>,
  ): Promise<void> {
    if (products.length === 0) return;
    const missing = numericIds(products.map((p) => p.category.id).filter((id) => !categoryById.has(String(id))));
    if (missing.length)
      for (const c of await em.find(Category, { id: { $in: missing } })) categoryById.set(String(c.id), c);
    const skus = await em.find(Sku, { product: { $in: products.map((p) => p.id) } });
    const byId = new Map(products.map((p) => [p.id, p]));
    for (const sku of skus) {
      const product = byId.get(sku.product.id)!;
      sku.title = skuTitle(product.title, sku.specs);
      sku.brandId = product.brand.id;
      sku.categoryId = product.category.id;
      sku.categoryPath = categoryById.get(String(product.category.id))!.path;
    }
  }

  // ---------- SKUs ----------

  async upsertSkus(
    supplierRef: string | null | undefined,
    rows: SkuRow[],
    mode: Mode = 'upsert',
    dryRun = false,
    job?: ImportJobOptions,
  ): Promise<UpsertResult<Sku> & { wouldCreate?: number; wouldUpdate?: number }> {
    const supplierId = writeScope(this.principal, supplierRef);
    const single = mode !== 'upsert';
    const maxRows = job ? MAX_IMPORT_ROWS : MAX_BULK_ROWS;
    if (rows.length === 0) throw badInput('rows must not be empty.');
    if (rows.length > maxRows) throw badInput(`At most ${maxRows} rows per batch; split the upload.`);
    // An import job runs in its own `em`: its one write transaction, or (checking) no transaction at all.
    const unit = <T>(work: (em: SqlEntityManager) => Promise<T>) => (job ? work(job.em) : inTransaction(this.em, work));
    return unit(async (em) => {
      await this.requireSupplier(em, supplierId);
      const p = new Problems(single);
      const seen = new Map<string, number>();
      const specsOf: (Record<string, string> | undefined)[] = [];
      rows.forEach((r, i) => {
        text(p, i, 'code', r.code, 64, true);
        if (r.barcode != null && !/^[0-9A-Za-z-]{1,64}$/.test(r.barcode))
          p.add(i, 'barcode', 'must be 1–64 letters, digits or dashes');
        nonNegativeInt(p, i, 'supplierPriceFen', r.supplierPriceFen);
        nonNegativeInt(p, i, 'listPriceFen', r.listPriceFen);
        nonNegativeInt(p, i, 'weightGrams', r.weightGrams, 1_000_000);
        nonNegativeInt(p, i, 'initialStock', r.initialStock, 100_000_000);
        specsOf.push(nameValues(p, i, 'specs', r.specs));
        const dup = seen.get(r.code);
        if (dup !== undefined) p.add(i, 'code', `duplicates row ${dup}`);
        else seen.set(r.code, i);
      });
      const productCodes = rows.map((r) => r.productCode).filter((c): c is string => Boolean(c));
      const productIds = numericIds(rows.map((r) => r.productId).filter((c): c is string => Boolean(c)));
      const [existing, products, kinds] = await Promise.all([
        // An import's write locks the SKUs of its codes (and the gaps where new codes go) until it
        // commits, so nothing changes between this check and the write.
        em.find(
          Sku,
          { supplierId, code: { $in: rows.map((r) => r.code) } },
          job?.lock && isMySql(em) ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
        ),
        productCodes.length || productIds.length
          ? em.find(Product, {
              supplier: supplierId,
              $or: [{ code: { $in: productCodes } }, { id: { $in: productIds } }],
            })
          : Promise.resolve([] as Product[]),
        em.find(VirtualCardKind, { supplierId, id: { $in: numericIds(rows.map((r) => r.virtualCardKindId ?? '')) } }),
      ]);
      const existingByCode = new Map(existing.map((s) => [s.code, s]));
      const productByCode = new Map(products.map((x) => [x.code, x]));
      const productById = new Map(products.map((x) => [String(x.id), x]));
      const kindById = new Map(kinds.map((k) => [String(k.id), k]));
      const mayChangePrices = canChangePrices(this.principal);
      let staffPriceChange = false;
      // Staff may add a variant only at a price an admin already set for that product: the
      // (supplier price, list price) pairs of its existing SKUs. One extra lookup, for staff only.
      const pricesOf = new Map<number, Set<string>>();
      if (!mayChangePrices && products.length) {
        const siblings = await em.find(
          Sku,
          { product: { $in: products.map((x) => x.id) } },
          { fields: ['product', 'supplierPriceFen', 'listPriceFen'] },
        );
        for (const s of siblings) {
          const set = pricesOf.get(s.product.id) ?? new Set<string>();
          set.add(`${s.supplierPriceFen}:${s.listPriceFen}`);
          pricesOf.set(s.product.id, set);
        }
      }
      rows.forEach((r, i) => {
        const current = existingByCode.get(r.code);
        if (current) {
          if (mode === 'create') p.add(i, 'code', `SKU code ${r.code} is already used`);
          if (r.virtualCardKindId != null && String(current.virtualCardKindId ?? '') !== String(r.virtualCardKindId)) {
            p.add(i, 'virtualCardKindId', 'cannot be changed on an existing SKU');
          }
          if (r.deliveryMode != null || r.accountRule != null || r.partnerProductCode != null) {
            const mode = r.deliveryMode ?? current.deliveryMode ?? null;
            const fixed = (m: DeliveryMode | null | undefined) => m == null || m === DeliveryMode.CODE_POOL;
            if (
              r.deliveryMode != null &&
              r.deliveryMode !== current.deliveryMode &&
              (fixed(current.deliveryMode) || fixed(r.deliveryMode))
            )
              p.add(
                i,
                'deliveryMode',
                `cannot change from ${current.deliveryMode ?? current.kind} to ${r.deliveryMode}`,
              );
            else
              checkDelivery(
                mode,
                current.virtualCardKindId != null,
                mode === DeliveryMode.DIRECT_TOPUP
                  ? (r.accountRule ?? current.accountRule ?? null)
                  : (r.accountRule ?? null),
                API_DELIVERY_MODES.includes(mode as DeliveryMode)
                  ? (r.partnerProductCode ?? current.partnerProductCode ?? null)
                  : (r.partnerProductCode ?? null),
                (field, message) => p.add(i, field, message),
              );
          }
          const priceChange =
            (r.supplierPriceFen != null && r.supplierPriceFen !== current.supplierPriceFen) ||
            (r.listPriceFen != null && r.listPriceFen !== current.listPriceFen);
          if (priceChange && !mayChangePrices) {
            staffPriceChange = true;
            p.add(
              i,
              r.supplierPriceFen != null && r.supplierPriceFen !== current.supplierPriceFen
                ? 'supplierPriceFen'
                : 'listPriceFen',
              'supplier staff may not change prices; ask a supplier admin',
            );
          }
          const supplierPrice = r.supplierPriceFen ?? current.supplierPriceFen;
          const listPrice = r.listPriceFen ?? current.listPriceFen;
          if (supplierPrice >= 0 && supplierPrice > listPrice && listPrice >= 0)
            p.add(i, 'supplierPriceFen', 'must not exceed listPriceFen');
          return;
        }
        if (mode === 'update') {
          p.add(i, 'code', `no SKU with code ${r.code}`);
          return;
        }
        const product = r.productCode
          ? productByCode.get(r.productCode)
          : r.productId
            ? productById.get(String(r.productId))
            : undefined;
        if (!r.productCode && !r.productId) p.add(i, 'productCode', 'is required to create a SKU');
        else if (!product)
          p.add(
            i,
            r.productCode ? 'productCode' : 'productId',
            `no product ${r.productCode ?? r.productId} of this supplier`,
          );
        if (r.supplierPriceFen == null) p.add(i, 'supplierPriceFen', 'is required to create a SKU');
        if (r.listPriceFen == null) p.add(i, 'listPriceFen', 'is required to create a SKU');
        const pricesValid = [r.supplierPriceFen, r.listPriceFen].every(
          (v) => v != null && Number.isSafeInteger(v) && v >= 0,
        );
        if (pricesValid && r.supplierPriceFen! > r.listPriceFen!) {
          p.add(i, 'supplierPriceFen', 'must not exceed listPriceFen');
        }
        if (
          !mayChangePrices &&
          product &&
          pricesValid &&
          !pricesOf.get(product.id)?.has(`${r.supplierPriceFen}:${r.listPriceFen}`)
        ) {
          staffPriceChange = true;
          const known = [...(pricesOf.get(product.id) ?? [])].map((x) => x.replace(':', '/')).join(', ');
          p.add(
            i,
            'supplierPriceFen',
            `supplier staff may create a SKU only at a price a supplier admin already set for this product (supplier/list fen: ${known || 'none yet'}); ask a supplier admin`,
          );
        }
        if (r.virtualCardKindId != null && !kindById.has(String(r.virtualCardKindId))) {
          p.add(i, 'virtualCardKindId', `no virtual card kind ${r.virtualCardKindId} of this supplier`);
        }
        checkDelivery(
          r.deliveryMode ?? (r.virtualCardKindId != null ? DeliveryMode.CODE_POOL : null),
          r.virtualCardKindId != null,
          r.accountRule ?? null,
          r.partnerProductCode ?? null,
          (field, message) => p.add(i, field, message),
        );
        if (r.virtualCardKindId != null && (r.initialStock ?? 0) > 0) {
          p.add(
            i,
            'initialStock',
            "a card SKU's stock is the unissued codes of its pool; leave initialStock out and upload codes to the kind",
          );
        }
      });
      if (staffPriceChange && p.list.every((x) => x.message.startsWith('supplier staff'))) {
        // FORBIDDEN, with the rows it concerns, so a bulk upload shows which ones need an admin.
        throw new AppError(
          'FORBIDDEN',
          'Supplier staff may not set or change prices; nothing was saved. Ask a supplier admin.',
          { problems: p.list },
        );
      }
      p.throwIfAny();
      if (dryRun) {
        // Every check above ran (the same as a real upload's); nothing is written.
        const wouldUpdate = rows.filter((r) => existingByCode.has(r.code)).length;
        return { created: [], updated: [], wouldCreate: rows.length - wouldUpdate, wouldUpdate };
      }

      const categoryIds = numericIds(products.map((x) => x.category.id));
      const categories = new Map((await em.find(Category, { id: { $in: categoryIds } })).map((c) => [c.id, c]));
      const created: Sku[] = [];
      const updated: Sku[] = [];
      const initialStock = new Map<Sku, number>();
      const statusChanged: number[] = [];
      const supplierPriceChanged: number[] = [];
      rows.forEach((r, i) => {
        const current = existingByCode.get(r.code);
        if (current) {
          const specs = specsOf[i];
          if (specs) current.specs = specs;
          if (r.barcode !== undefined) current.barcode = r.barcode;
          if (r.supplierPriceFen != null && r.supplierPriceFen !== current.supplierPriceFen) {
            current.supplierPriceFen = r.supplierPriceFen;
            supplierPriceChanged.push(current.id);
          }
          if (r.listPriceFen != null) current.listPriceFen = r.listPriceFen;
          if (r.weightGrams != null) current.weightGrams = r.weightGrams;
          if (r.deliveryMode != null) current.deliveryMode = r.deliveryMode;
          if (current.deliveryMode !== DeliveryMode.DIRECT_TOPUP) current.accountRule = null;
          else if (r.accountRule != null) current.accountRule = r.accountRule;
          if (!API_DELIVERY_MODES.includes(current.deliveryMode as DeliveryMode)) current.partnerProductCode = null;
          else if (r.partnerProductCode != null) current.partnerProductCode = r.partnerProductCode;
          if (r.status != null && r.status !== current.status) {
            current.status = r.status;
            statusChanged.push(current.id);
          }
          updated.push(current);
          return;
        }
        const product = (r.productCode ? productByCode.get(r.productCode) : productById.get(String(r.productId)))!;
        const specs = specsOf[i] ?? {};
        const deliveryMode = r.deliveryMode ?? (r.virtualCardKindId != null ? DeliveryMode.CODE_POOL : null);
        const kind = deliveryMode !== null ? SkuKind.VIRTUAL : SkuKind.PHYSICAL;
        const sku = em.create(Sku, {
          product: product.id,
          supplierId,
          code: r.code.trim(),
          brandId: product.brand.id,
          categoryId: product.category.id,
          categoryPath: categories.get(product.category.id)!.path,
          title: skuTitle(product.title, specs),
          kind,
          virtualCardKindId: r.virtualCardKindId != null ? Number(r.virtualCardKindId) : null,
          deliveryMode,
          accountRule: r.accountRule ?? null,
          partnerProductCode: r.partnerProductCode ?? null,
          specs,
          barcode: r.barcode ?? null,
          supplierPriceFen: r.supplierPriceFen!,
          listPriceFen: r.listPriceFen!,
          weightGrams: kind === SkuKind.VIRTUAL ? 0 : (r.weightGrams ?? 0),
          status: r.status ?? SkuStatus.ACTIVE,
          createdAt: new Date(),
          updatedAt: new Date(),
        });
        created.push(sku);
        initialStock.set(sku, r.initialStock ?? 0);
      });
      // Specs changed on existing SKUs change their titles.
      if (updated.length) {
        const owners = await em.find(Product, { id: { $in: updated.map((s) => s.product.id) } });
        const titleOf = new Map(owners.map((o) => [o.id, o.title]));
        for (const sku of updated) sku.title = skuTitle(titleOf.get(sku.product.id)!, sku.specs);
      }
      // Banks' malls copy the status, and (for their search) the title of SKUs already listed: both announced.
      const announced = [...new Set([...statusChanged, ...updated.map((s) => s.id)])];
      if (announced.length) announceSaleStatus(em, announced);
      if (supplierPriceChanged.length) announceSupplierPrices(em, supplierPriceChanged);
      await em.flush(); // multi-row INSERT of the new SKUs (their ids come back), batched UPDATEs of the rest
      // Their stock rows, and the audit trail's first entry for every SKU that starts with units:
      // a SET from 0, by whoever created it, in the same transaction (multi-row INSERTs at flush).
      const now = new Date();
      const actor = actorOf(this.principal);
      for (const sku of created) {
        const units = initialStock.get(sku) ?? 0;
        em.create(Stock, { skuId: sku.id, available: units, reserved: 0, lowStockThreshold: 5, updatedAt: now });
        if (units > 0) {
          em.create(StockAdjustment, {
            skuId: sku.id,
            mode: StockAdjustmentMode.SET,
            delta: units,
            availableBefore: 0,
            availableAfter: units,
            reason: INITIAL_STOCK_REASON,
            actor,
            createdAt: now,
          });
        }
      }
      await em.flush();
      return { created, updated };
    });
  }

  async updateSku(patch: SkuPatch): Promise<Sku> {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, EDIT_CATALOG);
    const sku = await this.em.findOne(Sku, { id: numericIds([patch.skuId])[0] ?? 0 });
    if (!sku) throw notFound('SKU', patch.skuId);
    assertVisible(this.principal, sku.supplierId, 'SKU', patch.skuId);
    const { updated } = await this.upsertSkus(
      String(sku.supplierId),
      [
        {
          code: sku.code,
          specs: patch.specs,
          barcode: patch.barcode,
          supplierPriceFen: patch.supplierPriceFen,
          listPriceFen: patch.listPriceFen,
          weightGrams: patch.weightGrams,
          status: patch.status,
          deliveryMode: patch.deliveryMode,
          accountRule: patch.accountRule,
          partnerProductCode: patch.partnerProductCode,
        },
      ],
      'update',
    );
    return updated[0]!;
  }

  /** Takes SKUs off sale (they can no longer be reserved); all must be the caller's, or nothing changes. */
  async setSkuStatus(skuIds: string[], status: SkuStatus): Promise<Sku[]> {
    requireRoleAndPermission(this.principal, CATALOG_WRITERS, EDIT_CATALOG);
    if (skuIds.length === 0 || skuIds.length > MAX_BULK_ROWS) throw badInput(`Pass 1 to ${MAX_BULK_ROWS} SKU ids.`);
    return inTransaction(this.em, async (em) => {
      const ids = numericIds(skuIds);
      const skus = await em.find(Sku, { id: { $in: ids } });
      const found = new Map(skus.map((s) => [String(s.id), s]));
      const problems: FieldProblem[] = [];
      skuIds.forEach((id, index) => {
        const sku = found.get(String(Number(id)));
        if (!sku || !this.visibleForWrite(sku.supplierId))
          problems.push({ index, field: 'skuIds', message: `SKU ${id} not found` });
      });
      if (problems.length) throw notFoundWithProblems(problems);
      const changed = skus.filter((sku) => sku.status !== status);
      for (const sku of changed) sku.status = status;
      if (changed.length)
        announceSaleStatus(
          em,
          changed.map((sku) => sku.id),
        );
      await em.flush();
      return skuIds.map((id) => found.get(String(Number(id)))!);
    });
  }

  private visibleForWrite(supplierId: number): boolean {
    try {
      writeScope(this.principal, String(supplierId));
      return true;
    } catch {
      return false;
    }
  }

  private async requireSupplier(em: SqlEntityManager, supplierId: number): Promise<void> {
    if ((await em.count(Supplier, { id: supplierId })) === 0) throw notFound('Supplier', supplierId);
  }
}

/** In the caller's transaction: the event commits with the status change or not at all. */
function announceSaleStatus(em: SqlEntityManager, skuIds: number[]): void {
  // tenants' refreshSkuAvailability takes at most 1,000 SKUs a call.
  for (let i = 0; i < skuIds.length; i += 1000)
    enqueueEvent(em, SKU_SALE_STATUS_CHANGED, { skuIds: skuIds.slice(i, i + 1000).map(String) });
}

/**
 * In the caller's transaction. The key names this change, so each listing is notified about once
 * per change however often the relay delivers it (tenants reads the current prices back).
 */
function announceSupplierPrices(em: SqlEntityManager, skuIds: number[]): void {
  for (let i = 0; i < skuIds.length; i += SUPPLIER_PRICE_EVENT_SKUS) {
    const chunk = skuIds.slice(i, i + SUPPLIER_PRICE_EVENT_SKUS);
    enqueueEvent(em, SKU_SUPPLIER_PRICE_CHANGED, { skuIds: chunk.map(String), priceChangeKey: randomUUID() });
  }
}

/** SKUs per price-change event (tenants takes up to 1,000 per call). */
const SUPPLIER_PRICE_EVENT_SKUS = 500;

function notFoundWithProblems(problems: FieldProblem[]) {
  const e = notFound(`${problems.length} SKU(s)`);
  Object.assign(e.extensions, { problems });
  return e;
}

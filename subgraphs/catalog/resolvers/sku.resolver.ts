import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { notFound } from '../../../core/errors';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import { Brand } from '../entities/brand';
import { Category } from '../entities/category';
import { NameValue, nameValues, Product } from '../entities/product';
import { Sku, SkuKind } from '../entities/sku';
import { Stock, StockAdjustment } from '../entities/stock';
import { Supplier } from '../entities/supplier';
import { VirtualCardKind } from '../entities/virtual-card';
import { catalogLoaders } from '../loaders';
import { CatalogQueryService, ProductSaleStatus } from '../services/catalog-query.service';
import { StockService } from '../services/stock.service';
import { canSeeCardKinds, canSeeSupplierPrice } from '../services/visibility';

registerEnumType(ProductSaleStatus, {
  name: 'ProductSaleStatus',
  description: 'ON_SALE: at least one of its SKUs is ACTIVE; OFF_SALE: none is.',
});

@InputType({ description: "Filters of a supplier's product list; all optional, combined with AND." })
export class ProductFilter {
  @Field(() => String, { nullable: true, description: 'Words in the title or product code (up to 100 characters).' })
  @Text({ max: 100 })
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this brand.' })
  brandId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this category and its descendants.' })
  categoryId?: string | null;

  @Field(() => ProductSaleStatus, { nullable: true, description: 'Only products with (or without) a SKU on sale.' })
  status?: ProductSaleStatus | null;
}

@ArgsType()
export class SupplierProductsArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'The supplier (suppliers: their own, the default; the platform must name it).',
  })
  supplierId?: string | null;

  @Field(() => ProductFilter, { nullable: true, description: 'Filters.' })
  filter?: ProductFilter | null;
}

@ObjectType()
export class CategoryConnection extends ConnectionType(Category, 'Category') {}

@ObjectType()
export class SkuConnection extends ConnectionType(Sku, 'Sku') {}

@ObjectType()
export class ProductConnection extends ConnectionType(Product, 'Product') {}

@ObjectType()
export class BrandConnection extends ConnectionType(Brand, 'Brand') {}

@ObjectType()
export class SupplierConnection extends ConnectionType(Supplier, 'Supplier') {}

@ObjectType()
export class StockAdjustmentConnection extends ConnectionType(StockAdjustment, 'StockAdjustment') {}

@Resolver(() => Sku)
export class SkuResolver {
  @Query(() => Sku, { description: 'One SKU of the shared pool (suppliers: only their own).' })
  async sku(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Sku> {
    const sku = await catalogLoaders(ctx).sku.load(id);
    if (!sku) throw notFound('SKU', id);
    return sku;
  }

  @FieldResolver(() => Product, { description: 'The product this SKU is a variant of.' })
  async product(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Product> {
    return (await catalogLoaders(ctx).product.load(sku.product.id))!;
  }

  @FieldResolver(() => Brand, { description: 'The brand.' })
  async brand(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Brand> {
    return (await catalogLoaders(ctx).brand.load(sku.brandId))!;
  }

  @FieldResolver(() => Supplier, { description: 'Who supplies and ships it.' })
  async supplier(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Supplier> {
    return (await catalogLoaders(ctx).supplier.load(sku.supplierId))!;
  }

  @FieldResolver(() => Category, { description: 'The category.' })
  async category(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Category> {
    return (await catalogLoaders(ctx).category.load(sku.categoryId))!;
  }

  @FieldResolver(() => [NameValue], { description: 'Spec values that tell this variant apart, e.g. 颜色 = 黑色.' })
  specs(@Root() sku: Sku): NameValue[] {
    return nameValues(sku.specs);
  }

  @FieldResolver(() => Stock, { description: 'Stock of this SKU.' })
  async stock(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Stock> {
    const stock = await catalogLoaders(ctx).stock.load(sku.id);
    return (
      stock ??
      Object.assign(new Stock(), {
        skuId: sku.id,
        available: 0,
        reserved: 0,
        lowStockThreshold: 5,
        updatedAt: sku.createdAt,
      })
    );
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'What a bank pays the supplier per unit, in fen. Null for customers and partner apps.',
  })
  supplierPriceFen(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): number | null {
    return canSeeSupplierPrice(ctx.principal, sku) ? sku.supplierPriceFen : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "DIRECT_TOPUP / PARTNER_ISSUED: the partner's product code sent with each issue request (back-office detail: null for customers and partner apps).",
  })
  partnerProductCode(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): string | null {
    return canSeeCardKinds(ctx.principal) ? (sku.partnerProductCode ?? null) : null;
  }

  @FieldResolver(() => VirtualCardKind, {
    nullable: true,
    description:
      'For virtual SKUs: the card kind whose pool issues the codes (visible to its supplier and the platform).',
  })
  async virtualCardKind(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<VirtualCardKind | null> {
    if (sku.kind !== SkuKind.VIRTUAL || !sku.virtualCardKindId) return null;
    if (!canSeeCardKinds(ctx.principal)) return null;
    return catalogLoaders(ctx).virtualCardKind.load(sku.virtualCardKindId);
  }
}

@Resolver(() => Stock)
export class StockResolver {
  @FieldResolver(() => Boolean, { description: 'True when available units are at or below the low-stock threshold.' })
  lowStock(@Root() stock: Stock): boolean {
    return stock.available <= stock.lowStockThreshold;
  }

  @FieldResolver(() => StockAdjustmentConnection, {
    description: 'The audit trail of manual adjustments, newest first (the owning supplier and the platform).',
  })
  async adjustments(
    @Root() stock: Stock,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<StockAdjustment>> {
    const sku = await catalogLoaders(ctx).sku.load(stock.skuId);
    if (!sku) throw notFound('SKU', stock.skuId);
    return new StockService(ctx.em, ctx.principal).adjustments(
      sku.id,
      sku.supplierId,
      page,
      catalogLoaders(ctx).adjustmentPagesOfSku,
    );
  }
}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, { description: 'One product (suppliers: only their own).' })
  async product(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Product> {
    const product = await catalogLoaders(ctx).product.load(id);
    if (!product) throw notFound('Product', id);
    return product;
  }

  @FieldResolver(() => Supplier, { description: 'Who publishes it.' })
  async supplier(@Root() product: Product, @Ctx() ctx: SubgraphContext): Promise<Supplier> {
    return (await catalogLoaders(ctx).supplier.load(product.supplier.id))!;
  }

  @FieldResolver(() => Brand, { description: 'The brand.' })
  async brand(@Root() product: Product, @Ctx() ctx: SubgraphContext): Promise<Brand> {
    return (await catalogLoaders(ctx).brand.load(product.brand.id))!;
  }

  @FieldResolver(() => Category, { description: 'The category.' })
  async category(@Root() product: Product, @Ctx() ctx: SubgraphContext): Promise<Category> {
    return (await catalogLoaders(ctx).category.load(product.category.id))!;
  }

  @FieldResolver(() => [NameValue], { description: 'Product attributes, e.g. 材质 = 不锈钢.' })
  attributes(@Root() product: Product): NameValue[] {
    return nameValues(product.attributes);
  }

  @Query(() => ProductConnection, {
    description:
      "A supplier's products, newest first, by words, brand, category and sale status (supplier MANAGE_CATALOG, the platform's MANAGE_SUPPLIERS; another supplier's id is NOT_FOUND).",
  })
  supplierProducts(
    @Args(() => SupplierProductsArgs) args: SupplierProductsArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Product>> {
    return new CatalogQueryService(ctx.em, ctx.principal).supplierProducts(
      args.supplierId,
      args.filter ?? {},
      args.first,
      args.after,
    );
  }

  @FieldResolver(() => Int, { description: 'How many SKUs (variants) the product has, in every status.' })
  async skuCount(@Root() product: Product, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await catalogLoaders(ctx).productSkuCounts.load(product.id))!.skus;
  }

  @FieldResolver(() => Int, { description: 'How many of its SKUs are on sale (ACTIVE).' })
  async skusOnSale(@Root() product: Product, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await catalogLoaders(ctx).productSkuCounts.load(product.id))!.onSale;
  }

  @FieldResolver(() => [Sku], { description: 'The variants (a bounded list: one product has at most a few dozen).' })
  skus(@Root() product: Product, @Ctx() ctx: SubgraphContext): Promise<Sku[]> {
    return catalogLoaders(ctx).skusOfProduct.load(product.id);
  }
}

@Resolver(() => Supplier)
export class SupplierResolver {
  @Query(() => Supplier, { description: 'A supplier by id.' })
  async supplier(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Supplier> {
    const supplier = await catalogLoaders(ctx).supplier.load(id);
    if (!supplier) throw notFound('Supplier', id);
    return supplier;
  }

  @Query(() => SupplierConnection, {
    description: 'Suppliers of the pool by name, to filter it (bank staff and the platform).',
  })
  suppliers(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Connection<Supplier>> {
    return new CatalogQueryService(ctx.em, ctx.principal).suppliers(page.first, page.after);
  }

  @FieldResolver(() => ProductConnection, {
    description: "This supplier's products, newest first (suppliers: only their own).",
  })
  products(
    @Root() supplier: Supplier,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Product>> {
    return new CatalogQueryService(ctx.em, ctx.principal).productsOf(
      supplier.id,
      page,
      catalogLoaders(ctx).productPagesOfSupplier,
    );
  }

  @FieldResolver(() => SkuConnection, {
    description: "This supplier's SKUs in every status, newest first (suppliers: only their own).",
  })
  skus(
    @Root() supplier: Supplier,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Sku>> {
    return new CatalogQueryService(ctx.em, ctx.principal).skusOf(
      supplier.id,
      page,
      catalogLoaders(ctx).skuPagesOfSupplier,
    );
  }
}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], {
    description: 'Children of a category, or the top level without parentId (a tree level is small).',
  })
  categories(
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Category[]> {
    return new CatalogQueryService(ctx.em, ctx.principal).categories(parentId ?? null);
  }

  @Query(() => CategoryConnection, {
    description: 'One level of the category tree (children of parentId, or the top level), by id, keyset paged.',
  })
  categoryLevel(
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Category>> {
    return new CatalogQueryService(ctx.em, ctx.principal).categoryLevel(parentId ?? null, page.first, page.after);
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The parent, null at the top.' })
  async parent(@Root() category: Category, @Ctx() ctx: SubgraphContext): Promise<Category | null> {
    return category.parent ? catalogLoaders(ctx).category.load(category.parent.id) : null;
  }
}

@Resolver(() => Brand)
export class BrandResolver {
  @Query(() => BrandConnection, { description: 'Brands by name.' })
  brands(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Connection<Brand>> {
    return new CatalogQueryService(ctx.em, ctx.principal).brands(page.first, page.after);
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { notFound } from '../../../core/errors';
import { Brand } from '../entities/brand';
import { Product } from '../entities/product';
import { Sku } from '../entities/sku';
import { Stock } from '../entities/stock';
import { Supplier } from '../entities/supplier';
import { catalogLoaders } from '../loaders';
import { canSeeSupplierPrice } from '../services/visibility';

@Resolver(() => Sku)
export class SkuResolver {
  @Query(() => Sku, { description: 'One SKU of the shared pool.' })
  async sku(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Sku> {
    const sku = await catalogLoaders(ctx).sku.load(id);
    if (!sku) throw notFound('SKU', id);
    return sku;
  }

  @FieldResolver(() => Product, { description: 'The product this SKU is a variant of.' })
  async product(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Product> {
    return (await catalogLoaders(ctx).product.load(sku.product.id))!;
  }

  @FieldResolver(() => Brand)
  async brand(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Brand> {
    return (await catalogLoaders(ctx).brand.load(sku.brandId))!;
  }

  @FieldResolver(() => Supplier)
  async supplier(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Supplier> {
    return (await catalogLoaders(ctx).supplier.load(sku.supplierId))!;
  }

  @FieldResolver(() => Stock)
  async stock(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): Promise<Stock> {
    const stock = await catalogLoaders(ctx).stock.load(sku.id);
    return stock ?? Object.assign(new Stock(), { skuId: sku.id, available: 0, reserved: 0 });
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'What a bank pays the supplier per unit, in fen. Null for customers and partner apps.',
  })
  supplierPriceFen(@Root() sku: Sku, @Ctx() ctx: SubgraphContext): number | null {
    return canSeeSupplierPrice(ctx.principal, sku) ? sku.supplierPriceFen : null;
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
}

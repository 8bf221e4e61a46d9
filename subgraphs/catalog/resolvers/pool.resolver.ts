import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { PageArgs, type Connection } from '../../../core/pagination';
import { AccountRule, DeliveryMode, Sku, SkuKind, SkuStatus } from '../entities/sku';
import { PoolSearchService, PoolSort, type PoolFilter, type SkuFactsRow } from '../services/pool-search.service';
import { SkuConnection } from './sku.resolver';
import { FenAmount } from '../../../core/input-rules';
import { GraphQLSafeInt } from 'graphql-scalars';

registerEnumType(PoolSort, { name: 'PoolSort', description: 'Order of pool search results.' });

@InputType({
  description: 'What to look for in the shared pool. Every field narrows the result; omitted fields do not.',
})
export class SkuPoolFilter implements PoolFilter {
  @Field(() => [ID], { nullable: true, description: 'Any of these brands.' })
  brandIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'This category and all its descendants.' })
  categoryId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Any of these suppliers.' })
  supplierIds?: string[] | null;

  @Field(() => FenAmount, { nullable: true, description: 'Supplier price at least this (fen).' })
  minSupplierPriceFen?: number | null;

  @Field(() => FenAmount, { nullable: true, description: 'Supplier price at most this (fen).' })
  maxSupplierPriceFen?: number | null;

  @Field(() => SkuKind, { nullable: true, description: 'Physical or virtual only.' })
  kind?: SkuKind | null;

  @Field(() => Boolean, { nullable: true, description: 'Only SKUs with available stock.' })
  inStockOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Words that must all appear in the title.' })
  text?: string | null;
}

@ObjectType({ description: 'Internal (tenants): the facts mall curation needs about a pool SKU.' })
@Directive('@inaccessible')
export class CurationSku {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field(() => GraphQLSafeInt)
  supplierPriceFen!: number;

  @Field(() => GraphQLSafeInt)
  listPriceFen!: number;

  @Field(() => SkuKind)
  kind!: SkuKind;

  @Field(() => SkuStatus)
  status!: SkuStatus;

  @Field(() => String)
  title!: string;

  @Field(() => DeliveryMode, { nullable: true, description: 'How a virtual SKU is delivered (null: physical).' })
  deliveryMode?: DeliveryMode | null;

  @Field(() => AccountRule, {
    nullable: true,
    description: 'DIRECT_TOPUP: the rule the recipient account must follow.',
  })
  accountRule?: AccountRule | null;

  @Field(() => String, { nullable: true, description: "DIRECT_TOPUP / PARTNER_ISSUED: the partner's product code." })
  partnerProductCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The brand (mall search facets).' })
  brandId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Category path, e.g. "/1/7/42/" (mall search: a category with its descendants).',
  })
  categoryPath?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it can be sold now (stock or card codes).' })
  inStock?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Version of inStock: grows each time the stock (or card pool) crosses zero, so a copy keeps the newest.',
  })
  stockVersion?: number | null;

  /** The supplier's shipping terms, when read with the SKU (curationSkusByIds); else the field resolvers load them. */
  shipping?: { feeFen: number; overFen: number | null };

  /** Its category's return window, when read with the SKU (curationSkusByIds): undefined = not read, null = platform default. */
  categoryReturnDays?: number | null;
}

function curationSku(s: SkuFactsRow): CurationSku {
  return {
    id: String(s.id),
    supplierId: String(s.supplierId),
    supplierPriceFen: s.supplierPriceFen,
    listPriceFen: s.listPriceFen,
    kind: s.kind,
    status: s.status,
    title: s.title,
    deliveryMode: s.deliveryMode ?? (s.kind === SkuKind.VIRTUAL ? DeliveryMode.CODE_POOL : null),
    accountRule: s.accountRule ?? null,
    partnerProductCode: s.partnerProductCode ?? null,
    brandId: s.brandId != null ? String(s.brandId) : null,
    categoryPath: s.categoryPath ?? null,
    inStock: s.inStock ?? null,
    stockVersion: s.stockVersion ?? null,
  };
}

@Resolver()
export class PoolResolver {
  @Query(() => SkuConnection, {
    description: 'Search the shared pool (bank staff and the platform): ACTIVE SKUs, keyset-paginated.',
  })
  poolSkus(
    @Arg('filter', () => SkuPoolFilter, { nullable: true, description: 'What to look for.' })
    filter: SkuPoolFilter | undefined,
    @Arg('sort', () => PoolSort, {
      nullable: true,
      defaultValue: PoolSort.NEWEST,
      description: 'Order (default NEWEST).',
    })
    sort: PoolSort,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Sku>> {
    // Browsing may lag the primary: the page comes from the read replica when one is configured; each
    // SKU's stock and anything a purchase reads come from the primary (field resolvers, saga calls).
    return new PoolSearchService(ctx.em, ctx.principal, 'replica').search(filter ?? {}, sort, page.first, page.after);
  }

  @Query(() => [CurationSku], {
    description:
      'Internal (tenants): ACTIVE SKUs matching the filter, by id ascending, strictly after afterId, at most limit (1..5000).',
  })
  @Directive('@inaccessible')
  async curationSkus(
    @Arg('filter', () => SkuPoolFilter) filter: SkuPoolFilter,
    @Arg('afterId', () => ID, { nullable: true }) afterId: string | undefined,
    @Arg('limit', () => Int) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CurationSku[]> {
    const service = new PoolSearchService(ctx.em, ctx.principal);
    const skus = await service.curation(filter, afterId, limit);
    // One more statement per page: whether each is in stock (tenants copies it for the mall search).
    const stock = await service.stockFacts(skus.map((s) => s.id));
    return skus.map((s) => curationSku({ ...s, ...stock.get(s.id) }));
  }

  @Query(() => [CurationSku], {
    description: 'Internal (tenants): the given SKUs in any status, for price checks; unknown ids are absent.',
  })
  @Directive('@inaccessible')
  async curationSkusByIds(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: SubgraphContext): Promise<CurationSku[]> {
    return (await new PoolSearchService(ctx.em, ctx.principal).byIdsWithShipping(ids)).map((r) => ({
      ...curationSku(r),
      shipping: { feeFen: r.shippingFeeFen, overFen: r.freeShippingOverFen },
      categoryReturnDays: r.returnDays,
    }));
  }
}

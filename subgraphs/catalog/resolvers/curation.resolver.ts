/**
 * PROVISIONAL (written on branch `tenants`; replaced by the catalog engineer's version on merge —
 * keep this exact contract): SERVICE-only pool queries for the tenants subgraph's bulk curation.
 *
 *   input SkuPoolFilter { brandIds: [ID!], categoryId: ID, supplierIds: [ID!], minSupplierPriceFen: Int,
 *                         maxSupplierPriceFen: Int, kind: SkuKind, inStockOnly: Boolean, text: String }
 *   type CurationSku { id: ID!, supplierId: ID!, supplierPriceFen: Int!, listPriceFen: Int!, kind: SkuKind!,
 *                      status: SkuStatus!, title: String! }
 *   Query.curationSkus(filter: SkuPoolFilter!, afterId: ID, limit: Int!): [CurationSku!]!
 *   Query.curationSkusByIds(ids: [ID!]!): [CurationSku!]!
 */
import { Arg, Ctx, Directive, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import type { SubgraphContext } from '../../../core/subgraph';
import { SkuKind, SkuStatus, type Sku } from '../entities/sku';
import { CurationService } from '../services/curation.service';

@InputType({ description: 'Which pool SKUs a bank wants to curate.' })
export class SkuPoolFilter {
  @Field(() => [ID], { nullable: true })
  brandIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'This category and its descendants.' })
  categoryId?: string | null;

  @Field(() => [ID], { nullable: true })
  supplierIds?: string[] | null;

  @Field(() => Int, { nullable: true })
  minSupplierPriceFen?: number | null;

  @Field(() => Int, { nullable: true })
  maxSupplierPriceFen?: number | null;

  @Field(() => SkuKind, { nullable: true })
  kind?: SkuKind | null;

  @Field(() => Boolean, { nullable: true })
  inStockOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Substring of the title.' })
  text?: string | null;
}

@ObjectType({ description: 'Internal: what bulk curation needs to know about a pool SKU.' })
export class CurationSku {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field(() => Int)
  supplierPriceFen!: number;

  @Field(() => Int)
  listPriceFen!: number;

  @Field(() => SkuKind)
  kind!: SkuKind;

  @Field(() => SkuStatus)
  status!: SkuStatus;

  @Field(() => String)
  title!: string;
}

const toCurationSku = (s: Sku): CurationSku => ({
  id: String(s.id),
  supplierId: String(s.supplierId),
  supplierPriceFen: s.supplierPriceFen,
  listPriceFen: s.listPriceFen,
  kind: s.kind,
  status: s.status,
  title: s.title,
});

const ids = (values: string[] | null | undefined, field: string): number[] | null => {
  if (!values) return null;
  return values.map((v) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw badInput(`${field} must hold ids.`, [{ field, message: `not an id: ${v}` }]);
    return n;
  });
};

@Resolver()
export class CurationResolver {
  @Query(() => [CurationSku], { description: 'Internal (tenants): ACTIVE SKUs matching a pool filter, id ascending, after afterId.' })
  @Directive('@inaccessible')
  async curationSkus(
    @Arg('filter', () => SkuPoolFilter) filter: SkuPoolFilter,
    @Arg('afterId', () => ID, { nullable: true }) afterId: string | null | undefined,
    @Arg('limit', () => Int) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CurationSku[]> {
    requireRole(ctx.principal, 'SERVICE');
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw badInput('limit must be 1 to 5000.', [{ field: 'limit', message: '1–5000' }]);
    const after = afterId == null ? null : ids([afterId], 'afterId')![0]!;
    const categoryId = filter.categoryId == null ? null : ids([filter.categoryId], 'filter.categoryId')![0]!;
    const rows = await new CurationService(ctx.em).page(
      { ...filter, brandIds: ids(filter.brandIds, 'filter.brandIds'), supplierIds: ids(filter.supplierIds, 'filter.supplierIds'), categoryId },
      after,
      limit,
    );
    return rows.map(toCurationSku);
  }

  @Query(() => [CurationSku], { description: 'Internal (tenants): SKUs by id, any status, for price-below-cost checks.' })
  @Directive('@inaccessible')
  async curationSkusByIds(@Arg('ids', () => [ID]) skuIds: string[], @Ctx() ctx: SubgraphContext): Promise<CurationSku[]> {
    requireRole(ctx.principal, 'SERVICE');
    if (skuIds.length > 10000) throw badInput('At most 10,000 ids per call.');
    return (await new CurationService(ctx.em).byIds(ids(skuIds, 'ids')!)).map(toCurationSku);
  }
}

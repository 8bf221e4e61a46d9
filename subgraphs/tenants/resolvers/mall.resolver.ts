import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../../core/errors';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Bank } from '../entities/bank';
import { Listing } from '../entities/listing';
import { Mall } from '../entities/mall';
import { SkuRef } from '../entities/sku-ref';
import { tenantsLoaders } from '../loaders';
import { assertSameBank } from '../services/access';
import { ListingService } from '../services/listing.service';

@ObjectType()
export class ListingConnection extends ConnectionType(Listing, 'Listing') {}

@Resolver(() => Mall)
export class MallResolver {
  @Query(() => Mall, { description: 'A mall of your bank (platform admins: any mall).' })
  async mall(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Mall> {
    const mall = await tenantsLoaders(ctx).mall.load(id);
    if (!mall) throw notFound('Mall', id);
    assertSameBank(ctx.principal, mall.bank.id, 'Mall', id);
    return mall;
  }

  @FieldResolver(() => Bank)
  async bank(@Root() mall: Mall, @Ctx() ctx: SubgraphContext): Promise<Bank> {
    return (await tenantsLoaders(ctx).bank.load(mall.bank.id))!;
  }

  @FieldResolver(() => ListingConnection, { description: 'Listings of this mall, featured first.' })
  listings(@Root() mall: Mall, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Connection<Listing>> {
    return new ListingService(ctx.em, ctx.principal).listingsOfMall(mall, page.first, page.after);
  }
}

@Resolver(() => Listing)
export class ListingResolver {
  @FieldResolver(() => SkuRef, { description: 'The pool SKU on offer.' })
  sku(@Root() listing: Listing): SkuRef {
    return { id: String(listing.skuId) };
  }

  @FieldResolver(() => Mall)
  async mall(@Root() listing: Listing, @Ctx() ctx: SubgraphContext): Promise<Mall> {
    return (await tenantsLoaders(ctx).mall.load(listing.mall.id))!;
  }
}

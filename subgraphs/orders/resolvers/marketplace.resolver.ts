import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { EntityRef } from '../../../core/entity-ref';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { MarketplaceSalesService } from '../services/marketplace.service';
import { SupplierRef } from './types';

/** The tenants' Bank, as the marketplace figures point at it. */
export const BankRef = EntityRef('Bank', { resolvable: false });
export type BankRef = InstanceType<typeof BankRef>;

@InputType({ description: 'A range of UTC days, both ends included, at most 366.' })
export class MarketplaceSalesInput {
  @Field(() => String, { description: 'First day, YYYY-MM-DD (UTC).' }) fromDay!: string;
  @Field(() => String, { description: 'Last day, YYYY-MM-DD (UTC), included.' }) toDay!: string;
}

@ObjectType({ description: 'Marketplace-wide sales over a range of UTC days (the platform).' })
export class MarketplaceSalesTotals {
  @Field(() => String) fromDay!: string;
  @Field(() => String) toDay!: string;
  @Field(() => Int, { description: 'Orders paid, every bank.' }) orders!: number;
  @Field(() => GraphQLSafeInt, { description: 'GMV paid in cash, fen, net of refunds.' }) gmvCashFen!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'GMV paid in points, valued in fen at each bank’s rate, net of refunds.',
  })
  gmvPointsValueFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'gmvCashFen + gmvPointsValueFen.' }) gmvFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Sales at supplier price, fen, every supplier, net of refunds.' })
  supplierSalesFen!: number;
}

@ObjectType({ description: 'One bank’s GMV over the range.' })
export class MarketplaceBankGmv {
  bankId!: number;
  @Field(() => Int) orders!: number;
  @Field(() => GraphQLSafeInt) gmvCashFen!: number;
  @Field(() => GraphQLSafeInt) gmvPointsValueFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Cash plus points value, fen.' }) gmvFen!: number;
}

@ObjectType({ description: 'One supplier’s sales at supplier price over the range.' })
export class MarketplaceSupplierSales {
  supplierId!: number;
  @Field(() => Int, { description: 'Supplier orders paid.' }) orders!: number;
  @Field(() => Int, { description: 'Units sold, net of refunds.' }) units!: number;
  @Field(() => GraphQLSafeInt, { description: 'At supplier price, fen, net of refunds.' }) salesFen!: number;
}

const MarketplaceBankGmvConnection = ConnectionType(MarketplaceBankGmv, 'MarketplaceBankGmv');
const MarketplaceSupplierSalesConnection = ConnectionType(MarketplaceSupplierSales, 'MarketplaceSupplierSales');

@Resolver()
export class MarketplaceSalesResolver {
  @Query(() => MarketplaceSalesTotals, {
    description:
      'Marketplace-wide sales over a range of UTC days: orders, GMV in cash and points value, sales at supplier price (the platform with SEE_REPORTS; banks and suppliers are FORBIDDEN). Two SQL statements whatever the range.',
  })
  async marketplaceSales(
    @Arg('input', () => MarketplaceSalesInput) input: MarketplaceSalesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MarketplaceSalesTotals> {
    const t = await new MarketplaceSalesService(ctx.em, ctx.principal).totals(input.fromDay, input.toDay);
    return { ...t, gmvFen: t.gmvCashFen + t.gmvPointsValueFen };
  }

  @Query(() => MarketplaceBankGmvConnection, {
    description:
      'GMV by bank over a range of UTC days, by bank id, keyset paged (the platform with SEE_REPORTS). One GROUP BY over the range’s report rows.',
  })
  async marketplaceGmvByBank(
    @Arg('input', () => MarketplaceSalesInput) input: MarketplaceSalesInput,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<MarketplaceBankGmv>> {
    const c = await new MarketplaceSalesService(ctx.em, ctx.principal).byBank(
      input.fromDay,
      input.toDay,
      page.first,
      page.after,
    );
    return {
      ...c,
      edges: c.edges.map((e) => ({ ...e, node: { ...e.node, gmvFen: e.node.gmvCashFen + e.node.gmvPointsValueFen } })),
    };
  }

  @Query(() => MarketplaceSupplierSalesConnection, {
    description:
      'Sales at supplier price by supplier over a range of UTC days, by supplier id, keyset paged (the platform with SEE_REPORTS). One GROUP BY over the range’s report rows.',
  })
  marketplaceSalesBySupplier(
    @Arg('input', () => MarketplaceSalesInput) input: MarketplaceSalesInput,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<MarketplaceSupplierSales>> {
    return new MarketplaceSalesService(ctx.em, ctx.principal).bySupplier(
      input.fromDay,
      input.toDay,
      page.first,
      page.after,
    );
  }
}

@Resolver(() => MarketplaceBankGmv)
export class MarketplaceBankGmvResolver {
  @FieldResolver(() => ID)
  bankId(@Root() r: MarketplaceBankGmv): string {
    return String(r.bankId);
  }

  @FieldResolver(() => BankRef)
  bank(@Root() r: MarketplaceBankGmv): BankRef {
    return { id: String(r.bankId) };
  }
}

@Resolver(() => MarketplaceSupplierSales)
export class MarketplaceSupplierSalesResolver {
  @FieldResolver(() => ID)
  supplierId(@Root() r: MarketplaceSupplierSales): string {
    return String(r.supplierId);
  }

  @FieldResolver(() => SupplierRef)
  supplier(@Root() r: MarketplaceSupplierSales): SupplierRef {
    return { id: String(r.supplierId) };
  }
}

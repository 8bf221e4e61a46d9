import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { badInput } from '../../../core/errors';
import type { SubgraphContext } from '../../../core/subgraph';
import { SupplierScorecardService } from '../services/scorecard.service';

export enum ScorecardGranularity {
  DAY = 'DAY',
  MONTH = 'MONTH',
}
registerEnumType(ScorecardGranularity, {
  name: 'ScorecardGranularity',
  description: 'How a supplier scorecard is bucketed: UTC days or calendar months (UTC).',
});

@InputType({ description: "A supplier's scorecard over a range of UTC days (both ends included, at most 366)." })
export class SupplierScorecardInput {
  @Field(() => ID) supplierId!: string;
  @Field(() => String, { description: 'First day, YYYY-MM-DD (UTC).' }) fromDay!: string;
  @Field(() => String, { description: 'Last day, YYYY-MM-DD (UTC), included.' }) toDay!: string;
  @Field(() => ScorecardGranularity, { defaultValue: ScorecardGranularity.MONTH })
  granularity!: ScorecardGranularity;
}

@ObjectType({ description: 'How reliably a supplier filled what it sold, in one period (or the whole range).' })
export class SupplierScorecardPeriod {
  @Field(() => Date, { description: 'Start of the period (UTC midnight of its first day).' }) periodStart!: Date;
  @Field(() => Int, { description: 'Supplier orders paid in the period.' }) supplierOrders!: number;
  @Field(() => Int, { description: 'Cancellations by the supplier of units it could not fill (each refunded).' })
  cancellations!: number;
  @Field(() => Int, { description: 'Supplier orders the supplier cancelled units of.' })
  supplierOrdersWithCancellations!: number;
  @Field(() => Int, { description: 'Order lines cancelled (a line cancelled twice counts twice).' })
  cancelledLines!: number;
  @Field(() => Int, { description: 'Units cancelled.' }) cancelledUnits!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'Supplier orders with a cancellation ÷ supplier orders paid, in basis points (10,000 = all), each counted in the period it happened in; null when none was paid.',
  })
  cancelRateBp!: number | null;
  @Field(() => Int, { description: 'Approved refunds of its supplier orders, whatever the cause.' }) refunds!: number;
  @Field(() => Int, { description: 'Units those refunds took back.' }) refundedUnits!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points those refunds gave back.' }) refundedPoints!: number;
  @Field(() => GraphQLSafeInt, { description: 'Cash those refunds gave back, in fen.' }) refundedCashFen!: number;
}

@ObjectType({ description: "A supplier's scorecard: orders, its cancellations and refunds, by period." })
export class SupplierScorecard {
  @Field(() => ID) supplierId!: string;
  @Field(() => String) fromDay!: string;
  @Field(() => String) toDay!: string;
  @Field(() => SupplierScorecardPeriod, { description: 'The whole range.' }) total!: SupplierScorecardPeriod;
  @Field(() => [SupplierScorecardPeriod], {
    description: 'Each day or month of the range, oldest first, none left out.',
  })
  periods!: SupplierScorecardPeriod[];
}

@Resolver()
export class ScorecardResolver {
  @Query(() => SupplierScorecard, {
    description:
      "A supplier's scorecard: supplier orders, its cancellations of units it could not fill, cancel rate and refunds, by period (the supplier itself with SEE_SETTLEMENT; the platform with SEE_REPORTS).",
  })
  async supplierScorecard(
    @Arg('input', () => SupplierScorecardInput) input: SupplierScorecardInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SupplierScorecard> {
    if (!/^\d{1,10}$/.test(input.supplierId))
      throw badInput('supplierId is not a supplier id.', [{ field: 'input.supplierId', message: 'not an id' }]);
    const s = await new SupplierScorecardService(ctx.em, ctx.principal).scorecard(
      Number(input.supplierId),
      input.fromDay,
      input.toDay,
      input.granularity,
    );
    return { ...s, supplierId: String(s.supplierId) };
  }
}

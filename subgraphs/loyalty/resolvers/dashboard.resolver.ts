import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { SubgraphContext } from '../../../core/subgraph';
import { ReportGranularity } from '../../../core/report-periods';
import { PointsActivityService } from '../services/points-activity.service';

/** Orders' bank dashboard, as loyalty knows it: its key, to which loyalty adds the points figures. */
@ObjectType('SalesDashboard')
@Directive('@key(fields: "bankId fromDay toDay granularity timeZone")')
export class SalesDashboardKey {
  @Field(() => ID, { description: 'The bank.' }) bankId!: string;
  @Field(() => String, { description: 'First day (YYYY-MM-DD).' }) fromDay!: string;
  @Field(() => String, { description: 'Last day (YYYY-MM-DD), included.' }) toDay!: string;
  @Field(() => ReportGranularity, { description: 'Buckets of the series.' }) granularity!: ReportGranularity;
  @Field(() => String, { description: "The bank's IANA time zone the days are cut in." }) timeZone!: string;
}

@ObjectType({ description: 'Redeemable points in one period of the dashboard.' })
export class PointsActivityBucket {
  @Field(() => Date, { description: 'When the period starts (UTC); the same periods as the sales series.' })
  periodStart!: Date;
  @Field(() => String, { description: "The period in the bank's time zone (as the sales series labels it)." })
  label!: string;
  @Field(() => GraphQLSafeInt, { description: "Points customers earned under the bank's rules." })
  earned!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points spent in the mall (captured), net of points refunded.' })
  redeemed!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points that expired unspent.' })
  expired!: number;
}

@ObjectType({
  description:
    "Redeemable points of the bank's customers over the dashboard's range (from loyalty's ledger, by when each entry occurred; manual adjustments are in none of the figures).",
})
export class PointsActivity {
  @Field(() => GraphQLSafeInt, { description: "Points earned under the bank's rules." }) earned!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points redeemed in the mall, net of refunds.' }) redeemed!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points expired.' }) expired!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'Redemption rate: points redeemed ÷ points earned in the range, basis points (null when none were earned).',
  })
  redemptionRateBp!: number | null;
  @Field(() => [PointsActivityBucket], { description: 'Every period of the range, in order.' })
  series!: PointsActivityBucket[];
}

@Resolver(() => SalesDashboardKey)
export class DashboardPointsResolver {
  @FieldResolver(() => PointsActivity, {
    description:
      'Points earned, redeemed and expired, and the redemption rate, over the same days and periods (loyalty; one SQL statement).',
  })
  points(@Root() d: SalesDashboardKey, @Ctx() ctx: SubgraphContext): Promise<PointsActivity> {
    return new PointsActivityService(ctx.em, ctx.principal).forDashboard(d);
  }
}

import { Arg, Ctx, Directive, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { SubgraphContext } from '../../../core/subgraph';
import { Text } from '../../../core/input-rules';
import { badInput } from '../../../core/errors';
import {
  DashboardService,
  MAX_CAMPAIGNS,
  MAX_RANGE_DAYS,
  MAX_TOP_LISTINGS,
  ReportGranularity,
  TopListingsOrder,
  type DashboardQuery,
  type SalesDashboardData,
} from '../services/dashboard.service';
import { CsvLanguage, dashboardCsv, SalesDashboardTable } from '../services/dashboard-csv';
import { CampaignRef, ListingRef, TierRef } from './types';

const POLLING =
  'Live figures: every sale and refund updates the report rows in the transaction that confirms it, so the next read shows it. ' +
  'Poll `salesDashboardVersion` (2 statements) every 2–3 s with the same bankId, mallId and days, and fetch `salesDashboard` again when it differs from the `version` you hold; ' +
  'or simply refetch `salesDashboard` every 3 s (6 statements, whatever the range). ' +
  'The version covers sales and refunds; `points` (loyalty) is as fresh as the fetch that read it.';

@InputType({ description: "The bank, optional mall and whole days (the bank's calendar) a dashboard covers." })
export class SalesDashboardRangeInput {
  @Field(() => ID, { description: 'The bank (bank staff: their own; the platform: any).' })
  bankId!: string;

  @Field(() => ID, { nullable: true, description: 'One mall of the bank; all its malls when omitted.' })
  mallId?: string | null;

  @Field(() => String, { description: "First day, YYYY-MM-DD, in the bank's time zone (from its local midnight)." })
  @Text({ max: 10 })
  fromDay!: string;

  @Field(() => String, { description: 'Last day, YYYY-MM-DD, included (up to the next local midnight).' })
  @Text({ max: 10 })
  toDay!: string;
}

@InputType({ description: 'What a sales dashboard shows: a range of days, its buckets and how many top listings.' })
export class SalesDashboardInput extends SalesDashboardRangeInput {
  @Field(() => ReportGranularity, {
    defaultValue: ReportGranularity.DAY,
    description: `Buckets of the series. Longest range: HOUR ${MAX_RANGE_DAYS.HOUR} days, DAY ${MAX_RANGE_DAYS.DAY} days, MONTH ${MAX_RANGE_DAYS.MONTH} days (BAD_USER_INPUT beyond).`,
  })
  granularity!: ReportGranularity;

  @Field(() => Int, { defaultValue: 10, description: `How many top listings, 1 to ${MAX_TOP_LISTINGS}.` })
  topListings!: number;

  @Field(() => TopListingsOrder, { defaultValue: TopListingsOrder.UNITS, description: 'What ranks the top listings.' })
  topListingsBy!: TopListingsOrder;
}

@ObjectType({
  description:
    'Sales figures: GMV in cash and in points value net of refunds (a refund is taken off in the period it is booked, and also shown on its own), paid orders (not reduced by refunds) and points redeemed.',
})
export class SalesFiguresView {
  @Field(() => Int, { description: 'Orders paid in the period (a later refund does not uncount them).' })
  orders!: number;
  @Field(() => GraphQLSafeInt, { description: 'Cash collected, fen, net of cash refunded in the period.' })
  gmvCashFen!: number;
  @Field(() => GraphQLSafeInt, {
    description: "Value of the points redeemed at the bank's points value, fen, net of points refunded in the period.",
  })
  gmvPointsValueFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'GMV: cash plus points value, fen.' })
  gmvFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points redeemed, net of points refunded in the period.' })
  pointsRedeemed!: number;
  @Field(() => Int, { description: 'Refunds booked in the period.' })
  refunds!: number;
  @Field(() => GraphQLSafeInt, { description: 'Cash those refunds gave back, fen (already taken off gmvCashFen).' })
  refundedCashFen!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'Value of the points those refunds gave back, fen (already taken off gmvPointsValueFen).',
  })
  refundedPointsValueFen!: number;
  @Field(() => Int, {
    description: 'Share of GMV paid with points, basis points (0–10000, rounded down; 0 when GMV is 0).',
  })
  pointsShareBp!: number;
}

@ObjectType({ description: 'The headline figures of a dashboard.' })
export class SalesTotalsView extends SalesFiguresView {
  @Field(() => Int, {
    description: 'Customers with at least one order paid in the range (distinct; only over the whole range).',
  })
  activeCustomers!: number;
}

@ObjectType({ description: 'One bucket of the series (every bucket of the range is present, zero when nothing sold).' })
export class SalesDashboardBucket extends SalesFiguresView {
  @Field(() => Date, { description: 'When the bucket starts (UTC); unique, even where two local hours share a label.' })
  periodStart!: Date;
  @Field(() => String, {
    description:
      "The bucket in the bank's time zone: `YYYY-MM-DD HH:mm` (HOUR), `YYYY-MM-DD` (DAY), `YYYY-MM` (MONTH).",
  })
  label!: string;
}

@ObjectType({ description: 'A best-selling listing of the range (net of refunds).' })
export class DashboardTopListing {
  @Field(() => ListingRef, { description: 'The listing (its title and SKU through tenants and catalog).' })
  listing!: ListingRef;
  @Field(() => String, { description: 'The SKU title as sold (what the CSV export shows).' })
  titleAsSold!: string;
  @Field(() => Int, { description: 'Units sold.' })
  quantity!: number;
  @Field(() => GraphQLSafeInt, { description: "Cash paid for them, fen (their share of their orders' cash)." })
  cashFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Value of the points paid for them, fen.' })
  pointsValueFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points paid for them.' })
  points!: number;
}

@ObjectType({ description: "Sales to customers of one tier (the customer's tier when the order was priced)." })
export class TierSalesView extends SalesFiguresView {
  @Field(() => ID, { nullable: true, description: 'The tier; null = no tier.' })
  tierId!: string | null;
  @Field(() => TierRef, { nullable: true, description: 'The tier (its name through tenants); null = no tier.' })
  tier!: TierRef | null;
}

@ObjectType({
  description:
    "Sales of lines priced by one campaign. An order's cash and points are shared over its lines in proportion (rounded down per line), so campaign and listing figures may sum to a fen or point less than the totals.",
})
export class CampaignSalesView {
  @Field(() => ID, { nullable: true, description: "The campaign; null = lines sold at the listing's own price." })
  campaignId!: string | null;
  @Field(() => CampaignRef, {
    nullable: true,
    description: "The campaign (its name, template and window through tenants); null = the listing's own price.",
  })
  campaign!: CampaignRef | null;
  @Field(() => Int, { description: 'Orders with at least one line priced by the campaign.' })
  orders!: number;
  @Field(() => Int, { description: 'Units sold, net of refunds.' })
  quantity!: number;
  @Field(() => GraphQLSafeInt, { description: 'Cash, fen, net of refunds.' })
  cashFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Value of the points, fen, net of refunds.' })
  pointsValueFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points, net of refunds.' })
  points!: number;
}

@ObjectType({ description: `A bank's sales dashboard for a range of its days. ${POLLING}` })
// An entity so loyalty can add the points figures (`points`) for the same days; only orders starts one.
@Directive('@key(fields: "bankId fromDay toDay granularity timeZone", resolvable: false)')
export class SalesDashboard {
  @Field(() => ID, { description: 'The bank.' }) bankId!: string;
  @Field(() => ID, { nullable: true, description: 'The mall, when one was asked for.' }) mallId!: string | null;
  @Field(() => String, { description: 'First day (YYYY-MM-DD).' }) fromDay!: string;
  @Field(() => String, { description: 'Last day (YYYY-MM-DD), included.' }) toDay!: string;
  @Field(() => ReportGranularity, { description: 'Buckets of the series.' }) granularity!: ReportGranularity;
  @Field(() => String, { description: "The bank's IANA time zone the days are cut in." }) timeZone!: string;
  @Field(() => Date, { description: 'Local midnight starting fromDay (UTC).' }) rangeStart!: Date;
  @Field(() => Date, { description: 'Local midnight ending toDay (UTC), excluded.' }) rangeEnd!: Date;
  @Field(() => String, {
    description: 'Opaque; changes when a sale or refund lands in the range. Compare with `salesDashboardVersion`.',
  })
  version!: string;
  @Field(() => Date, { description: 'When these figures were read.' }) asOf!: Date;
  @Field(() => SalesTotalsView, { description: 'The whole range.' }) totals!: SalesTotalsView;
  @Field(() => [SalesDashboardBucket], {
    description: `Every bucket of the range in order (at most ${MAX_RANGE_DAYS.HOUR * 24 + 1} hours, ${MAX_RANGE_DAYS.DAY} days or 37 months).`,
  })
  series!: SalesDashboardBucket[];
  @Field(() => [DashboardTopListing], { description: 'Best-selling listings, as many as asked for, ranked as asked.' })
  topListings!: DashboardTopListing[];
  @Field(() => [TierSalesView], { description: 'Sales by customer tier (tiers with sales in the range), by tier id.' })
  byTier!: TierSalesView[];
  @Field(() => [CampaignSalesView], {
    description: `Sales by campaign (including null: no campaign), by GMV, at most ${MAX_CAMPAIGNS}.`,
  })
  byCampaign!: CampaignSalesView[];
}

@ObjectType({ description: 'A dashboard table as CSV text (RFC 4180, UTF-8 with BOM, CRLF).' })
export class SalesDashboardCsv {
  @Field(() => String, { description: 'A file name to save it under.' }) fileName!: string;
  @Field(() => String, { description: 'Always text/csv; charset=utf-8.' }) contentType!: string;
  @Field(() => Int, { description: 'Data rows (the header row aside).' }) rows!: number;
  @Field(() => String, {
    description:
      'The CSV: amounts in fen and points as integers, with the same amounts in yuan (two decimals) beside them; text that a spreadsheet would run as a formula starts with an apostrophe.',
  })
  csv!: string;
}

function queryOf(input: SalesDashboardInput): DashboardQuery {
  const bankId = Number(input.bankId);
  const mallId = input.mallId == null ? null : Number(input.mallId);
  if (!Number.isSafeInteger(bankId) || bankId < 1)
    throw badInput('bankId is not a bank.', [{ field: 'input.bankId', message: 'not a bank id.' }]);
  if (mallId !== null && (!Number.isSafeInteger(mallId) || mallId < 1))
    throw badInput('mallId is not a mall.', [{ field: 'input.mallId', message: 'not a mall id.' }]);
  return {
    bankId,
    mallId,
    fromDay: input.fromDay,
    toDay: input.toDay,
    granularity: input.granularity ?? ReportGranularity.DAY,
    topListings: input.topListings ?? 10,
    topListingsBy: input.topListingsBy ?? TopListingsOrder.UNITS,
  };
}

function figures<T extends Omit<SalesFiguresView, 'gmvFen' | 'pointsShareBp'>>(f: T): T & SalesFiguresView {
  const gmv = f.gmvCashFen + f.gmvPointsValueFen;
  const share = gmv > 0 ? Math.floor((f.gmvPointsValueFen * 10_000) / gmv) : 0;
  return { ...f, gmvFen: gmv, pointsShareBp: Math.max(0, Math.min(10_000, share)) };
}

function view(d: SalesDashboardData): SalesDashboard {
  const q = d.query;
  return {
    bankId: String(q.bankId),
    mallId: q.mallId === null ? null : String(q.mallId),
    fromDay: q.fromDay,
    toDay: q.toDay,
    granularity: q.granularity,
    timeZone: d.timeZone,
    rangeStart: d.rangeStart,
    rangeEnd: d.rangeEnd,
    version: d.version,
    asOf: new Date(),
    totals: figures(d.totals),
    series: d.series.map(figures),
    topListings: d.topListings.map((l) => ({
      listing: { id: String(l.listingId) } as ListingRef,
      titleAsSold: l.title,
      quantity: l.quantity,
      cashFen: l.cashFen,
      pointsValueFen: l.pointsValueFen,
      points: l.points,
    })),
    byTier: d.byTier.map((t) => {
      const id = t.tierId === null ? null : String(t.tierId);
      return figures({ ...t, tierId: id, tier: id === null ? null : ({ id } as TierRef) });
    }),
    byCampaign: d.byCampaign.map((c) => {
      const id = c.campaignId === null ? null : String(c.campaignId);
      return { ...c, campaignId: id, campaign: id === null ? null : ({ id } as CampaignRef) };
    }),
  };
}

@Resolver()
export class DashboardResolver {
  @Query(() => SalesDashboard, {
    description: `A bank's sales dashboard for whole days in its time zone: totals, a series, top listings, sales by tier and by campaign (bank staff with SEE_REPORTS, their own bank; the platform, any). Six SQL statements whatever the range. ${POLLING}`,
  })
  async salesDashboard(
    @Arg('input', () => SalesDashboardInput) input: SalesDashboardInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SalesDashboard> {
    return view(await new DashboardService(ctx.em, ctx.principal).dashboard(queryOf(input)));
  }

  @Query(() => String, {
    description: `The version of a dashboard's figures for a range: cheap to poll (2 SQL statements). ${POLLING}`,
  })
  salesDashboardVersion(
    @Arg('input', () => SalesDashboardRangeInput) input: SalesDashboardRangeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    const q = queryOf(input as SalesDashboardInput);
    return new DashboardService(ctx.em, ctx.principal).version(q);
  }

  @Query(() => SalesDashboardCsv, {
    description:
      'One table of the dashboard as CSV, the same rows as `salesDashboard` returns (same permissions and limits; at most a few hundred KB).',
  })
  async salesDashboardCsv(
    @Arg('input', () => SalesDashboardInput) input: SalesDashboardInput,
    @Arg('table', () => SalesDashboardTable, { description: 'Which table.' }) table: SalesDashboardTable,
    @Arg('language', () => CsvLanguage, { defaultValue: CsvLanguage.ZH_CN, description: 'Of the header row.' })
    language: CsvLanguage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SalesDashboardCsv> {
    const d = await new DashboardService(ctx.em, ctx.principal).dashboard(queryOf(input));
    const csv = dashboardCsv(d, table, language);
    return { ...csv, contentType: 'text/csv; charset=utf-8' };
  }
}

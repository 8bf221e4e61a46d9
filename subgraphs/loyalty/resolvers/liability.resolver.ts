import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import {
  EXPIRY_BANDS_DAYS,
  MAX_LIABILITY_MONTHS,
  PointsLiabilityService,
  type LiabilityReport,
} from '../services/points-liability.service';
import {
  CsvLanguage,
  PointsLiabilityFileFormat,
  liabilityCsv,
  liabilityXlsx,
} from '../services/points-liability-export';
import { TenantsClient } from '../services/tenants-client';

@InputType({ description: 'Which bank and which period the points liability report covers.' })
export class PointsLiabilityInput {
  @Field(() => ID, { description: 'The bank (bank staff: their own).' })
  bankId!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'The cut: entries that occurred before this instant count (default now; not in the future). Leave out when giving toMonth.',
  })
  asOf?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: `First month of the monthly table, YYYY-MM in the bank's time zone (default: 11 months before the last). At most ${MAX_LIABILITY_MONTHS} months.`,
  })
  @Text({ max: 7 })
  fromMonth?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Last month, YYYY-MM: the cut is the end of that month in the bank's time zone (or now, for the current month). Instead of asOf.",
  })
  @Text({ max: 7 })
  toMonth?: string | null;
}

@ObjectType({ description: 'Redeemable points due to expire within a number of days of the cut.' })
export class ExpiringPointsBand {
  @Field(() => Int, { description: `Days after asOf: ${EXPIRY_BANDS_DAYS.join(', ')}.` }) withinDays!: number;
  @Field(() => GraphQLSafeInt, {
    description:
      'Points in lots expiring after asOf and at or before asOf + withinDays × 24 h. Cumulative: the 60-day band includes the 30-day one.',
  })
  points!: number;
  @Field(() => GraphQLSafeInt, { description: 'Their value in fen (rounded down, as the liability).' })
  liabilityFen!: number;
}

@ObjectType({
  description:
    'One month of the bank (its time zone) in the liability: opening + earned − redeemed + refunded − expired + adjusted = closing.',
})
export class PointsLiabilityMonth {
  @Field(() => String, { description: 'YYYY-MM.' }) month!: string;
  @Field(() => Date, { description: 'Local midnight of the 1st (UTC).' }) start!: Date;
  @Field(() => Date, { description: "The next month's start, or asOf for the last month (exclusive)." }) end!: Date;
  @Field(() => GraphQLSafeInt, { description: 'Outstanding points at the start.' }) opening!: number;
  @Field(() => GraphQLSafeInt, { description: "Earned under the bank's rules (EARN entries)." }) earned!: number;
  @Field(() => GraphQLSafeInt, { description: 'Spent on mall orders that were paid (CAPTURE entries).' })
  redeemed!: number;
  @Field(() => GraphQLSafeInt, { description: 'Given back by refunds of paid orders (REFUND entries).' })
  refunded!: number;
  @Field(() => GraphQLSafeInt, { description: 'Lost to expiry (EXPIRE entries, dated when the sweep ran).' })
  expired!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'Manual adjustments and reversal claw-backs (ADJUST entries), signed.',
  })
  adjusted!: number;
  @Field(() => GraphQLSafeInt, { description: 'Outstanding points at the end.' }) closing!: number;
  @Field(() => GraphQLSafeInt, { description: 'The closing balance valued in fen.' }) closingLiabilityFen!: number;
}

@ObjectType({
  description:
    "A bank's points liability — the figure its finance team books: the redeemable points its customers hold as the ledger stands at asOf, valued at the bank's points value, what expires soon, and the monthly movements.",
})
export class PointsLiability {
  @Field(() => ID) bankId!: string;
  @Field(() => Date, { description: 'The cut: entries that occurred before it count.' }) asOf!: Date;
  @Field(() => Date, { description: 'When the report was computed.' }) generatedAt!: Date;
  @Field(() => String, { description: "The bank's time zone the months are cut in." }) timeZone!: string;
  @Field(() => Int, { description: "Points worth 1 CNY (the bank's points value: 100 fen ÷ this per point)." })
  pointsPerYuan!: number;
  @Field(() => GraphQLSafeInt, { description: 'Points customers can spend at asOf.' }) availablePoints!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'Points held by checkouts awaiting payment at asOf: still owed until the order is paid.',
  })
  heldPoints!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'Outstanding redeemable points: available + held (sum of the ledger before asOf).',
  })
  outstandingPoints!: number;
  @Field(() => GraphQLSafeInt, {
    description: 'outstandingPoints × 100 ÷ pointsPerYuan fen, exact in integers, rounded down to the fen.',
  })
  liabilityFen!: number;
  @Field(() => [ExpiringPointsBand], {
    description:
      'Points expiring within 30, 60 and 90 days of asOf (cumulative), from the lots as they stand when the report runs (held points are not in lots).',
  })
  expiring!: ExpiringPointsBand[];
  @Field(() => GraphQLSafeInt, {
    description: 'Points in lots already past expiry at asOf that the expiry sweep (every minute) has not yet taken.',
  })
  overduePoints!: number;
  @Field(() => [PointsLiabilityMonth], {
    description: `Every month from fromMonth to the month of asOf, in order (at most ${MAX_LIABILITY_MONTHS}); the last closing equals outstandingPoints.`,
  })
  months!: PointsLiabilityMonth[];
}

@ObjectType({ description: 'The points liability report as a file (a few KB).' })
export class PointsLiabilityFile {
  @Field(() => String, { description: 'A file name to save it under.' }) fileName!: string;
  @Field(() => String, {
    description: 'text/csv; charset=utf-8, or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.',
  })
  contentType!: string;
  @Field(() => Int, { description: 'Size in bytes.' }) byteSize!: number;
  @Field(() => String, { description: "The file's bytes, base64." }) base64!: string;
}

function view(r: LiabilityReport): PointsLiability {
  return { ...r, bankId: String(r.bankId) };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Resolver()
export class PointsLiabilityResolver {
  @Query(() => PointsLiability, {
    description:
      "A bank's points liability (bank staff with SEE_REPORTS, their own bank; the platform with SEE_REPORTS, any). Two SQL statements whatever the range or the number of customers.",
  })
  async pointsLiability(
    @Arg('input', () => PointsLiabilityInput) input: PointsLiabilityInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PointsLiability> {
    return view(await new PointsLiabilityService(ctx.em, ctx.principal, new TenantsClient()).report(input));
  }

  @Query(() => PointsLiabilityFile, {
    description:
      'The points liability report (the same figures as `pointsLiability`, same permissions) as a CSV or XLSX file: the summary and the monthly table.',
  })
  async pointsLiabilityExport(
    @Arg('input', () => PointsLiabilityInput) input: PointsLiabilityInput,
    @Arg('format', () => PointsLiabilityFileFormat) format: PointsLiabilityFileFormat,
    @Arg('language', () => CsvLanguage, { defaultValue: CsvLanguage.ZH_CN, description: 'Of the headers and labels.' })
    language: CsvLanguage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PointsLiabilityFile> {
    const r = await new PointsLiabilityService(ctx.em, ctx.principal, new TenantsClient()).report(input);
    const file =
      format === PointsLiabilityFileFormat.XLSX ? await liabilityXlsx(r, language) : liabilityCsv(r, language);
    return {
      fileName: file.fileName,
      contentType: format === PointsLiabilityFileFormat.XLSX ? XLSX_TYPE : 'text/csv; charset=utf-8',
      byteSize: file.bytes.length,
      base64: file.bytes.toString('base64'),
    };
  }
}

import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import {
  BenefitFunding,
  BenefitKind,
  BenefitRule,
  BenefitRuleListing,
  QuotaPeriod,
  ThresholdBasis,
} from '../entities/benefit-rule';
import { tenantsLoaders } from '../loaders';
import { BenefitRuleService } from '../services/benefit-rule.service';

@ObjectType()
export class BenefitRuleConnection extends ConnectionType(BenefitRule, 'BenefitRule') {}

@InputType({ description: 'The fields of a benefit rule that create and update share.' })
export class BenefitRuleFieldsInput {
  @Field(() => ID, { nullable: true, description: 'Only customers holding this tier (omit: any tier).' })
  targetTierId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only members of this segment (omit: anyone). With a tier too, both.',
  })
  targetSegmentId?: string | null;

  @Field(() => Date, { nullable: true, description: 'End of the validity window (UTC); omit for open-ended.' })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: "SHARED: the bank's share in basis points (0–10000)." })
  bankShareBp?: number | null;

  @Field(() => ThresholdBasis, { nullable: true, description: 'THRESHOLD: CASH, POINTS or BOTH.' })
  thresholdBasis?: ThresholdBasis | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'THRESHOLD: X (fen; points on POINTS), 1–10^9.' })
  thresholdAmount?: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'THRESHOLD: Y off, 1 to X.' })
  discountAmount?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'THRESHOLD: Y for every full X (default false: once per order).',
  })
  repeatable?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT_OFF: basis points off the cash part (1–10000).' })
  percentBp?: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'PERCENT_OFF: at most this many fen per order.' })
  capFen?: number | null;

  @Field(() => Int, { nullable: true, description: 'QUOTA: units per customer per period (1–1000).' })
  quotaUnits?: number | null;

  @Field(() => QuotaPeriod, { nullable: true, description: "QUOTA: MONTH, QUARTER or YEAR (bank's time zone)." })
  quotaPeriod?: QuotaPeriod | null;

  @Field(() => Int, { nullable: true, description: 'QUOTA: discount per unit in basis points (10000 = free).' })
  quotaDiscountBp?: number | null;

  @Field(() => [ID], { nullable: true, description: 'QUOTA: the listings it covers (1–100, of the bank).' })
  @Text({ max: 100, maxItems: 100 })
  listingIds?: string[] | null;
}

@InputType({ description: 'A new benefit rule.' })
export class CreateBenefitRuleInput extends BenefitRuleFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The bank (platform operators only; staff act for their own).' })
  bankId?: string | null;

  @Field(() => String, { description: 'Display name, 1–120 characters.' })
  @Text({ max: 120 })
  name!: string;

  @Field(() => BenefitKind, { description: 'What it gives.' })
  kind!: BenefitKind;

  @Field(() => Date, { description: 'Start of the validity window (UTC).' })
  startsAt!: Date;

  @Field(() => BenefitFunding, { description: 'Who pays the discount.' })
  fundedBy!: BenefitFunding;
}

@InputType({ description: 'Changes to a benefit rule: fields left out stay; null clears an optional one.' })
export class UpdateBenefitRuleInput extends BenefitRuleFieldsInput {
  @Field(() => ID, { description: 'The rule.' })
  benefitRuleId!: string;

  @Field(() => String, { nullable: true, description: 'Display name, 1–120 characters.' })
  @Text({ max: 120 })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False switches it off for new checkouts.' })
  enabled?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Start of the validity window (UTC).' })
  startsAt?: Date | null;

  @Field(() => BenefitFunding, { nullable: true, description: 'Who pays the discount.' })
  fundedBy?: BenefitFunding | null;
}

@ObjectType()
export class BenefitRulePayload {
  @Field(() => BenefitRule, { description: 'The rule.' })
  benefitRule!: BenefitRule;
}

@Resolver(() => BenefitRule)
export class BenefitRuleResolver {
  @Query(() => BenefitRuleConnection, { description: "The bank's benefit rules, newest first (bank staff)." })
  async benefitRules(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
    @Arg('bankId', () => ID, { nullable: true, description: 'Platform operators name the bank.' })
    bankId?: string | null,
  ): Promise<Connection<BenefitRule>> {
    return new BenefitRuleService(ctx.em, ctx.principal).list(bankId, page.first, page.after);
  }

  @Mutation(() => BenefitRulePayload, { description: 'Create a benefit rule (bank staff with RUN_CAMPAIGNS).' })
  async createBenefitRule(
    @Arg('input', () => CreateBenefitRuleInput) input: CreateBenefitRuleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BenefitRulePayload> {
    return { benefitRule: await new BenefitRuleService(ctx.em, ctx.principal).create({ ...input }) };
  }

  @Mutation(() => BenefitRulePayload, {
    description: 'Change a benefit rule; applies to checkouts from now on (bank staff with RUN_CAMPAIGNS).',
  })
  async updateBenefitRule(
    @Arg('input', () => UpdateBenefitRuleInput) input: UpdateBenefitRuleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BenefitRulePayload> {
    const { benefitRuleId, ...fields } = input;
    return { benefitRule: await new BenefitRuleService(ctx.em, ctx.principal).update(benefitRuleId, { ...fields }) };
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Only customers holding this tier (null: any).' })
  targetTierId(@Root() rule: BenefitRule): string | null {
    return rule.tierId == null ? null : String(rule.tierId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Only members of this segment (null: anyone).' })
  targetSegmentId(@Root() rule: BenefitRule): string | null {
    return rule.segmentId == null ? null : String(rule.segmentId);
  }

  @FieldResolver(() => [ID], { description: 'QUOTA: the listings it covers.' })
  async listingIds(@Root() rule: BenefitRule, @Ctx() ctx: SubgraphContext): Promise<string[]> {
    const rows = await tenantsLoaders(ctx).listingsOfBenefitRule.load(rule.id);
    return rows.map((r: BenefitRuleListing) => String(r.listingId));
  }
}

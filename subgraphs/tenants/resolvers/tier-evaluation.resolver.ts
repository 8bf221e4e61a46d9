import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { CommitsStepByStep } from '../../../core/request-transaction';
import type { SubgraphContext } from '../../../core/subgraph';
import { Bank } from '../entities/bank';
import { Customer } from '../entities/customer';
import { Tier } from '../entities/tier';
import { requestNow, tenantsLoaders } from '../loaders';
import { TierEvaluationService, tierProgress } from '../services/tier-evaluation';

@ObjectType({
  description:
    "A customer's place on the tier ladder: the tier held, the next one up, the tier points still needed for it and until when the tier is held.",
})
export class TierProgress {
  @Field(() => Tier, { nullable: true, description: 'The tier held now; null before the first assignment.' })
  current!: Tier | null;

  @Field(() => Tier, { nullable: true, description: 'The next tier up the ladder; null at the top.' })
  next!: Tier | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'Tier points still to earn in the current evaluation period to reach `next`; null at the top.',
  })
  pointsToNext!: number | null;

  @Field(() => GraphQLSafeInt, { description: 'Tier points earned in the current evaluation period.' })
  periodTierPoints!: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'Until when the current tier is held for sure (UTC): the end of the evaluation period its tier points count in, plus the grace days. Null when it cannot be lost (the entry tier) or no tier is held.',
  })
  validUntil!: Date | null;
}

@InputType({ description: "The bank's tier evaluation settings." })
export class SetTierEvaluationSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Platform operators only; bank admins act for their own bank.' })
  bankId?: string | null;

  @Field(() => Int, { description: 'Evaluation period in months: 1, 3, 6 or 12 (the calendar year).' })
  periodMonths!: number;

  @Field(() => Int, { description: 'Grace days after a period ends before a downgrade (0–366).' })
  graceDays!: number;
}

@ObjectType({ description: 'The bank with its new tier evaluation settings.' })
export class SetTierEvaluationSettingsPayload {
  @Field(() => Bank, { description: 'The bank.' })
  bank!: Bank;
}

@InputType({ description: 'Run the tier evaluation now.' })
export class RunTierEvaluationInput {
  @Field(() => ID, { nullable: true, description: 'One bank only; every bank when omitted.' })
  bankId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Evaluate as of this time (default now).' })
  asOf?: Date | null;
}

@ObjectType({ description: 'What a tier evaluation run did.' })
export class RunTierEvaluationPayload {
  @Field(() => Int, { description: 'Banks looked at.' })
  banks!: number;

  @Field(() => Int, { description: 'Customers whose counters moved into the current period.' })
  customersRolledOver!: number;

  @Field(() => Int, { description: 'Customers evaluated for the closed period (after its grace).' })
  customersEvaluated!: number;

  @Field(() => Int, { description: 'Customers whose tier changed (each recorded with its reason).' })
  tierChanges!: number;
}

@Resolver(() => Customer)
export class CustomerTierProgressResolver {
  @FieldResolver(() => TierProgress, {
    description:
      "Tier progress: current tier, next tier, tier points to it and until when the tier is held (the customer themself, and their bank's staff).",
  })
  async tierProgress(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Promise<TierProgress> {
    const loaders = tenantsLoaders(ctx);
    const [bank, ladder] = await Promise.all([
      loaders.bank.load(customer.bankId),
      loaders.tiersOfBank.load(customer.bankId),
    ]);
    const s = {
      timeZone: bank?.timeZone ?? 'Asia/Shanghai',
      periodMonths: bank?.tierPeriodMonths ?? 12,
      graceDays: bank?.tierGraceDays ?? 30,
    };
    return tierProgress(customer, ladder, s, requestNow(ctx));
  }
}

@Resolver()
export class TierEvaluationResolver {
  @Mutation(() => SetTierEvaluationSettingsPayload, {
    description:
      "Set the bank's tier evaluation period and grace days (bank admins). Applies from the next evaluation; periods follow the bank's time zone.",
  })
  async setTierEvaluationSettings(
    @Arg('input', () => SetTierEvaluationSettingsInput) input: SetTierEvaluationSettingsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetTierEvaluationSettingsPayload> {
    const bank = await new TierEvaluationService(ctx.em, ctx.principal).setSettings(
      input.bankId,
      input.periodMonths,
      input.graceDays,
    );
    return { bank };
  }

  @Mutation(() => RunTierEvaluationPayload, {
    description:
      'Re-evaluate tiers now, as of a time (platform operators; also runs periodically): idempotent, in batches.',
  })
  @CommitsStepByStep(
    'The evaluation claims customers batch by batch, each in its own transaction, like the scheduled job.',
  )
  async runTierEvaluation(
    @Arg('input', () => RunTierEvaluationInput) input: RunTierEvaluationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RunTierEvaluationPayload> {
    return new TierEvaluationService(ctx.em, ctx.principal).run(input.bankId, input.asOf ?? new Date());
  }
}

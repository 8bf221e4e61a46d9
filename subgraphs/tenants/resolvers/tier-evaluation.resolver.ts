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
  Resolver,
  Root,
} from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { CommitsStepByStep } from '../../../core/request-transaction';
import type { SubgraphContext } from '../../../core/subgraph';
import { Bank } from '../entities/bank';
import { Customer } from '../entities/customer';
import { Tier, TierChange, TierChangeKind } from '../entities/tier';
import { pageKey } from '../../../core/loaders';
import { ConnectionType, PageArgs, validPage, type Connection } from '../../../core/pagination';
import { assertMayReadTierHistory, tierChangeKind } from '../services/tier-evaluation';
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

@ObjectType({ description: "A page of a customer's tier changes, newest first." })
export class TierChangeConnection extends ConnectionType(TierChange, 'TierChange') {}

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

  @FieldResolver(() => TierChangeConnection, {
    description:
      "The customer's tier changes, newest first (the customer themself, and their bank's staff): each with the tiers before and after, which way it went, why and when. Keyset pages.",
  })
  async tierChanges(
    @Root() customer: Customer,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<TierChange>> {
    assertMayReadTierHistory(ctx.principal, customer);
    validPage(page, 1);
    return (await tenantsLoaders(ctx).tierChangesOfCustomer.load(pageKey(customer.id, page)))!;
  }
}

@Resolver(() => TierChange)
export class TierChangeResolver {
  @FieldResolver(() => Tier, { nullable: true, description: 'The tier before (null: none, or since removed).' })
  async fromTier(@Root() change: TierChange, @Ctx() ctx: SubgraphContext): Promise<Tier | null> {
    return change.fromTierId ? ((await tenantsLoaders(ctx).tier.load(change.fromTierId)) ?? null) : null;
  }

  @FieldResolver(() => Tier, { nullable: true, description: 'The tier after (null: none, or since removed).' })
  async toTier(@Root() change: TierChange, @Ctx() ctx: SubgraphContext): Promise<Tier | null> {
    return change.toTierId ? ((await tenantsLoaders(ctx).tier.load(change.toTierId)) ?? null) : null;
  }

  @FieldResolver(() => TierChangeKind, {
    description: "Which way it went: by the tiers' ranks (a removed tier: by the reason).",
  })
  async kind(@Root() change: TierChange, @Ctx() ctx: SubgraphContext): Promise<TierChangeKind> {
    const loaders = tenantsLoaders(ctx);
    const [from, to] = await Promise.all([
      change.fromTierId ? loaders.tier.load(change.fromTierId) : null,
      change.toTierId ? loaders.tier.load(change.toTierId) : null,
    ]);
    return tierChangeKind(change, from ?? null, to ?? null);
  }

  @FieldResolver(() => Date, { description: 'When it changed (UTC).' })
  at(@Root() change: TierChange): Date {
    return change.createdAt;
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

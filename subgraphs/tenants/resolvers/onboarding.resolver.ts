import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Bank, PriceGuardAction } from '../entities/bank';
import { Mall } from '../entities/mall';
import { OnboardingService } from '../services/onboarding.service';

@ObjectType()
export class BankConnection extends ConnectionType(Bank, 'Bank') {}

@InputType({ description: 'A new bank tenant (platform admins).' })
export class CreateBankInput {
  @Field(() => String, { description: 'Short unique code, 2–40 capital letters, digits or dashes, e.g. "HZBANK".' })
  code!: string;

  @Field(() => String, { description: 'Display name (2–200 characters).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'IANA time zone of its business day (default Asia/Shanghai).' })
  timeZone?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Points worth 1 CNY, 1–10000 (default 100: one point is worth one fen).',
  })
  pointsPerYuan?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Largest share of a cash price points may cover, in basis points 0–10000 (0–100 %; default 10000).',
  })
  maxPointsShareBp?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after a settlement month closes by which the bank pays its suppliers, 0–180 (default 30).',
  })
  settlementTermDays?: number | null;
}

@ObjectType()
export class CreateBankPayload {
  @Field(() => Bank, { description: 'The new bank.' })
  bank!: Bank;
}

@InputType({ description: "Change a bank's name and terms; omitted fields stay as they are." })
export class UpdateBankInput {
  @Field(() => ID, { nullable: true, description: 'Platform admins name the bank; bank admins act for their own.' })
  bankId?: string | null;

  @Field(() => String, { nullable: true, description: 'Display name (2–200 characters).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Asia/Shanghai.' })
  timeZone?: string | null;

  @Field(() => Int, { nullable: true, description: 'Points worth 1 CNY, 1–10000.' })
  pointsPerYuan?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Largest share of a cash price points may cover, basis points 0–10000 (0–100 %).',
  })
  maxPointsShareBp?: number | null;

  @Field(() => Int, { nullable: true, description: 'Settlement terms in days, 0–180.' })
  settlementTermDays?: number | null;

  @Field(() => PriceGuardAction, {
    nullable: true,
    description: "Price guard: PAUSE or FLAG a listing a supplier's price change puts below the margin rule.",
  })
  priceGuardAction?: PriceGuardAction | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Price guard: minimum margin over the supplier price, basis points 0–10000 (0 = only below cost).',
  })
  priceGuardMinMarginBp?: number | null;
}

@ObjectType()
export class UpdateBankPayload {
  @Field(() => Bank, { description: 'The bank as it is now.' })
  bank!: Bank;
}

@InputType({ description: 'A new mall of a bank.' })
export class CreateMallInput {
  @Field(() => ID, { nullable: true, description: 'Platform admins name the bank; bank admins act for their own.' })
  bankId?: string | null;

  @Field(() => String, { description: 'Display name (2–200 characters).' })
  name!: string;
}

@ObjectType()
export class CreateMallPayload {
  @Field(() => Mall, { description: 'The new mall (empty: curate listings into it).' })
  mall!: Mall;
}

@InputType({ description: 'Rename a mall.' })
export class UpdateMallInput {
  @Field(() => ID, { description: 'The mall (of your own bank).' })
  mallId!: string;

  @Field(() => String, { description: 'Display name (2–200 characters).' })
  name!: string;
}

@ObjectType()
export class UpdateMallPayload {
  @Field(() => Mall, { description: 'The mall as it is now.' })
  mall!: Mall;
}

@Resolver()
export class OnboardingResolver {
  @Query(() => BankConnection, { description: 'Every bank, oldest first (platform admins).' })
  banks(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Connection<Bank>> {
    return new OnboardingService(ctx.em, ctx.principal).banks(page.first, page.after);
  }

  @Mutation(() => CreateBankPayload, {
    description: 'Onboard a bank with its points and settlement terms (platform admins); then create its malls.',
  })
  async createBank(
    @Arg('input', () => CreateBankInput) input: CreateBankInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateBankPayload> {
    const { code, ...terms } = input;
    return { bank: await new OnboardingService(ctx.em, ctx.principal).createBank(code, terms) };
  }

  @Mutation(() => UpdateBankPayload, {
    description:
      "Change a bank's name, time zone, points or settlement terms (its bank admins, or the platform); applies to orders placed from now on.",
  })
  async updateBank(
    @Arg('input', () => UpdateBankInput) input: UpdateBankInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateBankPayload> {
    const { bankId, ...terms } = input;
    return { bank: await new OnboardingService(ctx.em, ctx.principal).updateBank(bankId, terms) };
  }

  @Mutation(() => CreateMallPayload, { description: 'Open a mall for a bank (platform admins, or its bank admins).' })
  async createMall(
    @Arg('input', () => CreateMallInput) input: CreateMallInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateMallPayload> {
    return { mall: await new OnboardingService(ctx.em, ctx.principal).createMall(input.bankId, input.name) };
  }

  @Mutation(() => UpdateMallPayload, { description: 'Rename a mall (its bank admins, or the platform).' })
  async updateMall(
    @Arg('input', () => UpdateMallInput) input: UpdateMallInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateMallPayload> {
    return { mall: await new OnboardingService(ctx.em, ctx.principal).updateMall(input.mallId, input.name) };
  }
}

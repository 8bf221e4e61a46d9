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
import { notFound } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { Bank } from '../entities/bank';
import { Customer, Gender } from '../entities/customer';
import { Mall } from '../entities/mall';
import { Segment } from '../entities/segment';
import { Tier } from '../entities/tier';
import { tenantsLoaders } from '../loaders';
import { assertSameBank, CURATOR_ROLES, idOf, isStaff } from '../services/access';
import { BankService } from '../services/bank.service';
import { CustomerService } from '../services/customer.service';
import { SegmentService } from '../services/segment.service';
import type { SegmentRules } from '../services/segment-rules';
import { TierService } from '../services/tier.service';
import { PointsAmount } from '../../../core/input-rules';

@ObjectType()
export class SegmentConnection extends ConnectionType(Segment, 'Segment') {}

@ObjectType()
export class CustomerConnection extends ConnectionType(Customer, 'Customer') {}

@ObjectType({ description: 'Segment rules: every criterion given must hold; omitted criteria do not restrict.' })
export class SegmentRulesType {
  @Field(() => [Gender], { nullable: true, description: 'Any of these genders.' })
  genders?: Gender[];

  @Field(() => Int, { nullable: true, description: 'Born in or after this year.' })
  birthYearFrom?: number;

  @Field(() => Int, { nullable: true, description: 'Born in or before this year.' })
  birthYearTo?: number;

  @Field(() => [String], { nullable: true, description: 'Any of these cities.' })
  cities?: string[];

  @Field(() => Int, { nullable: true, description: 'Asset band at least this (0–9).' })
  minAssetBand?: number;

  @Field(() => Int, { nullable: true, description: 'Asset band at most this (0–9).' })
  maxAssetBand?: number;

  @Field(() => [String], { nullable: true, description: 'The customer carries at least one of these tags.' })
  tagsAny?: string[];
}

@InputType({ description: 'Segment rules: every criterion given must hold; omitted criteria do not restrict.' })
export class SegmentRulesInput {
  @Field(() => [Gender], { nullable: true, description: 'Any of these genders.' })
  genders?: Gender[] | null;

  @Field(() => Int, { nullable: true, description: 'Born in or after this year.' })
  birthYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Born in or before this year.' })
  birthYearTo?: number | null;

  @Field(() => [String], { nullable: true, description: 'Any of these cities.' })
  cities?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Asset band at least this (0–9).' })
  minAssetBand?: number | null;

  @Field(() => Int, { nullable: true, description: 'Asset band at most this (0–9).' })
  maxAssetBand?: number | null;

  @Field(() => [String], { nullable: true, description: 'Carries at least one of these tags.' })
  tagsAny?: string[] | null;
}

@InputType({ description: 'A new segment.' })
export class CreateSegmentInput {
  @Field(() => ID, { nullable: true, description: 'Platform operators only; bank staff act for their bank.' })
  bankId?: string | null;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => SegmentRulesInput, { nullable: true, description: 'Omit for a members-only segment.' })
  rules?: SegmentRulesInput | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Customers to include whatever the rules say (at most 1,000 per call).',
  })
  memberCustomerIds?: string[] | null;
}

@InputType({ description: 'Change a segment; membership follows at once.' })
export class UpdateSegmentInput {
  @Field(() => ID, { description: 'The segment.' })
  segmentId!: string;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string | null;

  @Field(() => SegmentRulesInput, { nullable: true, description: 'Replaces the rules.' })
  rules?: SegmentRulesInput | null;

  @Field(() => [ID], { nullable: true, description: 'Customers to add as explicit members.' })
  addMemberCustomerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Customers to remove as explicit members.' })
  removeMemberCustomerIds?: string[] | null;
}

@ObjectType()
export class SegmentPayload {
  @Field(() => Segment, { description: 'The segment.' })
  segment!: Segment;
}
@ObjectType()
export class CreateSegmentPayload extends SegmentPayload {}
@ObjectType()
export class UpdateSegmentPayload extends SegmentPayload {}

@InputType({ description: "A new tier on the bank's ladder." })
export class CreateTierInput {
  @Field(() => ID, { nullable: true, description: 'Platform operators only.' })
  bankId?: string | null;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => Int, { description: '0 = entry tier; higher is better.' })
  rank!: number;

  @Field(() => PointsAmount, { description: 'Tier points needed.' })
  minTierPoints!: number;

  @Field(() => [String], { nullable: true, description: 'Benefits shown to customers.' })
  benefits?: string[] | null;
}

@InputType({ description: 'Change a tier.' })
export class UpdateTierInput {
  @Field(() => ID, { description: 'The tier, if any.' })
  tierId!: string;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'A new position in the ladder (0 to 100, not taken by another tier; thresholds must still rise with rank).',
  })
  rank?: number | null;

  @Field(() => PointsAmount, { nullable: true, description: 'Tier points needed.' })
  minTierPoints?: number | null;

  @Field(() => [String], { nullable: true, description: 'Benefits shown to customers.' })
  benefits?: string[] | null;
}

@InputType({ description: 'Remove a tier from the ladder.' })
export class DeleteTierInput {
  @Field(() => ID, { description: 'The tier; it must not restrict any listing.' })
  tierId!: string;
}

@ObjectType()
export class DeleteTierPayload {
  @Field(() => ID, { description: 'The tier that was removed.' })
  deletedTierId!: string;

  @Field(() => Int, { description: 'How many customers changed tier as a result.' })
  customersRetiered!: number;
}

@ObjectType()
export class TierPayload {
  @Field(() => Tier, { description: 'The tier.' })
  tier!: Tier;
}
@ObjectType()
export class CreateTierPayload extends TierPayload {}
@ObjectType()
export class UpdateTierPayload extends TierPayload {}

@InputType({ description: "Set the bank's time zone (bank admins)." })
export class SetBankTimeZoneInput {
  @Field(() => ID, { nullable: true, description: 'Platform admins name the bank; bank admins act for their own.' })
  bankId?: string | null;

  @Field(() => String, { description: 'An IANA zone name, e.g. Asia/Shanghai.' })
  timeZone!: string;
}

@ObjectType()
export class SetBankTimeZonePayload {
  @Field(() => Bank)
  bank!: Bank;
}

const rulesOf = (input: SegmentRulesInput | null | undefined): Record<string, unknown> | null =>
  input ? { ...input } : null;

@Resolver(() => Bank)
export class BankResolver {
  @Query(() => Bank, { description: 'Your bank (platform admins: any bank by id).' })
  async bank(@Arg('id', () => ID, { nullable: true }) id: string | null, @Ctx() ctx: SubgraphContext): Promise<Bank> {
    const wanted = id ?? ctx.principal.bankId;
    if (!wanted) throw notFound('Bank');
    const bank = await tenantsLoaders(ctx).bank.load(idOf('Bank', wanted));
    if (!bank) throw notFound('Bank', wanted);
    assertSameBank(ctx.principal, bank.id, 'Bank', wanted);
    return bank;
  }

  @FieldResolver(() => [Mall], { description: "The bank's malls (a handful per bank)." })
  async malls(@Root() bank: Bank, @Ctx() ctx: SubgraphContext): Promise<Mall[]> {
    return tenantsLoaders(ctx).malls.load(bank.id);
  }

  @FieldResolver(() => [Tier], { description: 'The tier ladder, entry tier first (at most 20 tiers).' })
  async tiers(@Root() bank: Bank, @Ctx() ctx: SubgraphContext): Promise<Tier[]> {
    return tenantsLoaders(ctx).tiersOfBank.load(bank.id);
  }

  @FieldResolver(() => SegmentConnection, { description: "The bank's segments (bank staff)." })
  async segments(
    @Root() bank: Bank,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Segment>> {
    requireRole(ctx.principal, ...CURATOR_ROLES, 'SERVICE');
    assertSameBank(ctx.principal, bank.id, 'Bank', bank.id);
    return new SegmentService(ctx.em, ctx.principal).page(bank.id, page.first, page.after);
  }

  @FieldResolver(() => CustomerConnection, {
    description: "The bank's customers, oldest first (bank staff and partner apps).",
  })
  async customers(
    @Root() bank: Bank,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Customer>> {
    requireRole(ctx.principal, ...CURATOR_ROLES, 'PARTNER_APP', 'SERVICE');
    assertSameBank(ctx.principal, bank.id, 'Bank', bank.id);
    return new CustomerService(ctx.em, ctx.principal).page(bank.id, page.first, page.after);
  }

  @Mutation(() => SetBankTimeZonePayload, {
    description:
      "Set the bank's time zone (bank admins): the days of its reports and the months of its settlement for orders placed from now on.",
  })
  async setBankTimeZone(
    @Arg('input', () => SetBankTimeZoneInput) input: SetBankTimeZoneInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetBankTimeZonePayload> {
    return { bank: await new BankService(ctx.em, ctx.principal).setTimeZone(input.bankId, input.timeZone) };
  }

  @Mutation(() => CreateTierPayload, { description: 'Add a tier to the ladder (bank admins).' })
  async createTier(
    @Arg('input', () => CreateTierInput) input: CreateTierInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateTierPayload> {
    const { bankId, ...c } = input;
    return { tier: await new TierService(ctx.em, ctx.principal).create(bankId, c) };
  }

  @Mutation(() => DeleteTierPayload, {
    description:
      "Remove a tier (bank admins); the bank's customers are re-tiered at once. A tier that restricts listings is CONFLICT.",
  })
  async deleteTier(
    @Arg('input', () => DeleteTierInput) input: DeleteTierInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DeleteTierPayload> {
    const { deletedTierId, customersRetiered } = await new TierService(ctx.em, ctx.principal).delete(input.tierId);
    return { deletedTierId: String(deletedTierId), customersRetiered };
  }

  @Mutation(() => UpdateTierPayload, { description: 'Change a tier (bank admins); thresholds must rise with rank.' })
  async updateTier(
    @Arg('input', () => UpdateTierInput) input: UpdateTierInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateTierPayload> {
    const { tierId, ...c } = input;
    return { tier: await new TierService(ctx.em, ctx.principal).update(tierId, c) };
  }
}

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => Segment, { description: 'A segment of your bank (bank staff).' })
  async segment(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Segment> {
    return new SegmentService(ctx.em, ctx.principal).own(id);
  }

  @FieldResolver(() => SegmentRulesType, {
    description: 'Rules over customer attributes; empty = explicit members only.',
  })
  rules(@Root() segment: Segment): SegmentRules {
    return segment.rules;
  }

  @FieldResolver(() => Int, { description: 'Customers in the segment now (rules or explicit).' })
  memberCount(@Root() segment: Segment, @Ctx() ctx: SubgraphContext): Promise<number> {
    if (!isStaff(ctx.principal)) throw notFound('Segment', segment.id);
    return tenantsLoaders(ctx)
      .segmentMemberCount.load(segment.id)
      .then((n) => n ?? 0);
  }

  @Mutation(() => CreateSegmentPayload, { description: 'Create a segment; its membership is computed at once.' })
  async createSegment(
    @Arg('input', () => CreateSegmentInput) input: CreateSegmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateSegmentPayload> {
    const segment = await new SegmentService(ctx.em, ctx.principal).create(input.bankId, {
      name: input.name,
      rules: rulesOf(input.rules) ?? {},
      addMemberCustomerIds: input.memberCustomerIds,
    });
    return { segment };
  }

  @Mutation(() => UpdateSegmentPayload, { description: 'Change a segment; its membership follows at once.' })
  async updateSegment(
    @Arg('input', () => UpdateSegmentInput) input: UpdateSegmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateSegmentPayload> {
    const segment = await new SegmentService(ctx.em, ctx.principal).update(input.segmentId, {
      name: input.name,
      rules: rulesOf(input.rules),
      addMemberCustomerIds: input.addMemberCustomerIds,
      removeMemberCustomerIds: input.removeMemberCustomerIds,
    });
    return { segment };
  }
}

import {
  Arg,
  Args,
  Ctx,
  Directive,
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
import { requireRole } from '../../../core/identity';
import { FenAmount, Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Customer } from '../entities/customer';
import { BenefitFunding } from '../entities/benefit-rule';
import { Segment } from '../entities/segment';
import { Tier } from '../entities/tier';
import { Voucher, VoucherKind, VoucherRedemptionState } from '../entities/voucher';
import { requestNow, tenantsLoaders } from '../loaders';
import { idOf } from '../services/access';
import {
  usableVouchers,
  VoucherRedemptions,
  VoucherService,
  type CustomerVoucherRow,
} from '../services/voucher.service';

@ObjectType()
export class VoucherConnection extends ConnectionType(Voucher, 'Voucher') {}

@ObjectType({ description: 'A voucher the customer may use now, and how many more times.' })
export class CustomerVoucher {
  @Field(() => Voucher, { description: 'The voucher.' })
  voucher!: Voucher;

  @Field(() => Int, { description: 'Orders this customer may still use it on.' })
  usesLeft!: number;
}

@InputType({ description: 'A voucher for one tier, one segment or one customer (exactly one of the three).' })
export class IssueVoucherInput {
  @Field(() => ID, { nullable: true, description: 'Platform staff only: the bank.' })
  bankId?: string | null;

  @Field(() => String, { description: 'What customers see, 1–100 characters (e.g. “满200减30”).' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => VoucherKind, { description: 'AMOUNT_OFF or PERCENT_OFF.' })
  kind!: VoucherKind;

  @Field(() => FenAmount, { nullable: true, description: 'AMOUNT_OFF: fen off (1 to 100,000,000).' })
  amountOffFen?: number | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT_OFF: basis points off (1–10000).' })
  percentOffBp?: number | null;

  @Field(() => FenAmount, {
    nullable: true,
    description: 'PERCENT_OFF: the most off one order, in fen (omit: no cap).',
  })
  capFen?: number | null;

  @Field(() => FenAmount, {
    description: "The order's cash for goods, after tier, campaign and benefit discounts, must reach this (fen).",
  })
  minSpendFen!: number;

  @Field(() => Date, { description: 'Usable from (UTC).' })
  startsAt!: Date;

  @Field(() => Date, { description: 'Usable until (UTC, exclusive); at most 366 days after startsAt.' })
  endsAt!: Date;

  @Field(() => Int, { description: 'Orders one customer may use it on (1–100).' })
  perCustomerLimit!: number;

  @Field(() => FenAmount, { description: 'The most all orders together may take off, in fen (1 to 10^10).' })
  budgetFen!: number;

  @Field(() => BenefitFunding, { description: 'Who pays the discount.' })
  fundedBy!: BenefitFunding;

  @Field(() => Int, { nullable: true, description: "SHARED only: the bank's share in basis points (1–9999)." })
  bankShareBp?: number | null;

  @Field(() => ID, { nullable: true, description: 'For the customers holding this tier.' })
  tierId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For the members of this segment.' })
  segmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For this one customer.' })
  customerId?: string | null;
}

@InputType()
export class StopVoucherInput {
  @Field(() => ID, { description: 'The voucher.' })
  voucherId!: string;
}

@ObjectType()
export class VoucherPayload {
  @Field(() => Voucher, { description: 'The voucher.' })
  voucher!: Voucher;
}

@Resolver(() => Voucher)
export class VoucherResolver {
  @Query(() => VoucherConnection, {
    description: "The bank's vouchers, newest first (bank staff; the platform names bankId).",
  })
  vouchers(
    @Arg('bankId', () => ID, { nullable: true }) bankId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Voucher>> {
    return new VoucherService(ctx.em, ctx.principal).ofBank(bankId, page.first, page.after);
  }

  @Query(() => Voucher, { description: 'A voucher of your bank (bank staff).' })
  voucher(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Voucher> {
    return new VoucherService(ctx.em, ctx.principal).own(id);
  }

  @FieldResolver(() => GraphQLSafeInt, { nullable: true, description: 'AMOUNT_OFF: fen off.' })
  amountOffFen(@Root() v: Voucher): number | null {
    return v.kind === VoucherKind.AMOUNT_OFF ? v.value : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'PERCENT_OFF: basis points off.' })
  percentOffBp(@Root() v: Voucher): number | null {
    return v.kind === VoucherKind.PERCENT_OFF ? v.value : null;
  }

  @FieldResolver(() => GraphQLSafeInt, { nullable: true, description: 'PERCENT_OFF: the most off one order (fen).' })
  capFen(@Root() v: Voucher): number | null {
    return v.capFen ?? null;
  }

  @FieldResolver(() => GraphQLSafeInt, { description: 'budgetFen − spentFen.' })
  remainingFen(@Root() v: Voucher): number {
    return Math.max(0, v.budgetFen - v.spentFen);
  }

  @FieldResolver(() => Tier, { nullable: true, description: 'The tier it is for (or null).' })
  async tier(@Root() v: Voucher, @Ctx() ctx: SubgraphContext): Promise<Tier | null> {
    return v.tierId == null ? null : ((await tenantsLoaders(ctx).tier.load(v.tierId)) ?? null);
  }

  @FieldResolver(() => Segment, { nullable: true, description: 'The segment it is for (or null).' })
  async segment(@Root() v: Voucher, @Ctx() ctx: SubgraphContext): Promise<Segment | null> {
    return v.segmentId == null ? null : ((await tenantsLoaders(ctx).segment.load(v.segmentId)) ?? null);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The one customer it is for (or null).' })
  customerId(@Root() v: Voucher): string | null {
    return v.customerId == null ? null : String(v.customerId);
  }

  @Mutation(() => VoucherPayload, {
    description:
      'Issue a voucher to a tier, a segment or one customer (bank staff with RUN_CAMPAIGNS). It is one rule: every member holds it at once.',
  })
  async issueVoucher(
    @Arg('input', () => IssueVoucherInput) input: IssueVoucherInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VoucherPayload> {
    return { voucher: await new VoucherService(ctx.em, ctx.principal).issue({ ...input }, requestNow(ctx)) };
  }

  @Mutation(() => VoucherPayload, {
    description: 'Stop a voucher: no new order may use it; orders made keep their discount (bank staff).',
  })
  async stopVoucher(
    @Arg('input', () => StopVoucherInput) input: StopVoucherInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VoucherPayload> {
    return { voucher: await new VoucherService(ctx.em, ctx.principal).stop(input.voucherId, requestNow(ctx)) };
  }

  @Mutation(() => String, {
    description:
      "Internal (orders): use a voucher for an order (idempotent on the order): one of the customer's uses and the discount from the budget. RESERVED, or RELEASED when it was given back first; CONFLICT when no use or budget is left.",
  })
  @Directive('@inaccessible')
  reserveVoucher(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('voucherId', () => ID) voucherId: string,
    @Arg('discountFen', () => FenAmount) discountFen: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VoucherRedemptionState> {
    requireRole(ctx.principal, 'SERVICE');
    return new VoucherRedemptions(ctx.em as SqlEntityManager).reserve(
      idOf('Order', orderId),
      idOf('Customer', customerId),
      idOf('Voucher', voucherId),
      discountFen,
    );
  }

  @Mutation(() => String, {
    description:
      "Internal (orders): give back an order's voucher use and discount (idempotent; a tombstone when none).",
  })
  @Directive('@inaccessible')
  releaseVoucher(@Arg('orderId', () => ID) orderId: string, @Ctx() ctx: SubgraphContext): Promise<string> {
    requireRole(ctx.principal, 'SERVICE');
    return new VoucherRedemptions(ctx.em as SqlEntityManager).release(idOf('Order', orderId));
  }

  @Mutation(() => Boolean, {
    description: "Internal (orders): give a refund's share of the voucher discount back to its budget, once per key.",
  })
  @Directive('@inaccessible')
  async returnVoucherDiscount(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('returnKey', () => String) returnKey: string,
    @Arg('fen', () => FenAmount) fen: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    requireRole(ctx.principal, 'SERVICE');
    await new VoucherRedemptions(ctx.em as SqlEntityManager).giveBack(idOf('Order', orderId), returnKey, fen);
    return true;
  }
}

@Resolver(() => Customer)
export class CustomerVoucherResolver {
  @FieldResolver(() => [CustomerVoucher], {
    description:
      'Vouchers the customer may use now, soonest ending first: addressed to them, their tier or a segment of theirs, inside their window, with budget and uses left.',
  })
  async vouchers(@Root() customer: Customer, @Ctx() ctx: SubgraphContext): Promise<CustomerVoucherRow[]> {
    const loader = ctx.loaders.memo(CustomerVoucherResolver, () =>
      ctx.loaders.many<CustomerVoucherRow>('VouchersOfCustomer', async (keys) => {
        const found = await usableVouchers(ctx.em as SqlEntityManager, keys.map(Number), requestNow(ctx));
        return new Map([...found].map(([id, rows]) => [String(id), rows]));
      }),
    );
    return loader.load(customer.id);
  }
}

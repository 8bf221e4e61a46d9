/**
 * SERVICE-only operations other subgraphs call (hidden from the public supergraph with
 * @inaccessible). Shapes are documented in subgraphs/tenants/README.md.
 */
import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, notFound } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import type { SubgraphContext } from '../../../core/subgraph';
import { PriceMode } from '../entities/listing';
import { Customer } from '../entities/customer';
import { tenantsLoaders } from '../loaders';
import { idOf } from '../services/access';
import { CheckoutService } from '../services/checkout.service';
import { CampaignBudgetService } from '../services/campaign-budget.service';
import { CampaignBudgetHoldState } from '../entities/campaign';
import { TierService } from '../services/tier.service';
import { GraphQLSafeInt } from 'graphql-scalars';
import { FenAmount } from '../../../core/input-rules';
import { BenefitFunding } from '../entities/benefit-rule';
import { CustomerSegment } from '../entities/segment';

@ObjectType({ description: "Internal (loyalty): a bank's customer found by the bank's reference." })
@Directive('@inaccessible')
export class CustomerRefMatch {
  @Field(() => String, { description: "The bank's reference." })
  customerRef!: string;

  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;
}

@ObjectType({ description: 'Internal (loyalty): a customer belongs to a segment.' })
@Directive('@inaccessible')
export class CustomerSegmentPair {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => ID, { description: 'The segment.' })
  segmentId!: string;
}

@ObjectType({ description: 'Internal (loyalty): the tier a customer holds after new tier points.' })
@Directive('@inaccessible')
export class TierAssignment {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'The tier, if any.' })
  tierId!: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the tier, if any.' })
  tierName!: string | null;

  @Field(() => Boolean, { description: 'Whether the tier differs from before.' })
  changed!: boolean;

  @Field(() => Boolean, {
    description: 'False when a newer version of the tier points was already applied (this report changed nothing).',
  })
  applied!: boolean;

  @Field(() => ID, { nullable: true, description: 'The version of the tier points the tier now reflects.' })
  tierPointsVersion!: string | null;
}

@ObjectType({ description: 'Internal (loyalty): the bank a customer belongs to.' })
@Directive('@inaccessible')
export class CustomerBank {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => ID, { description: 'Their bank.' })
  bankId!: string;
}

@InputType({ description: 'Internal (orders): one line to price.' })
@Directive('@inaccessible')
export class PriceLineInput {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => Int, { description: 'Units.' })
  quantity!: number;
}

@ObjectType({ description: 'Internal (orders): one priced line.' })
@Directive('@inaccessible')
export class QuotedLine {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: number;

  @Field(() => ID, { description: 'The pool SKU.' })
  skuId!: number;

  @Field(() => Int, { description: 'Units.' })
  quantity!: number;

  @Field(() => PriceMode, { description: 'How the price is paid.' })
  priceMode!: PriceMode;

  @Field(() => GraphQLSafeInt, {
    description: "Points per unit (the customer's tier price, then a cheaper campaign, applied).",
  })
  unitPoints!: number;

  @Field(() => GraphQLSafeInt, {
    description: "Fen per unit (the customer's tier price, then a cheaper campaign, applied).",
  })
  unitFen!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Most units per customer across orders; orders enforces it over history.',
  })
  purchaseLimitPerCustomer!: number | null;

  @Field(() => ID, { nullable: true, description: 'The live campaign whose price applied.' })
  campaignId!: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "The customer's tier whose price applied (null: the base price, or a campaign price applied).",
  })
  tierId!: number | null;

  @Field(() => GraphQLSafeInt, {
    description: "What one unit takes from the campaign's budget, in fen (0 without a campaign price).",
  })
  campaignSubsidyFen!: number;

  @Field(() => GraphQLSafeInt, {
    description:
      "The supplier's share of the whole line's campaign subsidy (the campaign's supplierShareBp), fen rounded down; 0 without a campaign price.",
  })
  campaignSupplierFundedFen!: number;

  @Field(() => GraphQLSafeInt, {
    description: 'Benefit discounts on the whole line, fen (the order pays unitFen × quantity − this).',
  })
  discountFen!: number;

  @Field(() => GraphQLSafeInt, { description: 'Benefit discounts on the whole line, points.' })
  discountPoints!: number;

  @Field(() => [QuotedDiscount], { description: "The line's discounts, in the order applied." })
  discounts!: QuotedDiscount[];

  @Field(() => ID, { nullable: true, description: 'The QUOTA rule whose units the line uses.' })
  quotaRuleId!: number | null;

  @Field(() => Int, { description: 'Quota units the line uses (0: none).' })
  quotaUnits!: number;

  @Field(() => String, { nullable: true, description: 'The quota period the units count in.' })
  quotaPeriodKey!: string | null;
}

@ObjectType({ description: 'Internal (orders): one discount a line or an order got.' })
@Directive('@inaccessible')
export class QuotedDiscount {
  @Field(() => String, { description: 'QUOTA, THRESHOLD, PERCENT_OFF or VOUCHER.' })
  source!: string;

  @Field(() => ID, { description: 'The benefit rule (or, for VOUCHER, the voucher) it came from.' })
  ruleId!: number;

  @Field(() => GraphQLSafeInt, { description: 'Fen off.' })
  fen!: number;

  @Field(() => GraphQLSafeInt, { description: 'Points off.' })
  points!: number;

  @Field(() => BenefitFunding, { description: 'Who pays it.' })
  fundedBy!: BenefitFunding;

  @Field(() => Int, { description: "The bank's share in basis points." })
  bankShareBp!: number;
}

@InputType({ description: 'Internal (orders): quota units one order line uses.' })
@Directive('@inaccessible')
export class BenefitQuotaLineInput {
  @Field(() => ID, { description: 'The QUOTA rule.' })
  ruleId!: string;

  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => Int, { description: 'Units of the quota used.' })
  units!: number;

  @Field(() => String, { description: "The period the quote counted them in ('2026-11', '2026-Q4', '2026')." })
  periodKey!: string;
}

@InputType({ description: 'Internal (orders): the voucher an order used.' })
@Directive('@inaccessible')
export class VoucherUseInput {
  @Field(() => ID, { description: 'The voucher.' })
  voucherId!: string;

  @Field(() => FenAmount, { description: 'What it took off the order, as priceCheckout quoted it.' })
  discountFen!: number;
}

@InputType({ description: 'Internal (orders): one order line sold at a campaign price.' })
@Directive('@inaccessible')
export class CampaignBudgetLineInput {
  @Field(() => ID, { description: 'The campaign whose price applied.' })
  campaignId!: string;

  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => Int, { description: 'Units.' })
  quantity!: number;

  @Field(() => FenAmount, { description: 'Subsidy per unit in fen, as priceCheckout quoted it.' })
  unitSubsidyFen!: number;
}

@InputType({ description: 'Internal (orders): units of an order line refunded.' })
@Directive('@inaccessible')
export class CampaignBudgetReturnLineInput {
  @Field(() => ID, { description: 'The listing.' })
  listingId!: string;

  @Field(() => Int, { description: 'Units refunded.' })
  quantity!: number;
}

@ObjectType({ description: 'Internal (orders): one voucher the customer could use on the basket.' })
@Directive('@inaccessible')
export class QuotedVoucherOption {
  @Field(() => ID, { description: 'The voucher.' })
  voucherId!: number;

  @Field(() => String, { description: 'Its name.' })
  name!: string;

  @Field(() => GraphQLSafeInt, { description: 'What it would take off, in fen (0: below its minimum spend).' })
  discountFen!: number;

  @Field(() => GraphQLSafeInt, { description: 'Its minimum spend, in fen.' })
  minSpendFen!: number;

  @Field(() => Int, { description: 'Uses the customer has left.' })
  usesLeft!: number;

  @Field(() => Date, { description: 'When it ends.' })
  endsAt!: Date;
}

@ObjectType({ description: 'Internal (orders): a checkout priced at `pricedAt`.' })
@Directive('@inaccessible')
export class CheckoutQuote {
  @Field(() => ID, { description: 'The mall.' })
  mallId!: number;

  @Field(() => ID, { description: 'The customer.' })
  customerId!: number;

  @Field(() => ID, { description: 'The bank.' })
  bankId!: number;

  @Field(() => Int, { description: 'Points worth 1 CNY.' })
  pointsPerYuan!: number;

  @Field(() => Int, { description: 'Largest share of a price points may cover, basis points.' })
  maxPointsShareBp!: number;

  @Field(() => String, { description: "The bank's IANA time zone (report days, settlement months)." })
  timeZone!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The customer's tier when priced (null: none); orders keeps it for sales by tier.",
  })
  tierId!: number | null;

  @Field(() => Date, { description: 'When the prices were taken (UTC).' })
  pricedAt!: Date;

  @Field(() => [QuotedLine], { description: 'One per input line.' })
  lines!: QuotedLine[];

  @Field(() => GraphQLSafeInt, { description: 'Sum of unit points × quantity, less discounts.' })
  totalPoints!: number;

  @Field(() => GraphQLSafeInt, { description: 'Sum of unit fen × quantity, less discounts.' })
  totalFen!: number;

  @Field(() => [QuotedDiscount], { description: 'The order’s discounts, one per source and rule (lines summed).' })
  discounts!: QuotedDiscount[];

  @Field(() => Boolean, {
    description: "A FREE_SHIPPING benefit rule applies to this order: orders charges no supplier's shipping fee.",
  })
  freeShipping!: boolean;

  @Field(() => ID, { nullable: true, description: 'The voucher applied (null: none was asked for).' })
  voucherId!: number | null;

  @Field(() => GraphQLSafeInt, { description: 'What the voucher took off, in fen (within the lines’ discounts).' })
  voucherDiscountFen!: number;

  @Field(() => [QuotedVoucherOption], {
    description:
      "With withVoucherOptions: the customer's usable vouchers and what each would take off (largest first).",
  })
  voucherOptions!: QuotedVoucherOption[];
}

@Resolver()
export class InternalResolver {
  @Mutation(() => TierAssignment, { description: "Internal (loyalty): set a customer's tier from tier points." })
  @Directive('@inaccessible')
  async applyTierPoints(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('tierPoints', () => GraphQLSafeInt) tierPoints: number,
    @Arg('tierPointsVersion', () => ID, {
      description:
        'Orders reports: loyalty sends the id of the newest tier-track ledger entry the total includes; an older one than applied is ignored.',
    })
    tierPointsVersion: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TierAssignment> {
    requireRole(ctx.principal, 'SERVICE');
    const { customer, tier, changed, applied } = await new TierService(ctx.em, ctx.principal).applyTierPoints(
      customerId,
      tierPoints,
      tierPointsVersion,
    );
    return {
      customerId: String(customer.id),
      tierId: tier ? String(tier.id) : null,
      tierName: tier?.name ?? null,
      changed,
      applied,
      tierPointsVersion: customer.tierPointsVersion == null ? null : String(customer.tierPointsVersion),
    };
  }

  @Query(() => [ID], { description: 'Internal (loyalty): which of these segments the customer belongs to.' })
  @Directive('@inaccessible')
  async segmentMembership(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('segmentIds', () => [ID]) segmentIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<string[]> {
    requireRole(ctx.principal, 'SERVICE');
    if (segmentIds.length > 1000)
      throw badInput('At most 1,000 segment ids.', [{ field: 'segmentIds', message: 'at most 1000' }]);
    const customer = await ctx.em.findOne(Customer, idOf('Customer', customerId));
    if (!customer) throw notFound('Customer', customerId);
    const wanted = new Set(segmentIds.map(String));
    const mine = await tenantsLoaders(ctx).segmentIdsOfCustomer.load(customer.id);
    return mine.map(String).filter((id) => wanted.has(id));
  }

  @Query(() => [CustomerRefMatch], {
    description:
      "Internal (loyalty, bank event files): the bank's customers with these references (unknown ones are left out).",
  })
  @Directive('@inaccessible')
  async customersByRefs(
    @Arg('bankId', () => ID) bankId: string,
    @Arg('customerRefs', () => [String]) customerRefs: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomerRefMatch[]> {
    requireRole(ctx.principal, 'SERVICE');
    if (customerRefs.length > 1000)
      throw badInput('At most 1,000 customer references.', [{ field: 'customerRefs', message: 'at most 1000' }]);
    if (customerRefs.length === 0) return [];
    const found = await ctx.em.find(
      Customer,
      { bankId: Number(bankId), externalRef: { $in: [...new Set(customerRefs)] } },
      { fields: ['id', 'externalRef'] },
    );
    return found.map((c) => ({ customerRef: c.externalRef, customerId: String(c.id) }));
  }

  @Query(() => [CustomerSegmentPair], {
    description: 'Internal (loyalty, bank event files): which of these customers belong to which of these segments.',
  })
  @Directive('@inaccessible')
  async segmentMemberships(
    @Arg('customerIds', () => [ID]) customerIds: string[],
    @Arg('segmentIds', () => [ID]) segmentIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomerSegmentPair[]> {
    requireRole(ctx.principal, 'SERVICE');
    if (customerIds.length > 1000 || segmentIds.length > 1000)
      throw badInput('At most 1,000 customer ids and 1,000 segment ids.', [
        { field: customerIds.length > 1000 ? 'customerIds' : 'segmentIds', message: 'at most 1000' },
      ]);
    if (customerIds.length === 0 || segmentIds.length === 0) return [];
    const rows = await ctx.em.find(CustomerSegment, {
      customerId: { $in: customerIds.map(Number) },
      segmentId: { $in: segmentIds.map(Number) },
    });
    return rows.map((r) => ({ customerId: String(r.customerId), segmentId: String(r.segmentId) }));
  }

  @Query(() => [CustomerBank], {
    description: 'Internal (loyalty): the bank of each of these customers that exists (unknown ids are left out).',
  })
  @Directive('@inaccessible')
  async customerBanks(
    @Arg('customerIds', () => [ID]) customerIds: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomerBank[]> {
    requireRole(ctx.principal, 'SERVICE');
    if (customerIds.length > 1000)
      throw badInput('At most 1,000 customer ids.', [{ field: 'customerIds', message: 'at most 1000' }]);
    const customers = await tenantsLoaders(ctx).customer.loadMany(customerIds);
    return customers
      .filter((c): c is Customer => c instanceof Customer)
      .map((c) => ({ customerId: String(c.id), bankId: String(c.bankId) }));
  }

  @Query(() => CheckoutQuote, {
    description: 'Internal (orders): price a checkout now, or fail naming the ineligible listing.',
  })
  @Directive('@inaccessible')
  async priceCheckout(
    @Arg('mallId', () => ID) mallId: string,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('lines', () => [PriceLineInput]) lines: PriceLineInput[],
    @Ctx() ctx: SubgraphContext,
    @Arg('now', () => Date, {
      nullable: true,
      description: 'Price as at this instant (default: now); tests and previews pass it.',
    })
    now?: Date | null,
    @Arg('voucherId', () => ID, { nullable: true, description: 'The voucher the customer picked (optional).' })
    voucherId?: string | null,
    @Arg('withVoucherOptions', () => Boolean, {
      defaultValue: false,
      description: "Also price each of the customer's usable vouchers against the basket (checkout preview).",
    })
    withVoucherOptions?: boolean,
  ): Promise<CheckoutQuote> {
    requireRole(ctx.principal, 'SERVICE');
    return new CheckoutService(ctx.em).quote(
      mallId,
      customerId,
      lines,
      now ?? new Date(),
      voucherId ?? null,
      withVoucherOptions ?? false,
    );
  }

  @Mutation(() => String, {
    description:
      "Internal (orders): take an order's campaign subsidy from the budgets (idempotent on the order); RESERVED, or RELEASED when it was given back first. CONFLICT when a budget no longer covers it.",
  })
  @Directive('@inaccessible')
  async reserveCampaignBudget(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('lines', () => [CampaignBudgetLineInput]) lines: CampaignBudgetLineInput[],
    @Ctx() ctx: SubgraphContext,
    @Arg('customerId', () => ID, { nullable: true, description: 'The customer (required with quotas).' })
    customerId?: string | null,
    @Arg('quotas', () => [BenefitQuotaLineInput], {
      nullable: true,
      description: 'Quota units the order uses (benefit rules), reserved in the same call.',
    })
    quotas?: BenefitQuotaLineInput[] | null,
    @Arg('voucher', () => VoucherUseInput, {
      nullable: true,
      description: "The voucher the order used: one of the customer's uses and its discount from the budget.",
    })
    voucher?: VoucherUseInput | null,
  ): Promise<CampaignBudgetHoldState> {
    requireRole(ctx.principal, 'SERVICE');
    const customerKey = quotas?.length || voucher ? idOf('Customer', customerId ?? '') : 0;
    return new CampaignBudgetService(ctx.em).reserve(
      idOf('Order', orderId),
      lines.map((l) => ({
        campaignId: idOf('Campaign', l.campaignId),
        listingId: idOf('Listing', l.listingId),
        quantity: l.quantity,
        unitSubsidyFen: l.unitSubsidyFen,
      })),
      (quotas ?? []).map((q) => ({
        ruleId: idOf('BenefitRule', q.ruleId),
        listingId: idOf('Listing', q.listingId),
        customerId: customerKey,
        units: q.units,
        periodKey: q.periodKey,
      })),
      voucher
        ? { voucherId: idOf('Voucher', voucher.voucherId), customerId: customerKey, discountFen: voucher.discountFen }
        : null,
    );
  }

  @Mutation(() => String, {
    description:
      'Internal (orders): give back all the campaign subsidy an order holds (idempotent; leaves a tombstone when nothing was reserved).',
  })
  @Directive('@inaccessible')
  async releaseCampaignBudget(
    @Arg('orderId', () => ID) orderId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CampaignBudgetHoldState> {
    requireRole(ctx.principal, 'SERVICE');
    return new CampaignBudgetService(ctx.em).release(idOf('Order', orderId));
  }

  @Mutation(() => Boolean, {
    description: "Internal (orders): give back refunded units' campaign subsidy, once per refund key.",
  })
  @Directive('@inaccessible')
  async returnCampaignBudget(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('returnKey', () => String) returnKey: string,
    @Arg('lines', () => [CampaignBudgetReturnLineInput]) lines: CampaignBudgetReturnLineInput[],
    @Ctx() ctx: SubgraphContext,
    @Arg('voucherFen', () => FenAmount, {
      nullable: true,
      description: "The refund's share of the order's voucher discount, back to the voucher's budget.",
    })
    voucherFen?: number | null,
  ): Promise<boolean> {
    requireRole(ctx.principal, 'SERVICE');
    await new CampaignBudgetService(ctx.em).giveBack(
      idOf('Order', orderId),
      returnKey,
      lines.map((l) => ({ listingId: idOf('Listing', l.listingId), quantity: l.quantity })),
      voucherFen ?? 0,
    );
    return true;
  }
}

import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { SubgraphContext } from '../../../core/subgraph';
import { DiscountFunding, DiscountSource, OrderDiscount } from '../entities/order-line';
import { CheckoutService } from '../services/checkout.service';
import { netFen, netPoints } from '../services/money';
import { sagaPorts } from '../services/saga-ports';
import { CheckoutPreviewInput, ListingRef, SupplierRef } from './types';

@ObjectType({ description: 'One basket line priced as checkout would price it now.' })
export class CheckoutPreviewLine {
  @Field(() => ListingRef) listing!: ListingRef;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { description: 'POINTS, CASH or POINTS_PLUS_CASH.' }) priceMode!: string;
  @Field(() => GraphQLSafeInt, { description: 'Unit price in points: tier, then campaign price.' }) unitPoints!: number;
  @Field(() => GraphQLSafeInt, { description: 'Unit price in fen: tier, then campaign price.' }) unitFen!: number;
  @Field(() => ID, { nullable: true, description: 'The campaign whose price applies.' }) campaignId!: string | null;
  @Field(() => GraphQLSafeInt, { description: 'Benefit and voucher discounts on the line, fen.' }) discountFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'Benefit discounts on the line, points.' }) discountPoints!: number;
  @Field(() => GraphQLSafeInt, { description: 'unitFen × quantity − discountFen.' }) netFen!: number;
  @Field(() => GraphQLSafeInt, { description: 'unitPoints × quantity − discountPoints.' }) netPoints!: number;
  @Field(() => [OrderDiscount], { description: 'Its discounts, in the order applied.' }) discounts!: OrderDiscount[];
  @Field(() => Int, { description: 'Units priced with a benefit quota (e.g. this month’s free pass).' })
  quotaUnits!: number;
}

@ObjectType({ description: 'A supplier’s shipping fee on the basket (0: waived).' })
export class SupplierShippingFee {
  @Field(() => SupplierRef) supplier!: SupplierRef;
  @Field(() => GraphQLSafeInt) fen!: number;
}

@ObjectType({ description: 'One of the customer’s vouchers, priced against this basket.' })
export class VoucherOption {
  @Field(() => ID) voucherId!: string;
  @Field(() => String) name!: string;
  @Field(() => GraphQLSafeInt, { description: 'What it would take off, in fen (0: below its minimum spend).' })
  discountFen!: number;
  @Field(() => GraphQLSafeInt) minSpendFen!: number;
  @Field(() => Int, { description: 'Uses the customer has left.' }) usesLeft!: number;
  @Field(() => Date) endsAt!: Date;
}

@ObjectType({
  description:
    'What `checkout` would record for this basket now. Prices, budgets and quotas may change before the order is placed; checkout prices again.',
})
export class CheckoutPreview {
  @Field(() => [CheckoutPreviewLine]) lines!: CheckoutPreviewLine[];
  @Field(() => [OrderDiscount], { description: 'The discounts of the basket, one per source and rule.' })
  discounts!: OrderDiscount[];
  @Field(() => ID, { nullable: true, description: 'The voucher priced with (null: none asked for).' })
  voucherId!: string | null;
  @Field(() => GraphQLSafeInt) voucherDiscountFen!: number;
  @Field(() => [VoucherOption], { description: "The customer's usable vouchers, the largest discount first." })
  voucherOptions!: VoucherOption[];
  @Field(() => GraphQLSafeInt, { description: 'Points to pay: the lines’ net points plus points applied to cash.' })
  totalPoints!: number;
  @Field(() => GraphQLSafeInt) pointsAppliedToCash!: number;
  @Field(() => GraphQLSafeInt, { description: 'The most points this basket may apply to cash (the bank’s cap).' })
  maxPointsToUse!: number;
  @Field(() => GraphQLSafeInt, { description: 'Shipping fees within cashFen.' }) shippingFen!: number;
  @Field(() => [SupplierShippingFee]) shippingBySupplier!: SupplierShippingFee[];
  @Field(() => Boolean, { description: 'A FREE_SHIPPING benefit waives every fee.' }) freeShipping!: boolean;
  @Field(() => GraphQLSafeInt, { description: 'Cash to pay, in fen: goods after discounts and points, plus shipping.' })
  cashFen!: number;
}

const discountOf = (d: {
  source: string;
  ruleId: string;
  fen: number;
  points: number;
  fundedBy: string;
  bankShareBp: number;
}) =>
  ({
    source: d.source as DiscountSource,
    ruleId: Number(d.ruleId),
    fen: d.fen,
    points: d.points,
    fundedBy: d.fundedBy as DiscountFunding,
    bankShareBp: d.bankShareBp,
  }) as OrderDiscount;

@Resolver()
export class CheckoutPreviewResolver {
  @Query(() => CheckoutPreview, {
    description:
      "Prices a basket as checkout would now — tier and campaign prices, benefit discounts, the voucher, points, shipping — and lists the customer's vouchers with what each takes off (customers, through their bank's app).",
  })
  async checkoutPreview(
    @Arg('input', () => CheckoutPreviewInput) input: CheckoutPreviewInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CheckoutPreview> {
    const { quote, totals, shippingBySupplier, maxPointsToUse } = await new CheckoutService(
      ctx.em,
      sagaPorts(),
      ctx.log,
    ).preview(ctx.principal, input);
    return {
      lines: quote.lines.map((l) => ({
        listing: { id: l.listingId } as ListingRef,
        quantity: l.quantity,
        priceMode: l.priceMode,
        unitPoints: l.unitPoints,
        unitFen: l.unitFen,
        campaignId: l.campaignId ?? null,
        discountFen: l.discountFen,
        discountPoints: l.discountPoints,
        netFen: netFen(l),
        netPoints: netPoints(l),
        discounts: l.discounts.map(discountOf),
        quotaUnits: l.quotaUnits,
      })),
      discounts: quote.discounts.map(discountOf),
      voucherId: quote.voucherId ?? null,
      voucherDiscountFen: quote.voucherDiscountFen,
      voucherOptions: (quote.voucherOptions ?? []).map((o) => ({ ...o, endsAt: new Date(o.endsAt) })),
      totalPoints: totals.totalPoints,
      pointsAppliedToCash: totals.pointsAppliedToCash,
      maxPointsToUse,
      shippingFen: totals.shippingFen,
      shippingBySupplier: shippingBySupplier.map((s) => ({
        supplier: { id: s.supplierId } as SupplierRef,
        fen: s.fen,
      })),
      freeShipping: quote.freeShipping,
      cashFen: totals.cashFen,
    };
  }
}

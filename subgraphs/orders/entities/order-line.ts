import { Entity, Index, OptionalProps, Property, BigIntType, type Opt } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, EnumColumn } from '../../../core/entity';
import { API_DELIVERY_MODES, DeliveryMode } from '../../../core/perk-delivery';

export enum LineKind {
  PHYSICAL = 'PHYSICAL',
  VIRTUAL = 'VIRTUAL',
}
registerEnumType(LineKind, { name: 'OrderLineKind' });

/** One listing bought in an order, with every price as it was when the order was placed. */
@Entity({ tableName: 'order_line' })
@ObjectType({ description: 'One listing in an order, priced as at checkout.' })
export class OrderLine {
  [OptionalProps]?:
    | 'campaignSubsidyFen'
    | 'discountFen'
    | 'discountPoints'
    | 'quotaRuleId'
    | 'quotaUnits'
    | 'quotaPeriodKey'
    | 'supplierFundedFen'
    | 'deliveryMode'
    | 'recipientAccount'
    | 'partnerProductCode'
    | 'campaignSupplierFundedFen'
    | 'categoryPath';

  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  @Index()
  supplierOrderId!: number;

  @Property({ type: 'integer' })
  listingId!: number;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @EnumColumn(() => LineKind, { length: 16, field: true })
  kind!: LineKind;

  /** How a virtual line is delivered (the SKU's mode at checkout); null for physical goods. */
  @EnumColumn(() => DeliveryMode, {
    length: 16,
    nullable: true,
    field: 'How a virtual line is delivered (the SKU’s mode at checkout); null for physical goods.',
  })
  deliveryMode?: DeliveryMode | null = null;

  /** DIRECT_TOPUP: the customer's account at the partner (personal data: shown through OrderLine.recipientAccount). */
  @Property({ type: 'string', length: 128, nullable: true })
  recipientAccount?: string | null = null;

  /** DIRECT_TOPUP / PARTNER_ISSUED: the partner's product code at checkout (sent with each unit's issue request). */
  @Property({ type: 'string', length: 64, nullable: true })
  partnerProductCode?: string | null = null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'SKU title at the time of the order.' })
  title!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Points per unit (campaign applied).' })
  unitPoints!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, {
    description: 'Cash per unit in fen (campaign applied), before points applied to cash.',
  })
  unitFen!: number;

  /** What the bank owes the supplier per unit (the basis of settlement). */
  @Property({ type: new BigIntType('number') })
  supplierPriceFen!: number;

  @Property({ type: 'integer', nullable: true })
  campaignId?: number | null;

  /** What one unit took from the campaign's budget, in fen (tenants' quote); 0 without a campaign. */
  @Property({ type: new BigIntType('number'), default: 0 })
  campaignSubsidyFen: number = 0;

  /** The supplier's share of the line's campaign subsidy (all units), in fen (tenants' quote; 0: the bank pays all). */
  @Property({ type: new BigIntType('number'), default: 0 })
  campaignSupplierFundedFen: number = 0;

  /** The SKU's category path at checkout ("/1/7/42/", catalog): picks the commission rate. Null before it was recorded. */
  @Property({ type: 'string', length: 255, nullable: true })
  categoryPath?: string | null = null;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Units refunded so far.' })
  refundedQuantity: number = 0;

  /**
   * Benefit discounts on the whole line in fen (quota units, its share of the order's threshold and
   * percent-off discounts): the line's net cash is unitFen × quantity − discountFen.
   */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description:
      'Discounts on the whole line, fen: the line pays unitFen × quantity − discountFen (before points applied to cash).',
  })
  discountFen: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description: 'Discounts on the whole line, points: it pays unitPoints × quantity − discountPoints.',
  })
  discountPoints: number = 0;

  /** The QUOTA benefit rule whose units the line used (tenants holds the counter), how many, in which period. */
  @Property({ type: 'integer', nullable: true })
  quotaRuleId?: number | null = null;

  @Property({ type: 'integer', default: 0 })
  quotaUnits: number = 0;

  @Property({ type: 'string', length: 8, nullable: true })
  quotaPeriodKey?: string | null = null;

  /**
   * The supplier's share of the line's discounts, in fen (points valued at the bank's points value
   * when the order was placed, rounded down): SUPPLIER ones whole, SHARED ones less the bank's
   * share. Settlement takes it off what the bank owes the supplier for the delivered units.
   */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, {
    description:
      "The supplier's share of the line's discounts, in fen: taken off what the bank owes it for the delivered units.",
  })
  supplierFundedFen: number = 0;

  /**
   * Days after delivery within which the customer may return the units (the SKU's category setting, or
   * the platform default, as at checkout); 0: no returns (card codes and other virtual goods, opened cards).
   */
  @Property({ type: 'integer', default: 7 })
  @Field(() => Int, { description: 'Days after delivery within which units may be returned (0: no returns).' })
  returnDays: number & Opt = 7;
}

/** A virtual line delivered unit by unit by the supplier's API or the bank's systems (not from a code pool). */
export function deliveredPerUnit(line: Pick<OrderLine, 'kind' | 'deliveryMode'>): boolean {
  return (
    line.kind === LineKind.VIRTUAL &&
    (API_DELIVERY_MODES.includes(line.deliveryMode as DeliveryMode) || line.deliveryMode === DeliveryMode.BANK_SYSTEM)
  );
}

/** A virtual line whose codes come from a pool at payment (every virtual line before delivery modes). */
export function fromCodePool(line: Pick<OrderLine, 'kind' | 'deliveryMode'>): boolean {
  return line.kind === LineKind.VIRTUAL && !deliveredPerUnit(line);
}

export enum DiscountSource {
  QUOTA = 'QUOTA',
  THRESHOLD = 'THRESHOLD',
  PERCENT_OFF = 'PERCENT_OFF',
  VOUCHER = 'VOUCHER',
}
registerEnumType(DiscountSource, {
  name: 'DiscountSource',
  description:
    'Where a discount came from, in the order checkout applies them: QUOTA → THRESHOLD → PERCENT_OFF → VOUCHER.',
});

export enum DiscountFunding {
  BANK = 'BANK',
  SUPPLIER = 'SUPPLIER',
  SHARED = 'SHARED',
}
registerEnumType(DiscountFunding, {
  name: 'BenefitFunding',
  description: "Who pays a discount: the bank, the supplier, or both (the bank's share in basis points).",
});

/**
 * One discount one order line got (its share of an order-level one), with who funds it: the
 * record settlement will use. Rows of a line sum to its discountFen / discountPoints.
 */
@Entity({ tableName: 'order_discount' })
@ObjectType({ description: 'A discount on one order line, and who funds it.' })
export class OrderDiscount {
  [OptionalProps]?: 'bankShareBp';

  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  @Index()
  orderLineId!: number;

  @Property({ type: 'integer' })
  supplierOrderId!: number;

  @EnumColumn(() => DiscountSource, { length: 16, field: 'Where it came from.' })
  source!: DiscountSource;

  @Property({ type: 'integer' })
  @Field(() => ID, { description: 'The benefit rule it came from (for VOUCHER: the voucher).' })
  ruleId!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Fen off this line.' })
  fen!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Points off this line.' })
  points!: number;

  @EnumColumn(() => DiscountFunding, { length: 16, field: 'Who pays it.' })
  fundedBy!: DiscountFunding;

  @Property({ type: 'integer', default: 10000 })
  @Field(() => Int, { description: "The bank's share in basis points (BANK 10000, SUPPLIER 0)." })
  bankShareBp: number = 10000;
}

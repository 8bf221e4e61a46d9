import { Entity, Index, OptionalProps, Property, BigIntType } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, EnumColumn } from '../../../core/entity';

export enum LineKind {
  PHYSICAL = 'PHYSICAL',
  VIRTUAL = 'VIRTUAL',
}
registerEnumType(LineKind, { name: 'OrderLineKind' });

/** One listing bought in an order, with every price as it was when the order was placed. */
@Entity({ tableName: 'order_line' })
@ObjectType({ description: 'One listing in an order, priced as at checkout.' })
export class OrderLine {
  [OptionalProps]?: 'campaignSubsidyFen';

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

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Units refunded so far.' })
  refundedQuantity: number = 0;
}

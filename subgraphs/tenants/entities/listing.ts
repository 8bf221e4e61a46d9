import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Mall } from './mall';

export enum PriceMode {
  POINTS = 'POINTS',
  CASH = 'CASH',
  POINTS_PLUS_CASH = 'POINTS_PLUS_CASH',
}
registerEnumType(PriceMode, { name: 'PriceMode', description: 'How a listing is paid for.' });

export enum ListingStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}
registerEnumType(ListingStatus, { name: 'ListingStatus' });

/** A bank's offer of one catalog SKU in one of its malls. */
@Entity({ tableName: 'listing' })
@Unique({ properties: ['mall', 'skuId'] })
@Index({ name: 'listing_mall_rank', properties: ['mall', 'featuredRank', 'id'] })
@ObjectType({ description: "A bank's offer of one pool SKU in one mall, with its price." })
@Directive('@key(fields: "id")')
export class Listing {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @ManyToOne(() => Mall, { ref: true })
  mall!: Ref<Mall>;

  /** Denormalised owner, so every tenancy check is one column. */
  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  /** The catalog SKU (owned by the catalog subgraph; referenced by id only). */
  @Property({ type: 'integer' })
  skuId!: number;

  @Enum({ items: () => PriceMode, type: 'string', length: 20 })
  @Field(() => PriceMode)
  priceMode!: PriceMode;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Points part of the price.' })
  pricePoints: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Cash part of the price, in fen.' })
  priceFen: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Higher shows first.' })
  featuredRank: number = 0;

  @Enum({ items: () => ListingStatus, type: 'string', length: 16 })
  @Field(() => ListingStatus)
  status: ListingStatus = ListingStatus.ACTIVE;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date)
  createdAt: Date = new Date();
}

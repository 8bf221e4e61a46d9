import { Entity, Index, Property, BigIntType } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey } from '../../../core/entity';

/**
 * Redeemable points earned together and expiring together. Spending consumes lots
 * first-expiring-first; `remaining` over an account's lots always equals its available points.
 */
@ObjectType('PointsLot', {
  description: 'Redeemable points earned together, with what is left of them and when that expires.',
})
@Entity({ tableName: 'points_lot' })
@Index({ name: 'lot_account_fefo', properties: ['accountId', 'expiresAt', 'id'] })
@Index({ name: 'lot_expiry_due', properties: ['expiresAt', 'remaining'] })
export class PointsLot {
  @Field(() => ID, { description: 'Unique id.' })
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  accountId!: number;

  @Field(() => GraphQLSafeInt, { description: 'Points the lot started with.' })
  @Property({ type: new BigIntType('number') })
  amount!: number;

  @Field(() => GraphQLSafeInt, { description: 'Points of it not yet spent or expired.' })
  @Property({ type: new BigIntType('number') })
  remaining!: number;

  @Field(() => Date, { description: 'When the points were earned.' })
  @Property({ type: 'datetime' })
  earnedAt!: Date;

  /** Null: never expires. */
  @Field(() => Date, { nullable: true, description: 'When what remains expires; null: never.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'integer' })
  entryId!: number;
}

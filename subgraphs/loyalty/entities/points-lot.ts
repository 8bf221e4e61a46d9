import { Entity, Index, Property, BigIntType } from '@mikro-orm/core';
import { IdKey } from '../../../core/entity';

/**
 * Redeemable points earned together and expiring together. Spending consumes lots
 * first-expiring-first; `remaining` over an account's lots always equals its available points.
 */
@Entity({ tableName: 'points_lot' })
@Index({ name: 'lot_account_fefo', properties: ['accountId', 'expiresAt', 'id'] })
@Index({ name: 'lot_expiry_due', properties: ['expiresAt', 'remaining'] })
export class PointsLot {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  accountId!: number;

  @Property({ type: new BigIntType('number') })
  amount!: number;

  @Property({ type: new BigIntType('number') })
  remaining!: number;

  @Property({ type: 'datetime' })
  earnedAt!: Date;

  /** Null: never expires. */
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'integer' })
  entryId!: number;
}

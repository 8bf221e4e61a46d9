import { Entity, Property, BigIntType } from '@mikro-orm/core';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

export enum HoldState {
  HELD = 'HELD',
  CAPTURED = 'CAPTURED',
  RELEASED = 'RELEASED',
}

/** Points held for one order during checkout; the order id makes every step idempotent. */
@Entity({ tableName: 'points_hold' })
export class PointsHold {
  @IdKey()
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  orderId!: string;

  @Property({ type: 'integer' })
  accountId!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: new BigIntType('number') })
  amount!: number;

  @EnumColumn(() => HoldState, { length: 16 })
  state!: HoldState;

  /** Points returned after capture (refunds), never more than `amount`. */
  @Property({ type: new BigIntType('number'), default: 0 })
  refunded: number = 0;

  @CreatedAt()
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  settledAt?: Date | null;
}

/** Which lots a hold drew from, so a release puts points back where they came from. */
@Entity({ tableName: 'points_hold_allocation' })
export class PointsHoldAllocation {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  holdId!: number;

  @Property({ type: 'integer' })
  lotId!: number;

  @Property({ type: new BigIntType('number') })
  amount!: number;

  /** Points put back into the lot by a release or refunds. */
  @Property({ type: new BigIntType('number'), default: 0 })
  returned: number = 0;
}

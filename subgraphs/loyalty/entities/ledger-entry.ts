import { GraphQLSafeInt } from 'graphql-scalars';
import { Entity, Index, Property, BigIntType } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

export enum LedgerEntryType {
  EARN = 'EARN',
  HOLD = 'HOLD',
  CAPTURE = 'CAPTURE',
  RELEASE = 'RELEASE',
  REFUND = 'REFUND',
  EXPIRE = 'EXPIRE',
  ADJUST = 'ADJUST',
}
registerEnumType(LedgerEntryType, { name: 'LedgerEntryType', description: 'What changed a balance.' });

export enum PointsTrack {
  REDEEMABLE = 'REDEEMABLE',
  TIER = 'TIER',
}
registerEnumType(PointsTrack, {
  name: 'PointsTrack',
  description: 'Redeemable points (spent in the mall) or tier points (decide the tier).',
});

/**
 * An immutable ledger entry. `availableDelta`/`heldDelta` move redeemable points between
 * "available" and "held" (a HOLD is -n/+n, a CAPTURE 0/-n); `tierDelta` moves tier points. The
 * idempotency key (unique) makes every writer safe to retry.
 */
@Entity({ tableName: 'points_ledger_entry' })
@Index({ name: 'ledger_account_newest', properties: ['accountId', 'id'] })
@Index({ name: 'ledger_bank_time', properties: ['bankId', 'occurredAt'] })
@ObjectType('PointsLedgerEntry', { description: 'One immutable change to a points balance.' })
export class PointsLedgerEntry {
  @IdKey({ field: true })
  id!: number;

  @Property({ type: 'integer' })
  accountId!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @EnumColumn(() => LedgerEntryType, { length: 16, field: true })
  type!: LedgerEntryType;

  @EnumColumn(() => PointsTrack, { length: 16, field: true })
  track!: PointsTrack;

  /** Signed change to the points the customer can spend (or to tier points, on the TIER track). */
  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Signed change to available points (or tier points on the TIER track).' })
  amount!: number;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Signed change to held points.' })
  heldDelta: number = 0;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'What caused it, e.g. "order:42" or "rule:3 event:9".' })
  source!: string;

  @Property({ type: 'string', length: 190, unique: true })
  idempotencyKey!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: 'Operator note for adjustments.' })
  reason?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  occurredAt!: Date;

  @CreatedAt()
  createdAt: Date = new Date();
}

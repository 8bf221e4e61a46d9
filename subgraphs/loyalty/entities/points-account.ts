import { Entity, Index, Property, BigIntType } from '@mikro-orm/core';
import { IdKey, CreatedAt } from '../../../core/entity';

/**
 * One customer's points on both tracks, a cache of what the ledger says: every change is a ledger
 * entry written in the same transaction as a conditional UPDATE of these columns, and
 * `verifyLedger` recomputes them from the entries.
 */
@Entity({ tableName: 'points_account' })
export class PointsAccount {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'integer', unique: true })
  customerId!: number;

  /** Redeemable points (产品积分) available to spend. */
  @Property({ type: new BigIntType('number'), default: 0 })
  redeemable: number = 0;

  /** Redeemable points held by checkouts awaiting capture or release. */
  @Property({ type: new BigIntType('number'), default: 0 })
  held: number = 0;

  /** Tier points (定级积分): decide the tier, never spent. */
  @Property({ type: new BigIntType('number'), default: 0 })
  tierPoints: number = 0;

  /** The tier the tenants subgraph assigned for `tierPoints` (it owns the thresholds). */
  @Property({ type: 'string', length: 64, nullable: true })
  tierName?: string | null;

  /** The tier-points version (newest tier-track entry id) `tierName` reflects; older answers never overwrite it. */
  @Property({ type: 'bigint', nullable: true })
  tierNameVersion?: string | null;

  @CreatedAt()
  createdAt: Date = new Date();
}

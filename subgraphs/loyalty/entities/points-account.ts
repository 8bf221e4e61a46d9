import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One customer's points on both tracks. Balances change only through ledger entries, by
 * conditional UPDATE in the same transaction as the entry.
 */
@Entity({ tableName: 'points_account' })
export class PointsAccount {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'integer', unique: true })
  customerId!: number;

  /** Redeemable points (产品积分): spent in the mall. */
  @Property({ type: 'integer', default: 0 })
  redeemable: number = 0;

  /** Points held by checkouts awaiting capture. */
  @Property({ type: 'integer', default: 0 })
  held: number = 0;

  /** Tier points (定级积分): decide the tier, never spent. */
  @Property({ type: 'integer', default: 0 })
  tierPoints: number = 0;

  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

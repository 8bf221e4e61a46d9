import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The shared pool's health as last counted (one row, id 1): `poolHealth` reads this row instead of
 * counting the 2M-row `sku` table per call. A background task recounts it every
 * PERKMALL_POOL_HEALTH_CACHE_MS; `leaseUntil` makes one replica at a time do so (taken by a
 * conditional UPDATE, services/pool-health.service.ts).
 */
@Entity({ tableName: 'pool_health_snapshot' })
export class PoolHealthSnapshot {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'integer', default: 0 })
  skusOnSale: number = 0;

  @Property({ type: 'integer', default: 0 })
  outOfStock: number = 0;

  @Property({ type: 'integer', default: 0 })
  cardPoolsRunningDry: number = 0;

  @Property({ type: 'integer', default: 0 })
  cardPoolsEmpty: number = 0;

  /** When the figures were counted; null until the first count. */
  @Property({ type: 'datetime', nullable: true })
  computedAt?: Date | null = null;

  /** Who is counting now (process id), and until when the others leave it to them. */
  @Property({ type: 'string', length: 64, nullable: true })
  leaseOwner?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null = null;
}

import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { IdKey, EnumColumn } from '../../../core/entity';
import { registerEnumType } from 'type-graphql';

export enum PerkUnitState {
  PROCESSING = 'PROCESSING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(PerkUnitState, {
  name: 'PerkUnitState',
  description: 'One unit of a perk delivered by a partner or the bank: PROCESSING, then DELIVERED or FAILED.',
});

/**
 * One unit of an order line delivered unit by unit (DIRECT_TOPUP, PARTNER_ISSUED, BANK_SYSTEM), as
 * orders books it: created PROCESSING at confirmation; the outcome logistics reports moves it once
 * (a conditional UPDATE), and that move is what settles it — DELIVERED counts in settlement, FAILED
 * is refunded. The key `(order_line_id, unit_index)` is the unit's idempotency key `pm-<line>-<unit>`.
 */
@Entity({ tableName: 'perk_unit' })
@Unique({ name: 'perk_unit_key', properties: ['orderLineId', 'unitIndex'] })
export class PerkUnit {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  @Index()
  supplierOrderId!: number;

  @Property({ type: 'integer' })
  orderLineId!: number;

  @Property({ type: 'integer' })
  unitIndex!: number;

  @EnumColumn(() => PerkUnitState, { length: 16 })
  state: PerkUnitState = PerkUnitState.PROCESSING;

  /** When the outcome was booked. */
  @Property({ type: 'datetime', nullable: true })
  settledAt?: Date | null;

  /** FAILED: the refund that gave the unit's points and cash back. */
  @Property({ type: 'integer', nullable: true })
  refundId?: number | null;
}

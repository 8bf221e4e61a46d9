import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { IdKey } from '../../../core/entity';

/**
 * Which catalog card code an order line received. Only the code's id is kept here; the code itself
 * stays encrypted in the catalog and is revealed to the customer through logistics.
 */
@Entity({ tableName: 'issued_code' })
@Unique({ properties: ['codeId'] })
export class IssuedCode {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  orderId!: number;

  @Property({ type: 'integer' })
  orderLineId!: number;

  @Property({ type: 'integer' })
  customerId!: number;

  @Property({ type: 'integer' })
  skuId!: number;

  @Property({ type: 'integer' })
  codeId!: number;

  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'datetime' })
  issuedAt: Date = new Date();
}

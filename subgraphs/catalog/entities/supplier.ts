import { BigIntType, Entity, OptionalProps, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt } from '../../../core/entity';

@Entity({ tableName: 'supplier' })
@ObjectType({ description: 'A company that publishes goods into the shared pool and ships them.' })
@Directive('@key(fields: "id")')
export class Supplier {
  [OptionalProps]?: 'shippingFeeFen' | 'freeShippingOverFen' | 'createdAt';

  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 40, unique: true })
  @Field(() => String, { description: 'Short unique code, e.g. "JD-GOODS".' })
  code!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  /** Charged once per supplier order with physical goods (orders adds it to the cash due); 0 = free. */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, {
    description: 'Shipping fee in fen, charged once per order of physical goods from this supplier (0: none).',
  })
  shippingFeeFen: number = 0;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description:
      "No shipping fee when the order's goods from this supplier are worth at least this, in fen (points at the bank's value); null: no such threshold.",
  })
  freeShippingOverFen?: number | null = null;

  @CreatedAt({ field: 'When it was created.' })
  createdAt: Date = new Date();
}

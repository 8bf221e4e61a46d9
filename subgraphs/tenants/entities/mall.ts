import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Bank } from './bank';
import { IdKey, CreatedAt } from '../../../core/entity';

@Entity({ tableName: 'mall' })
@ObjectType({ description: "A bank's storefront, e.g. its credit-card mall." })
@Directive('@key(fields: "id")')
export class Mall {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @ManyToOne(() => Bank, { ref: true })
  bank!: Ref<Bank>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @CreatedAt({ field: 'When it was created (UTC).' })
  createdAt: Date = new Date();
}

import { Entity, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { IdKey, CreatedAt } from '../../../core/entity';

@Entity({ tableName: 'supplier' })
@ObjectType({ description: 'A company that publishes goods into the shared pool and ships them.' })
@Directive('@key(fields: "id")')
export class Supplier {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 40, unique: true })
  @Field(() => String, { description: 'Short unique code, e.g. "JD-GOODS".' })
  code!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @CreatedAt({ field: 'When it was created.' })
  createdAt: Date = new Date();
}

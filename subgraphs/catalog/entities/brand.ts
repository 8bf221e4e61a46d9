import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'brand' })
@ObjectType({ description: 'A brand; many suppliers may sell the same brand.' })
@Directive('@key(fields: "id")')
export class Brand {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID, { description: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 200, unique: true })
  @Field(() => String, { description: 'Brand name as shown to customers.' })
  name!: string;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date, { description: 'When it was created.' })
  createdAt: Date = new Date();
}

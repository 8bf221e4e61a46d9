import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'supplier' })
@ObjectType({ description: 'A company that publishes goods into the shared pool and ships them.' })
@Directive('@key(fields: "id")')
export class Supplier {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID, { description: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 40, unique: true })
  @Field(() => String, { description: 'Short unique code, e.g. "JD-GOODS".' })
  code!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date, { description: 'When it was created.' })
  createdAt: Date = new Date();
}

import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Bank } from './bank';

@Entity({ tableName: 'mall' })
@ObjectType({ description: "A bank's storefront, e.g. its credit-card mall." })
@Directive('@key(fields: "id")')
export class Mall {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID, { description: 'Unique id.' })
  id!: number;

  @ManyToOne(() => Bank, { ref: true })
  bank!: Ref<Bank>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date, { description: 'When it was created (UTC).' })
  createdAt: Date = new Date();
}

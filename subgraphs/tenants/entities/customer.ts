import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A bank's customer: the bank's own reference plus the attributes segments use, nothing more. */
@Entity({ tableName: 'customer' })
@Unique({ properties: ['bankId', 'externalRef'] })
@ObjectType({ description: "A bank's customer (the bank's own reference, no more personal data than segments need)." })
@Directive('@key(fields: "id")')
export class Customer {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: "The bank's own customer reference." })
  externalRef!: string;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date)
  createdAt: Date = new Date();
}
